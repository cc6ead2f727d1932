"""One file holding the whole database and every stored file, and bringing it back.

The file is a line of magic, a line of JSON saying how long the payload is and its SHA-256,
then the payload: an uncompressed tar of `database.dump` (pg_dump's custom format, itself
compressed) and, when files are not stored in the database, `files/<name>` for each. A
restore reads the whole payload and checks its length and checksum before it touches the
database, so a truncated or foreign file changes nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from borderwork.storage.backends import DatabaseStorage

MAGIC = b"BORDERWORK-BACKUP\n"
FORMAT = 1
HEADER_LIMIT = 64 * 1024
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


@dataclass
class Header:
    payload_bytes: int
    payload_sha256: str
    created: str
    app_version: str
    files: int


def app_version() -> str:
    try:
        return version("borderwork")
    except PackageNotFoundError:
        return "unknown"


def pg_command(program: str) -> tuple[list[str], dict[str, str]]:
    """The connection arguments of the default database for pg_dump or pg_restore."""
    if connection.vendor != "postgresql":
        raise BackupError(
            "backup and restore need PostgreSQL; the SQLite demo is backed up by copying "
            "db.sqlite3 while nothing runs"
        )
    if shutil.which(program) is None:
        raise BackupError(f"{program} is not installed (Debian: apt-get install postgresql-client)")
    db = connection.settings_dict
    args = [program, "--no-owner", "--no-privileges"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [option, str(db[key])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def stored_names(storage=default_storage, path: str = "") -> Iterator[str]:
    directories, files = storage.listdir(path)
    for name in files:
        yield f"{path}/{name}" if path else name
    for directory in directories:
        yield from stored_names(storage, f"{path}/{directory}" if path else directory)


class _Hashing:
    """A write-only file that counts and hashes what passes through it."""

    def __init__(self, target):
        self.target, self.sha, self.size = target, hashlib.sha256(), 0

    def write(self, data: bytes) -> int:
        self.sha.update(data)
        self.size += len(data)
        return self.target.write(data)


def backup(path: Path) -> Header:
    """Write the database and every stored file to path (atomically: a partial file never
    takes its name)."""
    args, env = pg_command("pg_dump")
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="borderwork-backup-") as scratch:
        dump = Path(scratch) / "database.dump"
        subprocess.run(  # noqa: S603 (pg_dump and its arguments from settings, no shell)
            [*args, "--format=custom", "--file", str(dump), connection.settings_dict["NAME"]],
            env=env,
            check=True,
        )
        payload = Path(scratch) / "payload.tar"
        files = 0
        with open(payload, "wb") as raw:
            hashing = _Hashing(raw)
            with tarfile.open(fileobj=hashing, mode="w|") as tar:
                tar.add(dump, arcname="database.dump")
                # In the database, files are already in the dump; elsewhere, copy each one.
                if not isinstance(default_storage, DatabaseStorage):
                    for name in stored_names():
                        info = tarfile.TarInfo(f"files/{name}")
                        info.size = default_storage.size(name)
                        with default_storage.open(name, "rb") as handle:
                            tar.addfile(info, handle)
                        files += 1
        header = Header(
            payload_bytes=hashing.size,
            payload_sha256=hashing.sha.hexdigest(),
            created=timezone.now().isoformat(),
            app_version=app_version(),
            files=files,
        )
        partial = path.with_name(path.name + ".partial")
        with open(partial, "wb") as out, open(payload, "rb") as source:
            out.write(MAGIC)
            out.write(json.dumps({"format": FORMAT, **header.__dict__}).encode() + b"\n")
            shutil.copyfileobj(source, out, CHUNK)
            out.flush()
            os.fsync(out.fileno())
        partial.replace(path)
    return header


def read_verified(path: Path, scratch: Path) -> tuple[Header, Path]:
    """Check the file's magic, length and SHA-256; return its header and payload copy."""
    with open(path, "rb") as source:
        if source.read(len(MAGIC)) != MAGIC:
            raise BackupError(f"{path} is not a borderwork backup")
        line = source.readline(HEADER_LIMIT)
        try:
            fields = json.loads(line)
            header = Header(**{key: fields[key] for key in Header.__dataclass_fields__})
        except (ValueError, KeyError, TypeError):
            raise BackupError(f"{path} has a damaged header") from None
        if fields.get("format", FORMAT) != FORMAT:
            raise BackupError(f"{path} is a backup of format {fields['format']}, not {FORMAT}")
        payload = scratch / "payload.tar"
        with open(payload, "wb") as out:
            hashing = _Hashing(out)
            while chunk := source.read(CHUNK):
                hashing.write(chunk)
    if hashing.size != header.payload_bytes:
        raise BackupError(
            f"{path} is truncated or padded: {hashing.size} bytes of payload, "
            f"the header says {header.payload_bytes}"
        )
    if hashing.sha.hexdigest() != header.payload_sha256:
        raise BackupError(f"{path} is damaged: its SHA-256 does not match the header")
    return header, payload


def database_is_empty() -> bool:
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def restore(path: Path, force: bool = False) -> Header:
    """Bring a backup into the default database (empty, or emptied with force)."""
    args, env = pg_command("pg_restore")
    with tempfile.TemporaryDirectory(prefix="borderwork-restore-") as scratch_name:
        scratch = Path(scratch_name)
        header, payload = read_verified(Path(path), scratch)
        with tarfile.open(payload, mode="r:") as tar:
            tar.extractall(scratch / "payload", filter="data")
        dump = scratch / "payload" / "database.dump"
        if not dump.is_file():
            raise BackupError(f"{path} holds no database dump")
        if not database_is_empty():
            if not force:
                raise BackupError(
                    "the database is not empty; restore into a new database, or pass "
                    "--force to replace everything in it"
                )
            with connection.cursor() as cursor:
                cursor.execute("DROP SCHEMA public CASCADE")
                cursor.execute("CREATE SCHEMA public")
        connection.close()  # pg_restore's tables, not a connection's cached view of them
        subprocess.run(  # noqa: S603 (pg_restore and its arguments from settings, no shell)
            [
                *args,
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                connection.settings_dict["NAME"],
                str(dump),
            ],
            env=env,
            check=True,
        )
        files_root = scratch / "payload" / "files"
        if files_root.is_dir():
            for file_path in sorted(p for p in files_root.rglob("*") if p.is_file()):
                name = file_path.relative_to(files_root).as_posix()
                with contextlib.suppress(FileNotFoundError, NotImplementedError):
                    default_storage.delete(name)
                with open(file_path, "rb") as handle:
                    default_storage.save(name, File(handle, name=name))
    return header
