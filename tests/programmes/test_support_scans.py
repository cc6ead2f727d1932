"""A support record and its follow-up carry the scanned handover record (biên bản), checked
by content and served only to those who may see the record, as a regulation's scan is."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programmes.models import SupportFollowUp, SupportRecord
from tests import factories

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def support_data(world, **changes) -> dict:
    data = {
        "programme": factories.ProgrammeFactory().pk,
        "given_on": "2025-10-15",
        "station": world.station_bp.pk,
        "commune": world.merged.pk,
        "recipient_kind": "household",
        "recipient_name": "Hộ ông Điểu Lâm",
        "poverty_status": "poor",
        "quantity": "1",
        "value_vnd": "17500000",
    }
    return {**data, **changes}


def test_support_is_recorded_with_its_handover_scan_served_only_within_the_province(client, world):
    client.force_login(world.users["station-bp"])
    scan = SimpleUploadedFile("Biên bản bàn giao bò.pdf", PDF, "application/pdf")
    client.post(reverse("programmes:support-create"), support_data(world, document=scan))

    record = SupportRecord.objects.get(recipient_name="Hộ ông Điểu Lâm")
    assert record.document.name.endswith("bien-ban-ban-giao-bo.pdf")
    url = reverse("record-file", args=["programmes.supportrecord", record.pk, "document"])
    assert (
        url in client.get(reverse("programmes:support-detail", args=[record.pk])).content.decode()
    )
    served = client.get(url)
    assert served["Content-Type"] == "application/pdf"
    assert b"".join(served.streaming_content) == PDF

    client.force_login(world.users["station-qb"])
    assert client.get(url).status_code == 404


def test_a_follow_up_carries_its_scan_too(client, world):
    record = factories.SupportRecordFactory(commune=world.merged, station=world.station_bp)
    client.force_login(world.users["station-bp"])
    client.post(
        reverse("programmes:followup-create"),
        {
            "record": record.pk,
            "checked_on": "2026-03-01",
            "status": "passed_on",
            "document": SimpleUploadedFile("bb.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20),
        },
    )
    follow_up = SupportFollowUp.objects.get(record=record)
    url = reverse("record-file", args=["programmes.supportfollowup", follow_up.pk, "document"])
    assert client.get(url)["Content-Type"] == "image/png"


def test_a_handover_scan_that_is_not_a_pdf_or_image_is_refused(client, world):
    client.force_login(world.users["station-bp"])
    fake = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00 not a pdf at all")
    page = client.post(reverse("programmes:support-create"), support_data(world, document=fake))
    assert "Chỉ nhận tệp PDF, JPEG hoặc PNG" in page.content.decode()
    assert not SupportRecord.objects.filter(recipient_name="Hộ ông Điểu Lâm").exists()
