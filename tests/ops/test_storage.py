"""Scans and archived reports live in the database, so every server reads the same files."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from borderwork.storage.backends import DatabaseStorage
from borderwork.storage.models import StoredFile
from communes.models import CoordinationRegulation
from tests import factories

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n" + bytes(range(256)) * 40


def regulation_data(world, **changes) -> dict:
    return {
        "number": "12/QC-ĐBP",
        "title": "Quy chế phối hợp xây dựng hệ thống chính trị cơ sở",
        "commune": world.merged.pk,
        "counterpart": "party_committee",
        "station": world.station_bp.pk,
        "province": "",
        "signed_on": "2025-09-10",
        "review_due": "2026-09-10",
        "expires_on": "",
        "status": "in_force",
        **changes,
    }


def file_url(regulation) -> str:
    return reverse(
        "record-file", args=["communes.coordinationregulation", regulation.pk, "document"]
    )


def test_the_default_storage_is_the_database():
    assert isinstance(default_storage, DatabaseStorage)


def test_a_scan_uploaded_on_one_server_is_served_by_another_with_an_empty_disk(
    client, world, settings, tmp_path
):
    first_disk, second_disk = tmp_path / "web1", tmp_path / "web2"
    first_disk.mkdir()
    second_disk.mkdir()
    settings.MEDIA_ROOT = first_disk
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("communes:regulation-create"),
        regulation_data(
            world, document=SimpleUploadedFile("quy-che-12.pdf", PDF, "application/pdf")
        ),
    )

    assert response.status_code == 302
    regulation = CoordinationRegulation.objects.get(number="12/QC-ĐBP")
    stored = StoredFile.objects.get(name=regulation.document.name)
    assert bytes(stored.content) == PDF and stored.size == len(PDF)
    assert list(first_disk.rglob("*")) == []  # nothing on the first server's disk

    settings.MEDIA_ROOT = second_disk
    served = client.get(file_url(regulation))
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PDF
    assert served["Content-Type"] == "application/pdf"


def test_a_scan_rolls_back_with_the_record_that_names_it(world):
    regulation = factories.CoordinationRegulationFactory(
        commune=world.merged, station=world.station_bp, signed_on=datetime.date(2025, 8, 15)
    )
    with pytest.raises(RuntimeError), transaction.atomic():
        regulation.document.save("quy-che.pdf", ContentFile(PDF))
        raise RuntimeError("the record's transaction fails")

    assert StoredFile.objects.count() == 0


def test_two_files_with_one_name_are_both_kept():
    storage = DatabaseStorage()
    first = storage.save("regulations/2025/a.pdf", ContentFile(b"%PDF-first"))
    second = storage.save("regulations/2025/a.pdf", ContentFile(b"%PDF-second"))

    assert first != second
    assert storage.open(first).read() == b"%PDF-first"
    assert storage.open(second).read() == b"%PDF-second"
    assert storage.listdir("regulations") == (["2025"], [])
    assert sorted(storage.listdir("regulations/2025")[1]) == sorted(
        [first.rsplit("/")[-1], second.rsplit("/")[-1]]
    )
    storage.delete(first)
    assert not storage.exists(first) and storage.exists(second)


def test_a_scan_missing_from_storage_is_a_404_page_saying_so(client, world):
    regulation = factories.CoordinationRegulationFactory(
        commune=world.merged, station=world.station_bp, signed_on=datetime.date(2025, 8, 15)
    )
    regulation.document.save("quy-che-07.pdf", ContentFile(PDF))
    StoredFile.objects.all().delete()  # as after a restore without the files
    client.force_login(world.users["station-bp"])

    response = client.get(file_url(regulation))

    assert response.status_code == 404
    page = response.content.decode()
    assert 'data-testid="missing-file"' in page
    assert "quy-che-07" in page
