"""The commune hub printed: one click gives a PDF of everything the page shows, scoped."""

import datetime
import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests import factories

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"  # poppler-utils


def pdf_text(content: bytes, tmp_path) -> str:
    """The PDF's text as pdftotext reads it, each run of spaces and line breaks made one space
    (a table cell may wrap its name over two lines)."""
    path = tmp_path / "profile.pdf"
    path.write_bytes(content)
    result = subprocess.run(  # noqa: S603 (a fixed tool on a file of the test's own)
        [PDFTOTEXT, str(path), "-"], capture_output=True, check=True, text=True
    )
    return " ".join(result.stdout.split())


@pytest.fixture
def hub_commune(world):
    commune = world.loc_an
    factories.ProfileFactory(commune=commune, year=2025, population=5155, households=1203)
    factories.PartyCommitteeFactory(commune=commune, name="Đảng ủy xã Lộc An")
    factories.PartyCellFactory(commune=commune, name="Chi bộ ấp Hòa Đông")
    officer = factories.OfficerFactory(full_name="Điểu Văn Thành", station=world.station_bp_other)
    factories.AssignmentFactory(officer=officer, commune=commune, kind="party_cell")
    factories.CoordinationRegulationFactory(
        number="12/QC-ĐBP",
        station=world.station_bp_other,
        commune=commune,
        review_due=timezone.localdate() - 10 * DAY,
    )
    factories.SupportRecordFactory(station=world.station_bp_other, commune=commune)
    factories.SelfManagementGroupFactory(
        name="Tổ tự quản mốc 24", station=world.station_bp_other, commune=commune
    )
    return commune


def test_the_commune_page_has_a_print_button_that_gives_its_profile_as_a_pdf(
    client, world, hub_commune, tmp_path
):
    client.force_login(world.users["staff-bp"])
    page = client.get(reverse("communes:commune-detail", args=[hub_commune.pk])).content.decode()
    url = reverse("commune-pdf", args=[hub_commune.pk])
    assert f'href="{url}"' in page

    response = client.get(url)

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('inline; filename="ho-so-loc-an-')
    text = pdf_text(response.content, tmp_path)
    assert "Hồ sơ Xã Lộc An" in text
    assert "Bình Phước (nay thuộc Đồng Nai)" in text
    assert "5.155" in text  # the profile, with the dot separator
    assert "Đảng ủy xã Lộc An" in text and "Chi bộ ấp Hòa Đông" in text
    assert "Điểu Văn Thành" in text
    assert "12/QC-ĐBP" in text
    assert "Nuôi bò vì người nghèo nơi biên giới" in text and "18.000.000" in text
    assert "Tổ tự quản mốc 24" in text
    # The gaps: no officer on the committee, and the overdue review.
    assert "Chưa có cán bộ đồn Biên phòng tham gia cấp ủy xã." in text
    overdue = (timezone.localdate() - 10 * DAY).strftime("%d/%m/%Y")
    assert f"Quy chế 12/QC-ĐBP quá hạn sơ kết từ {overdue}." in text


def test_every_font_of_the_pdf_is_tinos_embedded_from_static(client, world, hub_commune):
    client.force_login(world.users["staff-bp"])

    content = client.get(reverse("commune-pdf", args=[hub_commune.pk])).content

    fonts = [
        descendant.get_object()
        for page in PdfReader(io.BytesIO(content)).pages
        for font in page["/Resources"]["/Font"].values()
        for descendant in font.get_object().get("/DescendantFonts", [font])
    ]
    assert fonts
    for font in fonts:
        assert "Tinos" in str(font["/BaseFont"])
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(font["/FontDescriptor"])


def test_another_provinces_staff_get_a_404_not_the_profile(client, world, hub_commune):
    client.force_login(world.users["station-qb"])

    response = client.get(reverse("commune-pdf", args=[hub_commune.pk]))

    assert response.status_code == 404


def test_the_pdf_costs_the_same_queries_for_ten_times_the_records(
    client, world, hub_commune, django_assert_max_num_queries
):
    for _number in range(20):
        officer = factories.OfficerFactory(station=world.station_bp_other)
        factories.AssignmentFactory(officer=officer, commune=hub_commune)
        factories.PartyCellFactory(commune=hub_commune)
        factories.CoordinationRegulationFactory(station=world.station_bp_other, commune=hub_commune)
    client.force_login(world.users["staff-bp"])

    with django_assert_max_num_queries(25):
        response = client.get(reverse("commune-pdf", args=[hub_commune.pk]))

    assert response.status_code == 200
