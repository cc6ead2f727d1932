"""The menu fits on one line of a 1366 px screen, in Vietnamese and in English."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.e2e.test_station_week import sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]


@pytest.fixture
def site(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", "--force", verbosity=0)
    return live_server.url


def one_line(page: Page) -> bool:
    """Every item of the menu on the same line, none wrapped inside, beside the brand."""
    tops = page.evaluate(
        "new Set([...document.querySelectorAll('#bw-nav > ul > li')]"
        ".map(li => Math.round(li.getBoundingClientRect().top))).size"
    )
    return tops == 1 and page.locator("nav.bw-navbar").bounding_box()["height"] < 70


@pytest.mark.parametrize("username", ["admin", "station-bp"])
def test_the_menu_is_one_line_in_both_languages(page: Page, site, username):
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, site, username)
    page.goto(f"{site}{reverse('indicators:home')}")
    assert one_line(page)

    page.get_by_role("button", name="EN").first.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert one_line(page)
