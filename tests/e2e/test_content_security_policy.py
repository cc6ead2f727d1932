"""The main pages run under the Content-Security-Policy without a single violation."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page

from borderwork.records.registry import url_for
from cadres.models import Assignment
from communes.models import Commune, CoordinationRegulation
from tests.e2e.test_station_week import sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]

# Each violation is also a `securitypolicyviolation` event; the init script runs outside the
# page's policy, so it can count them.
COUNT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


@pytest.fixture
def site(live_server):
    call_command("seed_demo", "--force", verbosity=0)
    call_command("rebuild_indicators", verbosity=0)
    return live_server.url


def test_the_main_pages_report_no_content_security_policy_violation(page: Page, site):
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(COUNT_VIOLATIONS)
    sign_in(page, site, "staff-bp")
    commune = Commune.objects.filter(province__slug="binh-phuoc").first()
    regulation = CoordinationRegulation.objects.filter(commune__province__slug="binh-phuoc")
    assignment = Assignment.objects.filter(commune__province__slug="binh-phuoc").first()
    pages = [
        reverse("home"),
        reverse("indicators:home"),
        reverse("reports:list"),
        reverse("reports:new"),
        url_for(commune),
        url_for(regulation.first()),
        url_for(regulation.first(), "update"),
        url_for(assignment, "list"),
        url_for(assignment, "create"),
        url_for(assignment),
    ]
    violations = {}

    for url in pages:
        page.goto(f"{site}{url}")
        page.wait_for_load_state("networkidle")
        found = page.evaluate("window.__cspViolations")
        if found:
            violations[url] = found

    assert page.locator("[data-testid=signed-in-as]").is_visible()
    assert not violations, violations
    assert not [text for text in console if "Content Security Policy" in text], console
