"""manage.py backup and restore: every row, every scan byte for byte, archived PDFs whose
SHA-256 still matches, in a new PostgreSQL database; bad files refused before any change."""

import datetime
import hashlib
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from borderwork.indicators.rebuild import rebuild
from borderwork.periods import Quarter
from borderwork.reports import tasks, workflow
from borderwork.reports.models import IssueStatus
from tests import factories

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="backup and restore need PostgreSQL"
    ),
]

SCAN = b"%PDF-1.4\n" + os.urandom(300_000)
PHOTO = b"\xff\xd8\xff\xe0" + os.urandom(50_000)


def server_dsn(dbname: str) -> str:
    db = settings.DATABASES["default"]
    return psycopg.conninfo.make_conninfo(
        dbname=dbname,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
    )


@pytest.fixture
def empty_database():
    """A new database of its own, dropped afterwards."""
    name = f"{settings.DATABASES['default']['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server_dsn("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(server_dsn("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args: str, database: str, **env: str) -> subprocess.CompletedProcess:
    """manage.py in its own process against another database, as an operator runs it."""
    db = settings.DATABASES["default"]
    url = f"postgresql://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{database}"
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "true", **env}
    return subprocess.run(  # noqa: S603 (this Python and manage.py, no shell)
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def table_fingerprints(dsn: str) -> dict[str, tuple[int, str]]:
    """Every table's row count and a digest of all its rows, in a stable order."""
    with psycopg.connect(dsn) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        out = {}
        for table in tables:
            rows = "coalesce(string_agg(t::text, chr(10) ORDER BY t::text), '')"
            query = f'SELECT count(*), md5({rows}) FROM "{table}" t'  # noqa: S608 (catalog names)
            out[table] = conn.execute(query).fetchone()
        return out


@pytest.fixture
def filled(world):
    """Records, two scans and an issued report with its archived PDF."""
    regulation = factories.CoordinationRegulationFactory(
        commune=world.merged, station=world.station_bp, signed_on=datetime.date(2025, 8, 15)
    )
    regulation.document.save("quy-che.pdf", ContentFile(SCAN))
    other = factories.CoordinationRegulationFactory(
        commune=world.dan_hoa, station=world.station_qb, signed_on=datetime.date(2025, 3, 1)
    )
    other.document.save("anh.jpg", ContentFile(PHOTO))
    programme = factories.ProgrammeFactory()
    for day in range(1, 6):
        factories.SupportRecordFactory(
            programme=programme, commune=world.loc_an, given_on=datetime.date(2025, 5, day)
        )
    rebuild()
    report = workflow.draft(world.users["staff-bp"], "province", world.bp, Quarter(2025, 2))
    issued = tasks.queue_issue(report, world.users["staff-bp"])
    issued.refresh_from_db()
    assert issued.status == IssueStatus.DONE
    return {"scans": {regulation.pk: SCAN, other.pk: PHOTO}, "issued": issued}


def test_a_backup_restored_into_a_new_database_loses_nothing(filled, tmp_path, empty_database):
    backup_file = tmp_path / "borderwork.backup"
    call_command("backup", str(backup_file))

    restored = manage("restore", str(backup_file), database=empty_database)
    assert restored.returncode == 0, restored.stderr

    source = table_fingerprints(server_dsn(settings.DATABASES["default"]["NAME"]))
    copy = table_fingerprints(server_dsn(empty_database))
    assert copy == source
    assert source["communes_coordinationregulation"][0] == 2
    with psycopg.connect(server_dsn(empty_database)) as conn:
        for pk, scan in filled["scans"].items():
            content = conn.execute(
                "SELECT f.content FROM storage_storedfile f "
                "JOIN communes_coordinationregulation r ON r.document = f.name WHERE r.id = %s",
                [pk],
            ).fetchone()[0]
            assert bytes(content) == scan
        issued = filled["issued"]
        pdf, sha = conn.execute(
            "SELECT f.content, i.sha256 FROM storage_storedfile f "
            "JOIN reports_issuedreport i ON i.pdf = f.name WHERE i.id = %s",
            [issued.pk],
        ).fetchone()
        assert hashlib.sha256(bytes(pdf)).hexdigest() == sha == issued.sha256


def test_a_truncated_or_foreign_file_is_refused_and_the_database_left_empty(
    filled, tmp_path, empty_database
):
    backup_file = tmp_path / "borderwork.backup"
    call_command("backup", str(backup_file))
    truncated = tmp_path / "truncated.backup"
    truncated.write_bytes(backup_file.read_bytes()[:-1000])
    flipped = bytearray(backup_file.read_bytes())
    flipped[-5000] ^= 0xFF
    damaged = tmp_path / "damaged.backup"
    damaged.write_bytes(bytes(flipped))
    foreign = tmp_path / "foreign.backup"
    foreign.write_bytes(b"PGDMP" + os.urandom(4000))

    results = {
        path.name: manage("restore", str(path), database=empty_database)
        for path in (truncated, damaged, foreign)
    }

    assert "is truncated" in results["truncated.backup"].stderr
    assert "does not match" in results["damaged.backup"].stderr
    assert "is not a borderwork backup" in results["foreign.backup"].stderr
    assert all(result.returncode != 0 for result in results.values())
    assert table_fingerprints(server_dsn(empty_database)) == {}


def test_a_database_that_is_not_empty_is_refused_without_force(filled, tmp_path):
    backup_file = tmp_path / "borderwork.backup"
    call_command("backup", str(backup_file))
    before = table_fingerprints(server_dsn(settings.DATABASES["default"]["NAME"]))

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(backup_file))

    assert table_fingerprints(server_dsn(settings.DATABASES["default"]["NAME"])) == before


def test_restore_with_force_replaces_a_database_that_is_not_empty(filled, tmp_path, empty_database):
    backup_file = tmp_path / "borderwork.backup"
    call_command("backup", str(backup_file))
    assert manage("migrate", "--noinput", database=empty_database).returncode == 0

    refused = manage("restore", str(backup_file), database=empty_database)
    forced = manage("restore", "--force", str(backup_file), database=empty_database)

    assert refused.returncode != 0 and "not empty" in refused.stderr
    assert forced.returncode == 0, forced.stderr
    source = table_fingerprints(server_dsn(settings.DATABASES["default"]["NAME"]))
    assert table_fingerprints(server_dsn(empty_database)) == source


def test_files_kept_on_disk_travel_in_the_backup_to_another_servers_empty_disk(
    world, tmp_path, settings, empty_database
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    regulation = factories.CoordinationRegulationFactory(
        commune=world.merged, station=world.station_bp, signed_on=datetime.date(2025, 8, 15)
    )
    regulation.document.save("quy-che.pdf", ContentFile(SCAN))
    regulation.save()
    backup_file = tmp_path / "borderwork.backup"
    call_command("backup", str(backup_file))

    other_disk = tmp_path / "other-server"
    restored = manage(
        "restore",
        str(backup_file),
        database=empty_database,
        FILE_STORAGE="filesystem",
        MEDIA_ROOT=str(other_disk),
    )

    assert restored.returncode == 0, restored.stderr
    assert "files_outside_database=1" in restored.stdout
    assert Path(other_disk, regulation.document.name).read_bytes() == SCAN


def test_a_backup_of_another_format_is_refused(world, tmp_path, empty_database):
    backup_file = tmp_path / "borderwork.backup"
    call_command("backup", str(backup_file))
    newer = tmp_path / "newer.backup"
    newer.write_bytes(backup_file.read_bytes().replace(b'{"format": 1,', b'{"format": 2,', 1))

    refused = manage("restore", str(newer), database=empty_database)

    assert refused.returncode != 0 and "format 2" in refused.stderr
    assert table_fingerprints(server_dsn(empty_database)) == {}
