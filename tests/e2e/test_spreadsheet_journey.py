"""Issue 15's "done when", in a browser: a station's staff member fills the template, previews,
fixes the one row the preview flags and imports; a commissar exports the filtered list he is
looking at and gets dates and numbers as such."""

import datetime
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from borderwork.accounts.models import User
from communes.models import Station
from programmes.models import SupportRecord
from tests.e2e.test_station_week import sign_in
from tests.test_spreadsheets import a_support_row

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]

SUPPORT_LIST = reverse("programmes:support-list")


@pytest.fixture
def site(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", "--force", verbosity=0)
    return live_server.url


def workbook(path) -> openpyxl.Workbook:
    # A download's file has no extension, which openpyxl goes by.
    return openpyxl.load_workbook(io.BytesIO(Path(path).read_bytes()))


def filled_template(page: Page, rows: list[dict]) -> bytes:
    """The template as the page serves it, with these rows typed under its headers."""
    with page.expect_download() as download:
        page.get_by_test_id("template").click()
    book = workbook(download.value.path())
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    for number, row in enumerate(rows, start=2):
        for column, header in enumerate(headers, start=1):
            if header in row:
                sheet.cell(number, column, row[header])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(page: Page, content: bytes) -> None:
    page.locator("#bw-import-file").set_input_files(
        {"name": "ho-tro-tuan-nay.xlsx", "mimeType": "application/octet-stream", "buffer": content}
    )
    page.get_by_role("button", name="Xem trước").click()


def test_station_staff_fix_the_flagged_row_and_import(page: Page, site):
    staff = User.objects.get(username="station-bp")
    good = a_support_row(staff, **{"Người nhận, chủ hộ": "Điểu Thị Mới"})
    bad = a_support_row(staff, **{"Người nhận, chủ hộ": "Thị Hai", "Ngày trao": "31/02/2025"})
    sign_in(page, site, "station-bp")
    page.goto(site + SUPPORT_LIST)
    page.get_by_test_id("import").click()

    upload(page, filled_template(page, [good, bad]))
    expect(page.get_by_test_id("counts")).to_have_text("1 mới · 0 thay đổi · 0 không đổi · 1 lỗi")
    flagged = page.get_by_test_id("row-error")
    expect(flagged).to_have_count(1)
    expect(flagged.locator("td").first).to_have_text("3")  # the spreadsheet's row
    expect(flagged).to_contain_text("Ngày trao")
    expect(page.get_by_test_id("confirm")).to_have_count(0)  # nothing can be written yet

    bad["Ngày trao"] = "16/10/2026"
    upload(page, filled_template(page, [good, bad]))
    expect(page.get_by_test_id("counts")).to_have_text("2 mới · 0 thay đổi · 0 không đổi · 0 lỗi")
    page.get_by_test_id("confirm").click()

    expect(page.get_by_text("2 hồ sơ mới")).to_be_visible()
    imported = SupportRecord.objects.filter(recipient_name__in=["Điểu Thị Mới", "Thị Hai"])
    assert sorted(imported.values_list("given_on", flat=True)) == [
        datetime.date(2026, 10, 15),
        datetime.date(2026, 10, 16),
    ]
    assert {record.history.first().history_user for record in imported} == {staff}


def test_the_commissar_exports_the_filtered_list_with_dates_and_numbers(page: Page, site):
    station = Station.objects.get(name__contains="Lộc Thạnh")
    sign_in(page, site, "commissar-bp")
    page.goto(f"{site}{SUPPORT_LIST}?period=2025&station={station.pk}")
    total = int(page.get_by_test_id("total").inner_text().split()[0].replace(".", ""))
    assert total > 0

    with page.expect_download() as download:
        page.get_by_test_id("export-xlsx").click()
    sheet = workbook(download.value.path()).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    rows = [row for row in sheet.iter_rows(min_row=2) if isinstance(row[0].value, int)]

    assert len(rows) == total  # every page of the filtered list, nothing else
    day = rows[0][headers.index("Ngày trao")]
    value = rows[0][headers.index("Giá trị (đồng)")]
    assert isinstance(day.value, datetime.datetime | datetime.date)
    assert day.number_format.lower() == "dd/mm/yyyy"  # Excel reads either case
    assert isinstance(value.value, int | float)
    assert all(row[headers.index("Ngày trao")].value.year == 2025 for row in rows)
    assert {row[headers.index("Đồn Biên phòng")].value for row in rows} == {str(station)}
