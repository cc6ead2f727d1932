"""A commissar reads his quarter on a 390 px phone from the first screen."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Browser, expect

from tests.e2e.test_station_week import sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def site(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", "--force", verbosity=0)
    call_command("rebuild_indicators", verbosity=0)
    return live_server.url


@pytest.fixture
def phone(browser: Browser):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def on_first_screen(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def test_the_commissar_sees_the_figures_and_the_gaps_on_the_first_screen(phone, site):
    sign_in(phone, site, "commissar-bp")
    phone.goto(f"{site}{reverse('indicators:home')}")

    gaps = phone.get_by_test_id("gap-summary")
    cards = phone.locator("[data-testid^='card-']")
    first_card_value = cards.first.get_by_test_id("value")
    expect(gaps).to_contain_text("Cần xử lý")
    assert on_first_screen(gaps)
    assert on_first_screen(phone.get_by_role("heading", name="Chỉ tiêu chính"))
    assert on_first_screen(first_card_value)
    # The filters and the "figures as of" line wait below the figures.
    assert not on_first_screen(phone.get_by_test_id("choose"))
    assert phone.get_by_test_id("choose").bounding_box()["y"] > cards.last.bounding_box()["y"]

    # The export buttons say which file is the one for Excel.
    expect(phone.get_by_test_id("export-xlsx")).to_contain_text("mở bằng Excel")

    # Charts fold behind their titles, one tap away.
    chart = cards.first.locator("svg").first
    expect(chart).to_be_hidden()
    cards.first.get_by_text("Biểu đồ 8 quý").click()
    expect(chart).to_be_visible()

    # The page never scrolls sideways; a units table does, keeping its name column in view.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    table = phone.locator("[data-testid^='table-'] .table-responsive").first
    name = table.locator("tbody th").first
    name.scroll_into_view_if_needed()
    before = name.bounding_box()["x"]
    table.evaluate("element => { element.scrollLeft = 400; }")
    assert table.evaluate("element => element.scrollLeft") > 0
    assert name.bounding_box()["x"] == pytest.approx(before, abs=1)


def test_on_a_wide_screen_the_charts_are_open(page, site):
    sign_in(page, site, "commissar-bp")
    page.goto(f"{site}{reverse('indicators:home')}")

    expect(page.locator("[data-testid^='card-']").first.locator("svg").first).to_be_visible()
