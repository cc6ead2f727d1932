"""Recording a coordination regulation with its scanned document, and reviews of it."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from communes.models import CoordinationRegulation, RegulationReview
from tests import factories

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def regulation(world):
    return factories.CoordinationRegulationFactory(
        number="07/QC-ĐBP",
        title="Quy chế phối hợp với Đảng ủy xã Lộc Tấn mới",
        commune=world.merged,
        station=world.station_bp,
        signed_on=datetime.date(2025, 8, 15),
    )


def regulation_data(world, **changes) -> dict:
    data = {
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
    }
    return {**data, **changes}


def test_the_list_shows_the_stations_regulations_and_not_another_provinces(
    client, world, regulation
):
    factories.CoordinationRegulationFactory(
        number="03/QC-ĐBP", commune=world.dan_hoa, station=world.station_qb
    )
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("communes:regulation-list")).content.decode()

    assert "07/QC-ĐBP" in page and "15/08/2025" in page
    assert "03/QC-ĐBP" not in page


def test_a_regulation_is_recorded_with_its_scan_and_a_review_of_it(client, world):
    directive = factories.DirectiveFactory()
    client.force_login(world.users["station-bp"])
    form = client.get(reverse("communes:regulation-create")).content.decode()
    assert re.search(r'<input type="checkbox"[^>]* name="directives"', form)
    assert "1540-QĐ/TU" in form

    response = client.post(
        reverse("communes:regulation-create"),
        regulation_data(
            world,
            directives=[directive.pk],
            document=SimpleUploadedFile("quy-che-12.pdf", PDF, "application/pdf"),
        ),
        follow=True,
    )

    regulation = CoordinationRegulation.objects.get(number="12/QC-ĐBP")
    detail_url = reverse("communes:regulation-detail", args=[regulation.pk])
    assert response.redirect_chain[-1][0] == detail_url
    assert list(regulation.directives.all()) == [directive]
    file_url = reverse(
        "record-file", args=["communes.coordinationregulation", regulation.pk, "document"]
    )
    page = response.content.decode()
    assert file_url in page and "Xem tệp đính kèm" in page and "1540-QĐ/TU" in page

    served = client.get(file_url)
    assert served["Content-Type"] == "application/pdf"
    assert b"".join(served.streaming_content) == PDF

    add_link = f"{reverse('communes:review-create')}?regulation={regulation.pk}"
    assert add_link in page
    assert f'<option value="{regulation.pk}" selected>' in client.get(add_link).content.decode()
    client.post(
        reverse("communes:review-create"),
        {
            "regulation": regulation.pk,
            "kind": "interim",
            "held_on": "2026-09-05",
            "summary": "Hai bên phối hợp tốt trong tuyên truyền",
            "next_review_due": "2027-09-05",
        },
    )

    review = RegulationReview.objects.get(regulation=regulation)
    assert review.held_on == datetime.date(2026, 9, 5)
    detail = client.get(detail_url).content.decode()
    assert "Hai bên phối hợp tốt trong tuyên truyền" in detail and "05/09/2026" in detail
    regulation.refresh_from_db()
    assert regulation.review_due == datetime.date(2027, 9, 5)


def test_the_scan_is_not_found_for_another_provinces_user(client, world, regulation):
    regulation.document = SimpleUploadedFile("quy-che-07.pdf", PDF)
    regulation.save()
    file_url = reverse(
        "record-file", args=["communes.coordinationregulation", regulation.pk, "document"]
    )

    client.force_login(world.users["station-qb"])
    assert client.get(file_url).status_code == 404
    client.force_login(world.users["commissar-bp"])
    assert b"".join(client.get(file_url).streaming_content) == PDF


def test_a_file_named_pdf_that_is_not_a_pdf_is_refused_keeping_what_was_typed(client, world):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("communes:regulation-create"),
        regulation_data(
            world, document=SimpleUploadedFile("quy-che.pdf", b"MZ\x90\x00 not a pdf at all")
        ),
    )

    page = response.content.decode()
    assert "Chỉ nhận tệp PDF, JPEG hoặc PNG; nội dung tệp này không phải các loại đó." in page
    assert 'value="12/QC-ĐBP"' in page
    assert not CoordinationRegulation.objects.exists()


def test_a_scan_over_10_mb_is_refused(client, world):
    client.force_login(world.users["station-bp"])
    big = b"%PDF-" + b"0" * (10 * 1024 * 1024 + 1 - 5)

    response = client.post(
        reverse("communes:regulation-create"),
        regulation_data(world, document=SimpleUploadedFile("lon.pdf", big, "application/pdf")),
    )

    assert "Tệp lớn hơn 10 MB (10,0 MB)" in response.content.decode()
    assert not CoordinationRegulation.objects.exists()


def test_a_regulation_signed_after_the_merger_must_name_the_new_commune(client, world):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("communes:regulation-create"),
        regulation_data(world, commune=world.loc_thanh.pk),
    )

    assert "sáp nhập vào Xã Lộc Tấn mới" in response.content.decode()
    assert not CoordinationRegulation.objects.exists()


def test_a_review_date_before_signing_is_refused(client, world):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("communes:regulation-create"), regulation_data(world, review_due="2025-01-01")
    )

    page = response.content.decode()
    field = page[page.index('id="div_id_review_due"') :].split('id="div_id_expires_on"')[0]
    # On the review date itself, red, naming both dates; the banner points at red fields.
    assert 'class="bw-date is-invalid"' in field
    assert "Hạn sơ kết, tổng kết phải bằng hoặc sau ngày ký (10/09/2025)." in field
    assert "hãy sửa các ô báo đỏ" in page
    assert "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu." not in page
    assert not CoordinationRegulation.objects.exists()


def test_a_regulation_needs_a_station_or_the_command_that_signed_it(client, world):
    client.force_login(world.users["staff-dn"])

    response = client.post(
        reverse("communes:regulation-create"), regulation_data(world, station="")
    )

    assert "Chọn đồn Biên phòng hoặc Bộ Chỉ huy đã ký." in response.content.decode()
    assert not CoordinationRegulation.objects.exists()


def test_the_command_may_sign_instead_of_a_station(client, world):
    client.force_login(world.users["staff-dn"])

    client.post(
        reverse("communes:regulation-create"),
        regulation_data(world, station="", province=world.dn.pk),
    )

    assert CoordinationRegulation.objects.get().province == world.dn


def test_an_overdue_regulation_is_shown_in_red_until_it_is_reviewed(client, world, regulation):
    today = timezone.localdate()
    regulation.review_due = today - datetime.timedelta(days=1)
    regulation.save()
    client.force_login(world.users["station-bp"])
    detail_url = reverse("communes:regulation-detail", args=[regulation.pk])

    assert '<span class="bw-gap" data-testid="overdue">' in client.get(detail_url).content.decode()
    client.post(
        reverse("communes:review-create"),
        {
            "regulation": regulation.pk,
            "kind": "interim",
            "held_on": today.isoformat(),
            "summary": "",
            "next_review_due": (today + datetime.timedelta(days=365)).isoformat(),
        },
    )

    assert 'data-testid="overdue"' not in client.get(detail_url).content.decode()


def test_the_list_filters_overdue_regulations_and_by_status(client, world, regulation):
    today = timezone.localdate()
    regulation.review_due = today - datetime.timedelta(days=1)
    regulation.save()
    factories.CoordinationRegulationFactory(
        number="08/QC-ĐBP",
        commune=world.merged,
        station=world.station_bp,
        signed_on=datetime.date(2025, 8, 20),
        review_due=today + datetime.timedelta(days=30),
    )
    factories.CoordinationRegulationFactory(
        number="09/QC-ĐBP",
        commune=world.merged,
        station=world.station_bp,
        signed_on=datetime.date(2025, 8, 20),
        review_due=today - datetime.timedelta(days=30),
        status="expired",
    )
    client.force_login(world.users["station-bp"])
    url = reverse("communes:regulation-list")

    overdue = client.get(url, {"overdue": "on"}).content.decode()
    expired = client.get(url, {"status": "expired"}).content.decode()

    assert "07/QC-ĐBP" in overdue
    assert "08/QC-ĐBP" not in overdue and "09/QC-ĐBP" not in overdue
    assert "09/QC-ĐBP" in expired and "07/QC-ĐBP" not in expired


def test_the_list_filters_by_signing_period_counterpart_and_station(client, world, regulation):
    factories.CoordinationRegulationFactory(
        number="21/QC-ĐBP",
        commune=world.loc_an,
        station=world.station_bp_other,
        counterpart="youth_union",
        signed_on=datetime.date(2024, 3, 1),
    )
    client.force_login(world.users["staff-bp"])
    url = reverse("communes:regulation-list")

    year_2024 = client.get(url, {"period": "2024"}).content.decode()
    youth = client.get(url, {"counterpart": "youth_union"}).content.decode()
    station = client.get(url, {"station": world.station_bp.pk}).content.decode()

    assert "21/QC-ĐBP" in year_2024 and "07/QC-ĐBP" not in year_2024
    assert "21/QC-ĐBP" in youth and "07/QC-ĐBP" not in youth
    assert "07/QC-ĐBP" in station and "21/QC-ĐBP" not in station


def test_a_review_before_the_regulation_was_signed_is_refused(client, world, regulation):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("communes:review-create"),
        {
            "regulation": regulation.pk,
            "kind": "interim",
            "held_on": "2025-01-10",
            "summary": "Ghi nhầm năm",
            "next_review_due": "",
        },
    )

    page = response.content.decode()
    assert "Ngày sơ kết không được trước ngày ký quy chế (15/08/2025)." in page
    assert "Ghi nhầm năm" in page
    assert not RegulationReview.objects.exists()


def test_the_review_list_shows_the_users_reviews_and_not_another_provinces(
    client, world, regulation
):
    other = factories.CoordinationRegulationFactory(
        number="03/QC-ĐBP", commune=world.dan_hoa, station=world.station_qb
    )
    RegulationReview.objects.create(
        regulation=regulation, held_on=datetime.date(2026, 2, 1), summary="Ổn"
    )
    RegulationReview.objects.create(regulation=other, held_on=datetime.date(2026, 3, 1))
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("communes:review-list")).content.decode()

    assert "07/QC-ĐBP" in page and "01/02/2026" in page
    assert "03/QC-ĐBP" not in page


def test_another_provinces_regulation_and_review_are_not_found(client, world, regulation):
    review = RegulationReview.objects.create(
        regulation=regulation, held_on=datetime.date(2026, 2, 1)
    )
    client.force_login(world.users["station-qb"])

    for name, pk in [("regulation", regulation.pk), ("review", review.pk)]:
        assert client.get(reverse(f"communes:{name}-detail", args=[pk])).status_code == 404
        assert client.get(reverse(f"communes:{name}-update", args=[pk])).status_code == 404


def test_saving_a_regulation_unchanged_adds_nothing_to_its_history(client, world):
    client.force_login(world.users["station-bp"])
    client.post(reverse("communes:regulation-create"), regulation_data(world))
    regulation = CoordinationRegulation.objects.get()
    before = regulation.history.count()

    response = client.post(
        reverse("communes:regulation-update", args=[regulation.pk]),
        regulation_data(world),
        follow=True,
    )

    assert "Không có gì thay đổi; hồ sơ giữ nguyên." in response.content.decode()
    assert regulation.history.count() == before

    client.post(
        reverse("communes:regulation-update", args=[regulation.pk]),
        regulation_data(world, title="Quy chế phối hợp (sửa)"),
    )
    assert regulation.history.count() == before + 1


def test_a_date_field_says_its_format_under_it(client, world):
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("communes:regulation-create")).content.decode()

    field = page[page.index('id="div_id_signed_on"') :].split('id="div_id_review_due"')[0]
    assert "Dạng dd/mm/yyyy, ví dụ 25/06/2025." in field


def test_the_history_names_a_replaced_scan_by_its_file_not_its_storage_folder(client, world):
    client.force_login(world.users["station-bp"])
    client.post(
        reverse("communes:regulation-create"),
        regulation_data(world, document=SimpleUploadedFile("quy-che-12.pdf", PDF)),
    )
    regulation = CoordinationRegulation.objects.get()

    client.post(
        reverse("communes:regulation-update", args=[regulation.pk]),
        regulation_data(world, document=SimpleUploadedFile("quy-che-12-ban-ky.pdf", PDF)),
    )

    detail = client.get(reverse("communes:regulation-detail", args=[regulation.pk]))
    page = detail.content.decode()
    assert "quy-che-12-ban-ky.pdf" in page
    assert "regulations/" not in page
