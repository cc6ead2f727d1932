"""Every page, for every demo role: the right status, and nothing of another province on it."""

import pytest
from django.urls import reverse

from borderwork.indicators.models import RebuildRun
from borderwork.indicators.rebuild import rebuild
from borderwork.periods import Quarter
from borderwork.records.choosers import CHOOSERS
from borderwork.reports import workflow
from borderwork.reports.models import IssuedReport
from borderwork.reports.tasks import issue_task
from cadres.models import Assignment
from communes.models import Commune, CoordinationRegulation, Province, Station
from tests.demo import ROLES, commune_names_of, demo_fixture, province_family, record_types

pytestmark = pytest.mark.django_db

demo = demo_fixture()

READS_BP = {"station-bp", "staff-bp", "commissar-bp", "national", "admin"}
READS_QB = {"station-qb", "staff-qb", "commissar-qb", "national", "admin"}
WRITES_BP = {"station-bp", "staff-bp", "admin"}
WRITES_QB = {"station-qb", "staff-qb", "admin"}
ENTERS_DATA = {"station-bp", "staff-bp", "station-qb", "staff-qb", "admin"}
READS_EVERYTHING = {"national", "admin"}
Q2 = Quarter(2025, 2)
# A rebuild is national and costly: commissars, province staff and administrators ask for it.
REBUILDS = {"staff-bp", "commissar-bp", "staff-qb", "commissar-qb", "admin"}


def pages(demo) -> list[tuple[str, dict[str, int]]]:
    """(url, expected status by role) for every page of every record family."""
    everyone = dict.fromkeys(ROLES, 200)
    rows = [(reverse("home"), everyone)]
    for kind in record_types():
        rows.append((reverse(kind.url_name("list")), everyone))
        # The list as CSV: its text is read for another province's names like a page.
        rows.append((reverse(kind.url_name("export-csv")), everyone))
        if kind.form is not None:
            create = {role: 200 if role in ENTERS_DATA else 403 for role in ROLES}
            rows.append((reverse(kind.url_name("create")), create))
            rows.append((reverse(kind.url_name("import")), create))
            rows.append((reverse(kind.url_name("import-template")), create))
        manager = kind.model.objects
        if kind.model.scope.kind == "public":
            first = manager.order_by("pk").first()
            if first is not None:
                rows.append((reverse(kind.url_name("detail"), args=[first.pk]), everyone))
            continue
        for station_user, reads, writes in (
            ("station-bp", READS_BP, WRITES_BP),
            ("station-qb", READS_QB, WRITES_QB),
        ):
            record = manager.visible_to(demo[station_user]).order_by("pk").first()
            assert record is not None, f"the demo has no {kind.label} for {station_user}"
            detail = {role: 200 if role in reads else 404 for role in ROLES}
            rows.append((reverse(kind.url_name("detail"), args=[record.pk]), detail))
            if kind.form is not None:
                change = {
                    role: 200 if role in writes else 403 if role in reads else 404 for role in ROLES
                }
                for action in ("update", "delete"):
                    rows.append((reverse(kind.url_name(action), args=[record.pk]), change))
            scanned = (
                CoordinationRegulation.objects.visible_to(demo[station_user])
                .exclude(document="")
                .order_by("pk")
                .first()
            )
            scan = reverse("record-file", args=[scanned._meta.label_lower, scanned.pk, "document"])
            rows.append((scan, {role: 200 if role in reads else 404 for role in ROLES}))
    return (
        rows
        + chooser_pages(demo)
        + dashboard_pages(demo)
        + report_pages(demo)
        + reminder_pages(demo)
        + target_pages(demo)
    )


def reminder_pages(demo) -> list[tuple[str, dict[str, int]]]:
    """What needs doing (everyone, in their scope), where signing in lands, a commune's PDF."""
    everyone = dict.fromkeys(ROLES, 200)
    rows = [
        (reverse("landing"), dict.fromkeys(ROLES, 302)),
        (reverse("reminders:list"), everyone),
        (reverse("reminders:count"), everyone),
        (reverse("reminders:awaiting"), everyone),
    ]
    for station_user, reads in (("station-bp", READS_BP), ("station-qb", READS_QB)):
        commune = Commune.objects.visible_to(demo[station_user]).order_by("pk").first()
        status = {role: 200 if role in reads else 404 for role in ROLES}
        rows.append((reverse("commune-pdf", args=[commune.pk]), status))
    return rows


def chooser_pages(demo) -> list[tuple[str, dict[str, int]]]:
    """Every chooser answers everyone signed in, with only the records each may see: also
    when asked for the villages (or officers, cells...) of another province's commune."""
    everyone = dict.fromkeys(ROLES, 200)
    communes = [
        Commune.objects.visible_to(demo[user]).order_by("pk").first()
        for user in ("station-bp", "station-qb")
    ]
    rows = []
    for chooser in sorted(CHOOSERS.values(), key=lambda chooser: chooser.key):
        url = reverse("chooser", args=[chooser.key])
        rows.append((url, everyone))
        if "commune" in chooser.narrow:
            rows += [(f"{url}?commune={commune.pk}", everyone) for commune in communes]
    return rows


def dashboard_pages(demo) -> list[tuple[str, dict[str, int]]]:
    """Every role reads its own unit's dashboard; another province's units are a 404."""
    everyone = dict.fromkeys(ROLES, 200)
    rows = [(reverse("indicators:home"), everyone)]
    rows += [(reverse("indicators:export-home", args=[fmt]), everyone) for fmt in ("csv", "xlsx")]
    nation = {role: 200 if role in READS_EVERYTHING else 404 for role in ROLES}
    rows.append((reverse("indicators:nation"), nation))
    rows.append((reverse("indicators:export-nation", args=["csv"]), nation))
    for slug, station_user, reads in (
        ("binh-phuoc", "station-bp", READS_BP),
        ("quang-binh", "station-qb", READS_QB),
    ):
        status = {role: 200 if role in reads else 404 for role in ROLES}
        province = Province.objects.get(slug=slug)
        station = demo[station_user].station
        commune = Commune.objects.visible_to(demo[station_user]).current().order_by("pk").first()
        for level, pk in (("province", province.pk), ("station", station.pk)):
            rows.append((reverse("indicators:unit", args=[level, pk]), status))
            rows.append((reverse("indicators:unit", args=[level, pk]) + "?cach=period", status))
        rows.append((reverse("indicators:unit", args=["commune", commune.pk]), status))
        rows.append((reverse("indicators:export", args=["station", station.pk, "csv"]), status))
    run = RebuildRun.objects.order_by("-pk").first()
    rows.append((reverse("indicators:rebuild-status", args=[run.pk]), everyone))
    return rows


# A province's report is drafted by its staff and read by its people; a station reads it too.
DRAFTS_BP = {"staff-bp", "admin"}
DRAFTS_QB = {"staff-qb", "admin"}


def report_pages(demo) -> list[tuple[str, dict[str, int]]]:
    """The report pages, with one drafted and issued report of each province."""
    everyone = dict.fromkeys(ROLES, 200)
    rows = [(reverse("reports:list"), everyone)]
    rows.append((reverse("reports:new"), {r: 200 if r in ENTERS_DATA else 403 for r in ROLES}))
    for slug, staff, reads, drafts in (
        ("binh-phuoc", "staff-bp", READS_BP, DRAFTS_BP),
        ("quang-binh", "staff-qb", READS_QB, DRAFTS_QB),
    ):
        report = workflow.draft(demo[staff], "province", Province.objects.get(slug=slug), Q2)
        issued = IssuedReport.objects.create(report=report, requested_by=demo[staff])
        issue_task(issued.pk)
        read = {role: 200 if role in reads else 404 for role in ROLES}
        edit = {role: 200 if role in drafts else 403 if role in reads else 404 for role in ROLES}
        rows.append((reverse("reports:detail", args=[report.pk]), read))
        rows.append((reverse("reports:edit", args=[report.pk]), edit))
        rows.append((reverse("reports:issued-status", args=[issued.pk]), read))
        for kind in ("pdf", "xlsx"):
            rows.append((reverse("reports:issued-file", args=[issued.pk, kind]), read))
    return rows


def target_pages(demo) -> list[tuple[str, dict[str, int]]]:
    """The yearly targets: everyone reads the list; a province's plan only its people."""
    rows = [(reverse("indicators:targets"), dict.fromkeys(ROLES, 200))]
    for slug, reads in (("binh-phuoc", READS_BP), ("quang-binh", READS_QB)):
        province = Province.objects.get(slug=slug)
        status = {role: 200 if role in reads else 404 for role in ROLES}
        rows.append((reverse("indicators:target-plan", args=[province.pk, 2025]), status))
    return rows


@pytest.fixture(scope="module")
def matrix(demo, django_db_blocker):
    with django_db_blocker.unblock():
        rebuild()  # the dashboards show figures, so the check below reads their names
        bp_names = commune_names_of("binh-phuoc")
        qb_names = commune_names_of("quang-binh")
        bp_stations = set(
            Station.objects.filter(province__in=province_family("binh-phuoc")).values_list(
                "name", flat=True
            )
        )
        qb_stations = set(
            Station.objects.filter(province__in=province_family("quang-binh")).values_list(
                "name", flat=True
            )
        )
        foreign = {
            "bp": (qb_names - bp_names) | qb_stations,
            "qb": (bp_names - qb_names) | bp_stations,
        }
        return pages(demo), foreign


def header_failures(url: str, response) -> list[str]:
    """A Content-Security-Policy without inline script or style, and a Permissions-Policy."""
    policy = response.get("Content-Security-Policy", "")
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip()
    )
    failures = []
    for name in ("script-src", "style-src"):
        if directives.get(name) != "'self'":
            failures.append(f"{url}: {name} is {directives.get(name)!r}")
    if "camera=()" not in response.get("Permissions-Policy", ""):
        failures.append(f"{url}: no Permissions-Policy")
    return failures


@pytest.mark.parametrize("username", ROLES)
def test_every_page_answers_each_role_and_shows_nothing_of_another_province(
    client, demo, matrix, username
):
    rows, foreign = matrix
    markers = foreign.get(username.rsplit("-", 1)[-1], set())
    client.force_login(demo[username])
    failures = []

    for url, expected in rows:
        response = client.get(url)
        failures += header_failures(url, response)
        if response.status_code != expected[username]:
            failures.append(f"{url}: {response.status_code}, expected {expected[username]}")
            continue
        # Reading a streamed response to the end closes it the way the test client expects;
        # closing it again would fire request_finished and drop the test's database connection.
        streamed = b"".join(response.streaming_content) if response.streaming else None
        if streamed is not None and not url.endswith(".csv"):  # a scan: its bytes, not a page
            assert streamed.startswith(b"%PDF-"), url
        elif response.get("Content-Type") == "application/pdf":
            assert response.content.startswith(b"%PDF-"), url
        elif (url.endswith(".xlsx") or url.endswith("/xlsx/")) and response.status_code == 200:
            assert response.content.startswith(b"PK"), url  # the CSV holds the same rows
        elif response.status_code == 200:
            # A list's CSV is streamed as it is written.
            page = (streamed if streamed is not None else response.content).decode()
            leaked = sorted(name for name in markers if name in page)
            if leaked:
                failures.append(f"{url} shows another province's {leaked[:3]}")

    assert not failures, "\n".join(failures)
    assert len(rows) > 10


def test_an_anonymous_visitor_is_sent_to_sign_in_from_every_page(client, demo, matrix):
    rows, _foreign = matrix

    for url, _expected in rows:
        response = client.get(url)
        assert not header_failures(url, response)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


@pytest.mark.parametrize("username", ROLES)
def test_only_data_entry_staff_of_the_unit_may_end_a_term(client, demo, username):
    assignment = (
        Assignment.objects.visible_to(demo["station-bp"])
        .filter(ended_on__isnull=True)
        .order_by("pk")
        .first()
    )
    client.force_login(demo[username])

    response = client.post(
        reverse("cadres:assignment-end", args=[assignment.pk]), {"ended_on": "2026-10-31"}
    )

    assignment.refresh_from_db()
    if username in WRITES_BP:
        assert response.status_code == 302
        assert str(assignment.ended_on) == "2026-10-31"
    else:
        assert response.status_code == 404
        assert assignment.ended_on is None


@pytest.mark.parametrize("username", ROLES)
def test_only_commissars_province_staff_and_administrators_may_ask_for_a_rebuild(
    client, demo, username
):
    client.force_login(demo[username])
    runs = RebuildRun.objects.count()

    response = client.post(reverse("indicators:rebuild"), HTTP_HX_REQUEST="true")

    if username in REBUILDS:
        assert response.status_code == 200
        assert RebuildRun.objects.count() == runs + 1
    else:
        assert response.status_code == 403
        assert RebuildRun.objects.count() == runs
