"""axe-core finds nothing serious on any page of the menu, for each role, desktop and phone."""

import itertools
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Browser

from borderwork.accounts.models import User
from tests.demo import record_types
from tests.e2e.test_station_week import sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]

AXE = Path(__file__).parent / "assets" / "axe.min.js"  # axe-core 4.14.1, see assets/README.md
ROLES = ["commissar-bp", "staff-bp", "station-bp"]
WIDTHS = {"desktop": 1366, "phone": 390}
SIDEWAYS = {"id": "sideways", "impact": "serious", "help": "The page scrolls sideways", "nodes": []}
# WCAG 2.1 A and AA, plus the best practice that every piece of content is in a landmark.
RUN_AXE = """() => axe.run(document, {
  runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
  resultTypes: ["violations"],
}).then(r => r.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + ": " + n.failureSummary),
})))"""


@pytest.fixture
def site(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the demo's scans, not the checkout's media/
    call_command("seed_demo", "--force", verbosity=0)
    return live_server.url


def navigation(page, site: str) -> list[str]:
    """Home and every link of the menu, as the signed-in user sees them."""
    hrefs = page.eval_on_selector_all("#bw-nav a[href]", "links => links.map(a => a.href)")
    return [f"{site}{reverse('home')}", *dict.fromkeys(h for h in hrefs if "/admin/" not in h)]


def forms(username: str) -> list[str]:
    """A new record's form and an existing record's edit form of each family the user enters."""
    user = User.objects.get(username=username)
    if not (user.enters_data or user.is_administrator):
        return []
    urls = []
    for kind in record_types():
        if kind.form is None:
            continue
        urls.append(reverse(kind.url_name("create")))
        record = kind.model.objects.editable_by(user).order_by("pk").first()
        if record is not None:
            urls.append(reverse(kind.url_name("update"), args=[record.pk]))
    return urls


def test_no_page_of_the_navigation_has_a_serious_accessibility_problem(browser: Browser, site):
    problems = []
    for role, (width_name, width) in itertools.product(ROLES, WIDTHS.items()):
        # bypass_csp: the test injects axe as an inline script, which the app's CSP refuses.
        context = browser.new_context(
            viewport={"width": width, "height": 800}, locale="vi-VN", bypass_csp=True
        )
        page = context.new_page()
        sign_in(page, site, role)  # a commissar enrols, or gives, a second factor
        urls = navigation(page, site)
        assert len(urls) > 10, urls
        urls += [f"{site}{url}" for url in forms(role)]
        for url in urls:
            page.goto(url)
            # No page scrolls sideways: wide tables scroll inside their own box.
            if page.evaluate("document.documentElement.scrollWidth") > width:
                problems.append((role, width_name, url.removeprefix(site), SIDEWAYS))
            page.add_script_tag(path=str(AXE))
            for violation in page.evaluate(RUN_AXE):
                # Serious and critical fail; a region outside every landmark fails too.
                if violation["impact"] in ("serious", "critical") or violation["id"] == "region":
                    problems.append((role, width_name, url.removeprefix(site), violation))
        context.close()

    # One line per rule and page, with the first elements it names.
    assert problems == [], "\n".join(
        f"{role} {width} {url} {v['id']} ({v['impact']}): {v['help']} | {' | '.join(v['nodes'])}"
        for role, width, url, v in problems
    )
