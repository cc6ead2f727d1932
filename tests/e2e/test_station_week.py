"""A station's data-entry staff do a day's work in the browser, and stay inside their station."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from cadres.models import Assignment
from communes.models import Commune
from programmes.models import SupportRecord
from tests.e2e.conftest import choose

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]


@pytest.fixture
def site(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the demo's scans, not the checkout's media/
    call_command("seed_demo", "--force", verbosity=0)
    return live_server.url


def sign_in(page: Page, site: str, username: str) -> None:
    page.goto(f"{site}{reverse('login')}")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("borderwork-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    if "/xac-thuc/dang-ky/" in page.url:  # a commissar with DEBUG off enrols a second factor
        device = TOTPDevice.objects.get(user__username=username, confirmed=False)
        page.get_by_label("Mã xác thực").fill(f"{totp(device.bin_key):06d}")
        page.get_by_role("button", name="Xác nhận").click()
        expect(page.get_by_test_id("recovery-codes")).to_be_visible()
        page.get_by_role("link", name="Đã ghi lại, tiếp tục").click()
    elif "/xac-thuc/" in page.url:  # enrolled in another browser context of the same test
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        # The next step's code: the one enrolment used cannot be used again.
        page.get_by_label("Mã xác thực").fill(f"{totp(device.bin_key, drift=device.drift + 1):06d}")
        page.get_by_role("button", name="Xác nhận").click()
    if username.startswith("commissar"):  # a commissar lands on his dashboard
        expect(page.get_by_test_id("unit")).to_be_visible()
        assert page.url.endswith(reverse("indicators:home"))
    else:
        expect(page.get_by_role("heading", name="Các xã, phường anh/chị được xem")).to_be_visible()


def test_station_staff_assign_an_officer_and_record_support_then_see_both(page: Page, site):
    dan_hoa = Commune.objects.get(slug="quang-tri-dan-hoa")
    sign_in(page, site, "station-qb")
    today = datetime.date.today().strftime("%d/%m/%Y")  # as staff type it

    page.get_by_role("button", name="Cán bộ", exact=True).click()
    page.get_by_role("link", name="Phân công tham gia hệ thống chính trị").click()
    page.get_by_role("link", name="Thêm mới").click()
    officer = choose(page, "id_officer").split(" – ")[0]
    page.locator("#id_kind").select_option("party_committee")
    choose(page, "id_commune", "Dân Hóa", str(dan_hoa.pk))
    page.locator("#id_started_on").fill(today)
    page.locator("#id_decision_number").fill("123-QĐ/ĐU")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu")).to_be_visible()

    page.goto(f"{site}{reverse('programmes:support-create')}")
    page.locator("#id_programme").select_option(index=1)
    programme = page.locator("#id_programme option:checked").inner_text()
    page.locator("#id_given_on").fill(today)
    choose(page, "id_station")
    choose(page, "id_commune", "Dân Hóa", str(dan_hoa.pk))
    page.locator("#id_recipient_name").fill("Hộ ông Hồ Văn Thử")
    page.locator("#id_quantity").fill("2")
    page.locator("#id_value_vnd").fill("36000000")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu")).to_be_visible()
    expect(page.get_by_text("36.000.000 đ").first).to_be_visible()

    page.goto(f"{site}{reverse('cadres:assignment-list')}?q={officer.split()[-1]}")
    expect(page.locator("table")).to_contain_text(officer.split()[-1])
    page.goto(f"{site}{reverse('programmes:support-list')}?q=Hồ Văn Thử")
    expect(page.locator("table")).to_contain_text("Hộ ông Hồ Văn Thử")

    page.goto(f"{site}{reverse('communes:commune-detail', args=[dan_hoa.pk])}")
    expect(page.get_by_test_id("officers")).to_contain_text(officer.split()[-1])
    expect(page.get_by_test_id("support")).to_contain_text(programme)
    assert Assignment.objects.filter(commune=dan_hoa, decision_number="123-QĐ/ĐU").exists()
    assert SupportRecord.objects.filter(recipient_name="Hộ ông Hồ Văn Thử", quantity=2).exists()


def test_a_binh_phuoc_commune_is_not_found_for_quang_binh_staff(page: Page, site):
    loc_an = Commune.objects.get(slug="binh-phuoc-loc-an")
    sign_in(page, site, "station-qb")

    response = page.goto(f"{site}{reverse('communes:commune-detail', args=[loc_an.pk])}")

    assert response.status == 404
    expect(page.get_by_test_id("not-found")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Lộc An")


def test_station_staff_record_a_regulation_with_its_scan_a_review_a_course_and_two_supports(
    page: Page, site, tmp_path
):
    dan_hoa = Commune.objects.get(slug="quang-tri-dan-hoa")
    scan = tmp_path / "quy-che.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    sign_in(page, site, "station-qb")
    page.goto(f"{site}{reverse('communes:commune-detail', args=[dan_hoa.pk])}")

    page.get_by_role("link", name="Thêm quy chế").click()
    page.locator("#id_number").fill("07/QCPH-THU")
    page.locator("#id_title").fill("Quy chế phối hợp tuần thử")
    choose(page, "id_station")
    page.locator("#id_signed_on").fill("2026-10-05")
    page.locator("#id_review_due").fill("2027-04-05")
    page.locator("#id_document").set_input_files(str(scan))
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu")).to_be_visible()
    scan_link = page.get_by_role("link", name="Xem tệp đính kèm")
    scan_response = page.request.get(site + scan_link.get_attribute("href"))
    assert scan_response.headers["content-type"] == "application/pdf"
    assert scan_response.body().startswith(b"%PDF-")

    page.get_by_role("link", name="Ghi nhận sơ kết").click()
    page.locator("#id_held_on").fill("2026-10-20")
    page.locator("#id_summary").fill("Hai bên thực hiện tốt quy chế.")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu")).to_be_visible()

    page.goto(f"{site}{reverse('communes:commune-detail', args=[dan_hoa.pk])}")
    page.get_by_role("link", name="Thêm lớp bồi dưỡng").click()
    page.locator("#id_kind").select_option("party")
    page.locator("#id_title").fill("Lớp nhận thức về Đảng tháng 10")
    page.locator("#id_host").fill("Đảng ủy xã Dân Hóa")
    page.locator("#id_started_on").fill("2026-10-12")
    page.locator("#id_ended_on").fill("2026-10-16")
    page.locator("#id_participants").fill(
        "Hồ Thị Mai; Bru - Vân Kiều; Bí thư chi đoàn\nĐinh Văn Sơn; Chứt; Trưởng bản"
    )
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Đinh Văn Sơn")

    for name, value in (("Hộ ông Hồ Văn Một", "17000000"), ("Hộ bà Cao Thị Hai", "4500000")):
        page.goto(f"{site}{reverse('communes:commune-detail', args=[dan_hoa.pk])}")
        page.get_by_role("link", name="Ghi nhận hỗ trợ").click()
        page.locator("#id_programme").select_option(index=1)
        page.locator("#id_given_on").fill("2026-10-21")
        page.locator("#id_recipient_name").fill(name)
        page.locator("#id_value_vnd").fill(value)
        page.get_by_role("button", name="Lưu").click()
        expect(page.get_by_text("Đã lưu")).to_be_visible()

    page.goto(f"{site}{reverse('communes:commune-detail', args=[dan_hoa.pk])}")
    expect(page.get_by_test_id("regulations")).to_contain_text("07/QCPH-THU")
    assert SupportRecord.objects.filter(commune=dan_hoa, given_on="2026-10-21").count() == 2


def a_day_that_reads_differently_the_american_way(today: datetime.date) -> datetime.date:
    """The 2nd of this quarter's first month: 02/10 is 10 February the American way."""
    day = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 2)
    return day if day <= today else day.replace(year=today.year - 1)


def test_in_an_english_browser_dates_are_still_typed_and_picked_as_day_month_year(
    browser, site, live_server
):
    context = browser.new_context(locale="en-US", viewport={"width": 1366, "height": 768})
    page = context.new_page()
    day = a_day_that_reads_differently_the_american_way(datetime.date.today())
    page.goto(f"{site}{reverse('login')}")
    page.locator("#id_username").fill("station-qb")
    page.locator("#id_password").fill("borderwork-demo")
    page.locator("form:has(#id_password) button[type=submit]").click()
    page.goto(f"{site}{reverse('programmes:support-create')}")

    given_on = page.locator("#id_given_on")
    expect(given_on).to_have_attribute("placeholder", "dd/mm/yyyy")
    # The calendar button opens the browser's picker; the day picked is written dd/mm/yyyy.
    page.locator("#div_id_given_on [data-date-picker]").click()
    page.locator("#div_id_given_on input.bw-date-picker").evaluate(
        "(picker, day) => { picker.value = day;"
        " picker.dispatchEvent(new Event('change', {bubbles: true})); }",
        day.isoformat(),
    )
    expect(given_on).to_have_value(day.strftime("%d/%m/%Y"))
    page.locator("#id_programme").select_option(index=1)
    choose(page, "id_station")
    dan_hoa = Commune.objects.get(slug="quang-tri-dan-hoa")
    choose(page, "id_commune", "Dân Hóa", str(dan_hoa.pk))
    page.locator("#id_recipient_name").fill("Hộ bà Lò Thị Lịch")
    page.locator("#id_value_vnd").fill("1000000")
    page.locator("form button[type=submit]").last.click()

    expect(page.locator("body")).to_contain_text(day.strftime("%d/%m/%Y"))
    assert SupportRecord.objects.get(recipient_name="Hộ bà Lò Thị Lịch").given_on == day
    context.close()


PHONE = {"width": 390, "height": 844}


def no_sideways_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_station_staff_enter_a_week_of_support_from_a_phone(browser, site):
    """Three households on three days, typed on a 390 px phone: each form and the list fit."""
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    page = context.new_page()
    dan_hoa = Commune.objects.get(slug="quang-tri-dan-hoa")
    sign_in(page, site, "station-qb")
    assert no_sideways_scroll(page)
    today = datetime.date.today()
    households = ["Hộ ông Hồ Văn Một", "Hộ bà Hồ Thị Hai", "Hộ ông Hồ Văn Ba"]

    for days_ago, household in enumerate(households):
        page.goto(f"{site}{reverse('programmes:support-create')}")
        assert no_sideways_scroll(page), household
        page.locator("#id_programme").select_option(index=1)
        given_on = today - datetime.timedelta(days=days_ago)
        page.locator("#id_given_on").fill(given_on.strftime("%d/%m/%Y"))
        choose(page, "id_station")
        choose(page, "id_commune", "Dân Hóa", str(dan_hoa.pk))
        page.locator("#id_recipient_name").fill(household)
        page.locator("#id_quantity").fill("1")
        page.locator("#id_value_vnd").fill("12000000")
        page.get_by_role("button", name="Lưu").click()
        expect(page.get_by_text("Đã lưu")).to_be_visible()
        assert no_sideways_scroll(page), household

    page.goto(f"{site}{reverse('programmes:support-list')}?q=Hồ")
    table = page.locator("table")
    for household in households:
        expect(table).to_contain_text(household)
    assert no_sideways_scroll(page)
    assert SupportRecord.objects.filter(recipient_name__in=households).count() == 3
    context.close()
