"""Time every page as a national reviewer, a province's staff and a station's staff.

Run it against the national-size dataset (see benchmarks/rebuild.py for making one):

    export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bw_scale
    .venv/bin/python benchmarks/pages.py            # --top 15 --runs 2

Three users are made (or reused) on the busiest province and its busiest station. Each page is
fetched through Django's test client, best of `--runs`; the slowest `--top` are printed with
their queries and bytes, and every page over 300 ms or 1 MB is named. Then the documents made
on request (a commune's profile PDF, a list's XLSX and CSV) are timed once each, apart: they
are downloads, not pages (`--no-documents` skips them). With gunicorn and wrk
installed (`--wrk`), it also serves the site on 127.0.0.1:18814 and prints the national
dashboard's requests per second as a share of the sign-in page's, in the same run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "borderwork.settings")
os.environ.setdefault("BORDERWORK_TESTING", "true")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from borderwork.accounts.models import Role, User  # noqa: E402
from borderwork.records.registry import REGISTRY  # noqa: E402
from borderwork.records.sheets import BACKGROUND_ROWS  # noqa: E402
from borderwork.reports.models import Report  # noqa: E402
from communes.models import Commune, Station  # noqa: E402
from programmes.models import SupportRecord  # noqa: E402

LIMIT_MS, LIMIT_BYTES = 300, 1_000_000
WRK = shutil.which("wrk") or ""
PASSWORD = "benchmark-pages"  # noqa: S105 (a benchmark database's throwaway users)


def users() -> dict[str, User]:
    station = Station.objects.annotate(n=Count("support_records")).order_by("-n").first()
    made = {}
    for name, role, unit in (
        ("bench-national", Role.NATIONAL, {}),
        ("bench-province", Role.PROVINCE_STAFF, {"province": station.province}),
        ("bench-station", Role.STATION_STAFF, {"station": station}),
    ):
        user, _ = User.objects.update_or_create(username=name, defaults={"role": role, **unit})
        user.set_password(PASSWORD)
        user.save()
        made[name] = user
    return made


def pages(user: User) -> list[str]:
    """Every page the user reaches from the menu, a list, a record or the reports."""
    urls = [
        reverse("home"),
        reverse("landing"),
        reverse("indicators:home"),
        reverse("indicators:targets"),
        reverse("reports:list"),
        reverse("reminders:list"),
        reverse("reminders:count"),
        reverse("reminders:awaiting"),
    ]
    if user.reads_everything:
        urls.append(reverse("indicators:nation"))
    province = user.province or (user.station.province if user.station else None)
    if province is not None:
        year = timezone.localdate().year
        urls.append(reverse("indicators:target-plan", args=[province.pk, year]))
    report = Report.objects.visible_to(user).order_by("-pk").first()
    if report is not None:
        urls.append(reverse("reports:detail", args=[report.pk]))
    if user.enters_data:
        urls.append(reverse("reports:new"))
    for kind in sorted(REGISTRY.values(), key=lambda kind: kind.url_name("list")):
        urls.append(reverse(kind.url_name("list")))
        record = kind.model.objects.visible_to(user).order_by("-pk").first()
        if record is not None:
            urls.append(reverse(kind.url_name("detail"), args=[record.pk]))
        if kind.form is not None and (user.enters_data or user.is_administrator):
            urls += [reverse(kind.url_name("create")), reverse(kind.url_name("import"))]
            urls.append(reverse(kind.url_name("import-template")))
            if record is not None:
                urls.append(reverse(kind.url_name("update"), args=[record.pk]))
                urls.append(reverse(kind.url_name("delete"), args=[record.pk]))
    return urls


def documents(user: User) -> list[str]:
    """Files made on request rather than pages: a commune's profile PDF and, below the size
    that goes to the worker, the support list as XLSX and CSV (issue 15 holds these to 10 s)."""
    urls = []
    commune = Commune.objects.visible_to(user).border().order_by("pk").first()
    if commune is not None:
        urls.append(reverse("commune-pdf", args=[commune.pk]))
    support = REGISTRY[SupportRecord]
    if support.model.objects.visible_to(user).count() <= BACKGROUND_ROWS:
        urls += [reverse(support.url_name("export-xlsx")), reverse(support.url_name("export-csv"))]
    return urls


def time_page(client: Client, url: str, runs: int) -> tuple[float, int, int, int]:
    best = None
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
        size = len(response.content)
        if best is None or elapsed < best[0]:
            best = (elapsed, len(queries), size, response.status_code)
    return best


def throughput(url: str, seconds: int = 10) -> float:
    out = subprocess.run(  # noqa: S603 (fixed arguments)
        [WRK, "-t2", "-c8", f"-d{seconds}s", url], capture_output=True, text=True, check=True
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("Requests/sec"))
    return float(line.split()[-1])


def ready(url: str, seconds: float = 60) -> None:
    """Wait for gunicorn to answer: on a loaded machine its workers take a while to boot."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (our own server)
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def wrk_ratio(port: int) -> None:
    """National dashboard req/s over sign-in page req/s, gunicorn -w 2, wrk -c 8."""
    gunicorn = Path(sys.executable).parent / "gunicorn"
    if not WRK or not gunicorn.exists():
        print("wrk or gunicorn not installed: no throughput ratio")
        return
    address = f"127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603 (fixed arguments)
        [str(gunicorn), "-w", "2", "-b", address, "borderwork.wsgi", "--log-level", "warning"],
        env={**os.environ, "ALLOWED_HOSTS": "127.0.0.1"},
    )
    try:
        ready(f"http://{address}{reverse('login')}")
        client = Client()
        # force_login: axes wants a request to authenticate; the session is in the database.
        client.force_login(User.objects.get(username="bench-national"))
        # wrk needs the session cookie for the dashboard: a tiny Lua script sets it.
        cookie = client.cookies["sessionid"].value
        script = Path("/tmp/bench-pages-cookie.lua")  # noqa: S108
        script.write_text(f'wrk.headers["Cookie"] = "sessionid={cookie}"\n')
        base = f"http://{address}"
        sign_in = throughput(f"{base}{reverse('login')}")
        out = subprocess.run(  # noqa: S603 (fixed arguments)
            [
                WRK,
                "-t2",
                "-c8",
                "-d10s",
                "-s",
                str(script),
                f"{base}{reverse('indicators:nation')}",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        line = next(line for line in out.splitlines() if line.startswith("Requests/sec"))
        nation = float(line.split()[-1])
        print(
            f"sign-in {sign_in:.0f} req/s, national dashboard {nation:.0f} req/s: "
            f"{100 * nation / sign_in:.0f} %"
        )
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--wrk", action="store_true", help="also measure throughput")
    parser.add_argument("--wrk-only", action="store_true", help="measure throughput only")
    parser.add_argument("--no-documents", action="store_true", help="pages only, no files")
    parser.add_argument("--port", type=int, default=18814, help="gunicorn's port for --wrk")
    args = parser.parse_args()
    if args.wrk_only:
        users()
        wrk_ratio(args.port)
        return
    rows, files = [], []
    for name, user in users().items():
        client = Client()
        client.force_login(user)
        for url in pages(user):
            elapsed, queries, size, status = time_page(client, url, args.runs)
            rows.append((elapsed, name, url, queries, size, status))
        if not args.no_documents:
            for url in documents(user):
                elapsed, queries, size, status = time_page(client, url, 1)
                files.append((elapsed, name, url, queries, size, status))
    rows.sort(reverse=True)
    print(f"{'ms':>7} {'queries':>7} {'KB':>7} {'status':>6}  user            page")
    for elapsed, name, url, queries, size, status in rows[: args.top]:
        print(f"{elapsed * 1000:7.0f} {queries:7d} {size / 1000:7.0f} {status:6d}  {name:15} {url}")
    over = [row for row in rows if row[0] * 1000 > LIMIT_MS or row[4] > LIMIT_BYTES]
    print(f"{len(rows)} pages timed; {len(over)} over {LIMIT_MS} ms or 1 MB")
    for elapsed, name, url, _queries, size, _status in over:
        print(f"over: {elapsed * 1000:.0f} ms, {size / 1000:.0f} KB  {name} {url}")
    if files:
        print("\nDocuments (one run each):")
        for elapsed, name, url, queries, size, status in sorted(files, reverse=True):
            ms, kb = elapsed * 1000, size / 1000
            print(f"{ms:7.0f} {queries:7d} {kb:7.0f} {status:6d}  {name:15} {url}")
    errors = [row for row in rows + files if row[5] >= 400]
    for row in errors:
        print(f"error {row[5]}: {row[1]} {row[2]}")
    if args.wrk:
        wrk_ratio(args.port)


if __name__ == "__main__":
    main()
