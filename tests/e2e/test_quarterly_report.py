"""The quarter's report in the browser: Bình Phước's staff draft and submit it, its commissar
approves it and issues the PDF, which downloads with its checksum."""

import hashlib
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from borderwork.reports.models import IssuedReport, Report, State
from communes.models import Province
from tests.e2e.test_station_week import sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]


@pytest.fixture
def site(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", "--force", verbosity=0)
    call_command("rebuild_indicators", verbosity=0)
    return live_server.url


def test_staff_draft_the_commissar_approves_and_the_pdf_downloads(page: Page, site, tmp_path):
    bp = Province.objects.get(slug="binh-phuoc")
    sign_in(page, site, "staff-bp")
    # The menu's entry (its icon's glyph is part of the name, so not exact=True).
    page.get_by_role("link", name=re.compile("^\\W*Báo cáo$")).click()
    page.get_by_role("link", name="Lập báo cáo").click()
    page.locator("#id_unit").select_option(f"province:{bp.pk}")
    page.locator("#id_quarter").select_option("2025-2")
    page.get_by_role("button", name="Lập dự thảo").click()
    expect(page.get_by_test_id("report-state")).to_have_text("Dự thảo")
    preview = page.get_by_test_id("report-preview")
    expect(preview).to_contain_text("quý II năm 2025")
    expect(preview).to_contain_text("Trong quý, các đồn đã phối hợp xây dựng")

    page.get_by_role("button", name="Trình Chính ủy duyệt").click()
    expect(page.get_by_text("Chưa trình được")).to_be_visible()
    page.get_by_role("link", name="Sửa lời văn").click()
    page.get_by_label("Hạn chế, khuyết điểm").fill("Một số xã cập nhật số liệu chậm.")
    page.get_by_label("Phương hướng, nhiệm vụ kỳ tới").fill("Củng cố chi bộ thôn, ấp.")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("button", name="Trình Chính ủy duyệt").click()
    expect(page.get_by_test_id("report-state")).to_have_text("Chờ Chính ủy duyệt")
    report_url = page.url

    page.context.clear_cookies()
    sign_in(page, site, "commissar-bp")
    # He lands on his dashboard with the report awaiting his approval on top.
    awaiting = page.get_by_test_id("awaiting-approval")
    expect(awaiting).to_contain_text("đang chờ anh/chị duyệt")
    awaiting.get_by_role("link", name="Xem và duyệt").click()
    assert page.url == report_url
    page.get_by_test_id("approve-open").click()
    expect(page.get_by_test_id("approve-confirm")).to_contain_text("khóa mọi hồ sơ")
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("report-state")).to_contain_text("Đã duyệt")
    page.get_by_test_id("issue").click()
    link = page.get_by_test_id("download-pdf")
    expect(link).to_be_visible(timeout=30_000)
    with page.expect_download() as download:
        link.click()
    path = tmp_path / "download.pdf"
    download.value.save_as(path)

    report = Report.objects.get(province=bp, year=2025, quarter=2)
    assert report.state == State.APPROVED
    issued = IssuedReport.objects.get(report=report)
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert hashlib.sha256(data).hexdigest() == issued.sha256
    assert not issued.draft
    assert reverse("reports:detail", args=[report.pk]) in report_url
    # The checksum is one click away for whoever verifies, not on show for everyone.
    checksum = page.get_by_test_id("checksum")
    expect(checksum.locator("code")).to_be_hidden()
    checksum.get_by_text("Mã kiểm tra").click()
    expect(checksum.locator("code")).to_have_text(issued.sha256)


def test_staff_qb_draft_the_2024_annual_review_and_commissar_qb_approves_it(page: Page, site):
    qb = Province.objects.get(slug="quang-binh")
    sign_in(page, site, "staff-qb")
    page.goto(site + reverse("reports:new"))
    page.locator("#id_unit").select_option(f"province:{qb.pk}")
    page.locator("#id_quarter").select_option("2024")
    page.get_by_role("button", name="Lập dự thảo").click()
    preview = page.get_by_test_id("report-preview")
    expect(preview).to_contain_text("Tổng kết công tác tham gia xây dựng hệ thống chính trị")
    expect(preview).to_contain_text("Trong năm, các đồn đã phối hợp")
    page.get_by_role("link", name="Sửa lời văn").click()
    page.get_by_label("Hạn chế, khuyết điểm").fill("Một số xã cập nhật số liệu chậm.")
    page.get_by_label("Phương hướng, nhiệm vụ kỳ tới").fill("Củng cố chi bộ thôn, bản.")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("button", name="Trình Chính ủy duyệt").click()
    # Submitted before the cookies go: a response still on its way would set them again, and
    # the commissar's sign-in would then post a CSRF token of another cookie (a 403).
    expect(page.get_by_test_id("report-state")).to_have_text("Chờ Chính ủy duyệt")
    report_url = page.url

    page.context.clear_cookies()
    sign_in(page, site, "commissar-qb")
    page.goto(report_url)
    page.get_by_test_id("approve-open").click()
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("report-state")).to_contain_text("Đã duyệt")
    report = Report.objects.get(province=qb, station=None, kind="year", year=2024)
    assert report.state == State.APPROVED and report.frozen["period"] == ["year", 2024, 1]
