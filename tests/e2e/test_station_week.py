"""A station's data-entry staff do a day's work in the browser, and stay inside their station."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from cadres.models import Assignment
from communes.models import Commune
from programmes.models import SupportRecord

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]


@pytest.fixture
def site(live_server):
    call_command("seed_demo", "--force", verbosity=0)
    return live_server.url


def sign_in(page: Page, site: str, username: str) -> None:
    page.goto(f"{site}{reverse('login')}")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("borderwork-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Các xã, phường anh/chị được xem")).to_be_visible()


def test_station_staff_assign_an_officer_and_record_support_then_see_both(page: Page, site):
    dan_hoa = Commune.objects.get(slug="quang-tri-dan-hoa")
    sign_in(page, site, "station-qb")
    today = datetime.date.today().isoformat()

    page.get_by_role("button", name="Cán bộ", exact=True).click()
    page.get_by_role("link", name="Phân công tham gia hệ thống chính trị").click()
    page.get_by_role("link", name="Thêm mới").click()
    page.locator("#id_officer").select_option(index=1)
    officer = page.locator("#id_officer option:checked").inner_text()
    page.locator("#id_kind").select_option("party_committee")
    page.locator("#id_commune").select_option(str(dan_hoa.pk))
    page.locator("#id_started_on").fill(today)
    page.locator("#id_decision_number").fill("123-QĐ/ĐU")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu")).to_be_visible()

    page.goto(f"{site}{reverse('programmes:support-create')}")
    page.locator("#id_programme").select_option(index=1)
    programme = page.locator("#id_programme option:checked").inner_text()
    page.locator("#id_given_on").fill(today)
    page.locator("#id_station").select_option(index=1)
    page.locator("#id_commune").select_option(str(dan_hoa.pk))
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
