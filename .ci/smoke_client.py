"""The smoke test's browser: a province's staff over plain HTTP against gunicorn.

Reads the database only to find what to type and to check what the pages said; every action
is an HTTP request, as a person would make it. Run by .ci/smoke with its environment.
"""

from __future__ import annotations

import datetime
import hashlib
import http.cookiejar
import json
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal

import django

django.setup()

from django.urls import reverse  # noqa: E402

from borderwork.accounts.models import User  # noqa: E402
from borderwork.indicators.models import IndicatorValue, RebuildRun, RunStatus  # noqa: E402
from borderwork.reports.models import IssuedReport, IssueStatus  # noqa: E402
from borderwork.storage.models import StoredFile  # noqa: E402
from programmes.models import SupportRecord  # noqa: E402

BASE = os.environ["SMOKE_URL"]
BASE_2 = os.environ.get("SMOKE_URL_2", BASE)
USERNAME, PASSWORD = "staff-bp", "borderwork-demo"
AMOUNT = 123_456_789
TIMEOUT = 90


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


jar = http.cookiejar.CookieJar()
browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def request(path: str, data: dict | None = None, headers: dict | None = None, base: str = BASE):
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    # S310: BASE is the smoke test's own gunicorn on loopback, never a user's URL.
    req = urllib.request.Request(base + path, data=body, headers=headers or {})  # noqa: S310
    if data is not None:
        req.add_header("X-CSRFToken", csrf())
        req.add_header("Referer", BASE + path)
    try:
        with browser.open(req, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def csrf() -> str:
    return next((c.value for c in jar if c.name == "csrftoken"), "")


def check(condition: bool, what: str) -> None:
    if not condition:
        sys.exit(f"smoke: FAILED: {what}")
    print(f"smoke: ok: {what}")


def wait(what: str, done) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if done():
            return
        time.sleep(0.5)
    sys.exit(f"smoke: FAILED: {what} did not finish within {TIMEOUT} s")


def vnd(value) -> str:
    return f"{int(value):,}".replace(",", ".") + " đ"


def sign_in() -> None:
    status, _, _ = request(reverse("login"))
    check(status == 200 and csrf() != "", "the sign-in page sets a CSRF cookie")
    status, headers, _ = request(
        reverse("login"),
        {"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": csrf()},
    )
    check(status == 302 and "dang-nhap" not in headers.get("Location", ""), "staff-bp signs in")


def support_figures(year: int, quarter: int) -> dict[tuple, Decimal]:
    rows = IndicatorValue.objects.filter(year=year, quarter=quarter)
    return {(row.view, row.level, row.unit_id): Decimal(row.support_value or 0) for row in rows}


def rebuild_now() -> RebuildRun:
    before = set(RebuildRun.objects.values_list("pk", flat=True))
    status, _, body = request(
        reverse("indicators:rebuild"), {"csrfmiddlewaretoken": csrf()}, {"HX-Request": "true"}
    )
    check(status == 200, "'Tính lại ngay' is accepted")
    run = RebuildRun.objects.exclude(pk__in=before).get()
    check(run.requested_by.username == USERNAME, "the run is recorded as staff-bp's")

    def finished() -> bool:
        run.refresh_from_db()
        return run.status not in (RunStatus.QUEUED, RunStatus.RUNNING)

    wait("the worker's rebuild", finished)
    check(run.status == RunStatus.SUCCESS, f"the worker rebuilt the snapshot ({run.error})")
    return run


def main() -> None:
    started = time.monotonic()
    sign_in()
    staff = User.objects.get(username=USERNAME)

    # A baseline, through the same button, so the figure to read is the dashboard's own.
    rebuild_now()

    # The newest support record staff-bp may edit after the merger is the model for a new one.
    model = (
        SupportRecord.objects.editable_by(staff)
        .filter(given_on__gte=datetime.date(2025, 7, 1), value_vnd__isnull=False)
        .order_by("-given_on", "-pk")
        .first()
    )
    check(model is not None, "the demo has a support record staff-bp may edit")
    day = model.given_on
    quarter, year = (day.month - 1) // 3 + 1, day.year
    dashboard = reverse("indicators:home") + f"?quy={year}-{quarter}"
    before = support_figures(year, quarter)
    status, _, page_before = request(dashboard)
    check(
        status == 200 and b"data-testid" in page_before, f"the dashboard of {year}Q{quarter} opens"
    )

    create = reverse("programmes:support-create")
    status, _, _ = request(create)
    check(status == 200, "the support record form opens")
    data = {
        "csrfmiddlewaretoken": csrf(),
        "programme": model.programme_id,
        "given_on": day.strftime("%d/%m/%Y"),
        "station": model.station_id or "",
        "commune": model.commune_id,
        "village": model.village_id or "",
        "recipient_kind": model.recipient_kind,
        "recipient_name": "Hộ ông Smoke Test",
        "ethnic_group": model.ethnic_group_id or "",
        "poverty_status": model.poverty_status,
        "quantity": model.quantity if model.quantity is not None else "",
        "value_vnd": AMOUNT,
        "funding_source": model.funding_source,
        "notes": "smoke",
    }
    status, headers, body = request(create, data)
    errors = re.findall(rb"invalid-feedback[^>]*>\s*<strong>([^<]+)", body)
    check(status == 302, f"the form saves the record {[e.decode() for e in errors]}")
    check(
        SupportRecord.objects.filter(recipient_name="Hộ ông Smoke Test", value_vnd=AMOUNT).exists(),
        "the new record is in the database",
    )

    rebuild_now()
    after = support_figures(year, quarter)
    grown = {key: value for key, value in after.items() if value - before.get(key, 0) == AMOUNT}
    check(bool(grown), f"the snapshot grew by {vnd(AMOUNT)} at {sorted(grown)}")
    status, _, page = request(dashboard)
    shown = [vnd(v) for v in grown.values() if vnd(v).encode() in page]
    check(
        status == 200 and bool(shown) and not any(f.encode() in page_before for f in shown),
        f"the dashboard shows the new figure {shown}",
    )

    # The quarterly report: 'Lập báo cáo' for the first unit offered, then 'Xuất PDF'.
    status, _, page = request(reverse("reports:new"))
    check(status == 200, "the new report form opens")
    select = re.search(rb'<select name="unit"[^>]*>(.*?)</select>', page, re.S)
    units = re.findall(rb'<option value="([^"]+)"', select.group(1)) if select else []
    wanted = f"{year}-{quarter}".encode()
    quarters = re.findall(rb'<option value="(\d{4}\D\d)"', page)
    chosen = next((q for q in quarters if q.replace(b"Q", b"-") == wanted), quarters[0])
    check(bool(units) and bool(quarters), "the form offers a unit and quarters")
    # The first unit that reports this quarter: a province merged in 2025 has no figures after.
    for unit in units:
        status, headers, _ = request(
            reverse("reports:new"),
            {"csrfmiddlewaretoken": csrf(), "unit": unit.decode(), "quarter": chosen.decode()},
        )
        if status == 302:
            break
    report_path = headers.get("Location", "")
    check(
        status == 302 and re.search(r"/bao-cao/\d+/$", report_path) is not None,
        f"a draft report is written ({report_path})",
    )
    report_pk = int(report_path.rstrip("/").rsplit("/", 1)[1])
    status, _, _ = request(
        reverse("reports:issue", args=[report_pk]),
        {"csrfmiddlewaretoken": csrf()},
        {"HX-Request": "true"},
    )
    check(status in (200, 302), "'Xuất PDF' is accepted")
    issued = IssuedReport.objects.filter(report_id=report_pk).latest("pk")
    wait("the worker's PDF", lambda: not IssuedReport.objects.get(pk=issued.pk).active)
    issued.refresh_from_db()
    check(issued.status == IssueStatus.DONE, f"the worker issued the PDF ({issued.error})")
    status, headers, pdf = request(reverse("reports:issued-file", args=[issued.pk, "pdf"]))
    stored = bytes(StoredFile.objects.get(name=issued.pdf.name).content)
    check(status == 200 and pdf.startswith(b"%PDF-"), "the PDF downloads")
    check(
        hashlib.sha256(pdf).hexdigest() == issued.sha256 == headers.get("X-Content-SHA256")
        and pdf == stored,
        f"the PDF is byte for byte the archived one ({len(pdf)} bytes, stored in PostgreSQL)",
    )

    second, _, again = request(reverse("reports:issued-file", args=[issued.pk, "pdf"]), base=BASE_2)
    check(
        second == 200 and again == pdf, "a second web server with an empty disk serves the same PDF"
    )

    status, _, body = request(reverse("healthz"))
    health = json.loads(body)
    check(status == 200 and health["status"] == "ok", f"/healthz says ok: {health}")
    check(health["worker"]["workers"] != [], "/healthz sees the worker's heartbeat")
    check(
        health["rebuild"]["age_s"] is not None and health["rebuild"]["age_s"] < 300,
        "/healthz gives the age of the last successful rebuild",
    )
    print(f"smoke: the HTTP part took {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
