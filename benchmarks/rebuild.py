"""Time the indicator rebuild against its floor: one plain GROUP BY scan of the support records.

Run it against a database that holds data, e.g. the national-size dataset:

    createdb -h 127.0.0.1 -U postgres bw_scale
    export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bw_scale
    DEBUG=true .venv/bin/python manage.py migrate
    DEBUG=true .venv/bin/python manage.py generate_scale_data --communes 1000 --years 5
    .venv/bin/python benchmarks/rebuild.py

It replaces the snapshot (as the nightly task does) and prints the rows read, the snapshot rows
written, the seconds of rebuild(), the queries it issued and the slowest of them, the peak
memory, the scan's seconds and the ratio, and the time of a national dashboard read.
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "borderwork.settings")
# As in the tests: a local secret and plain HTTP, so the dashboard pages can be timed.
os.environ.setdefault("BORDERWORK_TESTING", "true")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402

from borderwork.indicators.models import DirtyMark, IndicatorValue, RunStatus  # noqa: E402
from borderwork.indicators.rebuild import Plan, rebuild  # noqa: E402
from borderwork.indicators.sources import SOURCES, T, sql  # noqa: E402
from borderwork.periods import Quarter  # noqa: E402
from programmes.models import SupportRecord  # noqa: E402

SCAN = {
    "postgresql": """
        SELECT commune_id, date_trunc('quarter', given_on), SUM(quantity), SUM(value_vnd)
        FROM {table} GROUP BY 1, 2
    """,
    "sqlite": """
        SELECT commune_id, strftime('%Y', given_on),
            (CAST(strftime('%m', given_on) AS INTEGER) + 2) / 3, SUM(quantity), SUM(value_vnd)
        FROM {table} GROUP BY 1, 2, 3
    """,
}


class Statements:
    """Counts and times every statement Django sends, named by its source query or its head."""

    def __init__(self) -> None:
        self.timings: list[tuple[float, str]] = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.timings.append((time.perf_counter() - started, self.name(sql)))

    @staticmethod
    def name(text: str) -> str:
        for source in SOURCES:
            for scoped in (False, True):
                if sql(source, connection.vendor, scoped) in text:
                    return f"source {source!r}"
        return " ".join(text.split())[:100]

    def seconds(self, prefix: str) -> float:
        return sum(s for s, sql in self.timings if sql.upper().startswith(prefix))


def peak_mb() -> float:
    # Linux reports ru_maxrss in kilobytes.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(action: Callable[[], object], repeat: int = 1) -> tuple[float, object]:
    """The best of `repeat` runs, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - started)
    return best, result


def scan() -> int:
    sql = SCAN[connection.vendor].format(table=T["support"])
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return len(cursor.fetchall())


def rows_read() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(set(T.values())):
            cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 (our own table names)
            counts[table] = cursor.fetchone()[0]
    return counts


def dashboard_pages() -> list[str]:
    """Server time of dashboard pages at this scale, for a national reviewer (rolled back)."""
    try:
        from django.urls import reverse

        reverse("indicators:nation")
    except Exception as error:  # the pages are optional here
        return [f"no dashboard pages ({type(error).__name__}): skipped"]
    from django.test import Client
    from django.test.utils import setup_test_environment

    from borderwork.accounts.models import Role, User
    from borderwork.indicators.models import UnitLevel
    from communes.models import Commune, Province, Station

    setup_test_environment()  # lets the test client's host in
    province = Province.objects.filter(valid_until__isnull=True).order_by("pk").first()
    station = Station.objects.filter(province=province).order_by("pk").first()
    commune = Commune.objects.filter(province=province, valid_until__isnull=True).first()
    pages = [("national", reverse("indicators:nation"))]
    for level, unit in (
        (UnitLevel.PROVINCE, province),
        (UnitLevel.STATION, station),
        (UnitLevel.COMMUNE, commune),
    ):
        if unit is not None:
            pages.append((level, reverse("indicators:unit", args=[level, unit.pk])))
    lines = []
    with transaction.atomic():
        user = User.objects.create(username="benchmark-national", role=Role.NATIONAL)
        client = Client()
        client.force_login(user)
        for label, url in pages:
            client.get(url)  # once to warm up templates and caches
            statements = Statements()
            with connection.execute_wrapper(statements):
                seconds, response = timed(lambda url=url: client.get(url), repeat=3)
            queries = len(statements.timings) // 3
            lines.append(
                f"{label} page {url}: HTTP {response.status_code}, "
                f"{seconds * 1000:.0f} ms, {queries} queries"
            )
        transaction.set_rollback(True)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scans", type=int, default=3, help="time the scan this often, keep best")
    parser.add_argument("--slowest", type=int, default=8, help="list this many slowest statements")
    parser.add_argument(
        "--pages-only",
        action="store_true",
        help="time the dashboard pages on the snapshot as it is, without a rebuild",
    )
    args = parser.parse_args()
    if args.pages_only:
        print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        print("dashboard pages (server time, best of 3):")
        for line in dashboard_pages():
            print(f"  {line}")
        return

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    counts = rows_read()
    print("rows read (source tables):")
    for table, count in counts.items():
        print(f"  {table:<40} {count:>12,}")
    print(f"  {'total':<40} {sum(counts.values()):>12,}")

    if connection.vendor == "postgresql":
        # As autovacuum would between two nightly runs: otherwise the DELETE reads every
        # snapshot ever deleted (repeated runs here, autovacuum off: hundreds of MB).
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {IndicatorValue._meta.db_table}")
    scan()  # once to warm the cache, as the rebuild's own queries will find it
    scan_seconds, groups = timed(scan, repeat=args.scans)
    print(f"floor: GROUP BY scan of {T['support']}: {scan_seconds:.2f} s ({groups:,} groups)")

    memory_before = peak_mb()
    statements = Statements()
    with connection.execute_wrapper(statements):
        seconds, run = timed(lambda: rebuild(full=True))
    if run.status != RunStatus.SUCCESS:
        sys.exit(f"rebuild {run.status}: {run.error}")
    written = IndicatorValue.objects.count()
    print(
        f"full rebuild (every quarter): {seconds:.2f} s, status {run.status}, "
        f"{run.rows:,} snapshot rows written"
    )
    print(f"  ratio to the scan: {seconds / scan_seconds:.1f}x")
    print(
        f"  queries issued: {len(statements.timings)} "
        "(PostgreSQL's COPY of the places table is one more)"
    )
    sources = statements.seconds("SOURCE")
    inserts, deletes = statements.seconds("INSERT"), statements.seconds("DELETE")
    joined = statements.seconds("CREATE TEMPORARY TABLE INDICATOR_REBUILD_COMMUNE ")
    analyzed = statements.seconds("ANALYZE")
    rest = seconds - sources - inserts - deletes - joined - analyzed
    print(
        f"  in the database: {sources:.2f} s in the source queries (each fills a temporary "
        f"table), {joined:.2f} s joining them into a row per commune and quarter, "
        f"{analyzed:.2f} s in ANALYZE, {inserts:.2f} s in the roll-up INSERT, "
        f"{deletes:.2f} s deleting; the rest ({rest:.2f} s) is Python (where each commune "
        "counts), its COPY and the rest"
    )
    print(
        f"  peak memory (ru_maxrss): {peak_mb():.0f} MB; before the rebuild {memory_before:.0f} MB"
    )
    print(f"  snapshot rows now in the table: {written:,}")
    print(f"  slowest {args.slowest} statements:")
    for took, statement in sorted(statements.timings, reverse=True)[: args.slowest]:
        print(f"    {took:7.2f} s  {statement}")
    nightly(scan_seconds)
    print("dashboard pages (server time, best of 3):")
    for line in dashboard_pages():
        print(f"  {line}")


def nightly(scan_seconds: float) -> None:
    """The rebuilds after writes, each checked against a full one, all rolled back.

    On PostgreSQL a rebuild recomputes only what writes may have changed
    (`indicators/marks.py`): the same day, only the communes they marked; another day, every
    commune from the earliest quarter marked. Each snapshot must equal a full rebuild's of the
    same data.
    """
    if connection.vendor != "postgresql":
        print("incremental rebuilds: every rebuild is a full one on this database")
        return
    same = True
    with transaction.atomic():
        today = rebuild(full=True).counted_to
        measured = [
            ("refresh, nothing marked (today's quarter)", lambda: None, today),
            ("refresh after one new support record", lambda: one_record(today), today),
            ("refresh after a day's work", lambda: a_days_work(today), today),
        ]
        tomorrow = today + datetime.timedelta(days=1)
        measured.append(
            ("nightly the next day after a day's work", lambda: a_days_work(today), tomorrow)
        )
        for label, write, day in measured:
            done = write()
            communes = DirtyMark.objects.values("commune_id").distinct().count()
            plan = Plan.make(day)
            seconds, run = timed(lambda day=day: rebuild(today=day))
            incremental = snapshot_checksum()
            rebuild(full=True, today=day)
            equal = incremental == snapshot_checksum()
            same = same and equal
            scope = (
                f"{len(plan.communes)} communes" if plan.communes is not None else "every commune"
            )
            print(
                f"{label}{f' ({done})' if done else ''}: {seconds:.2f} s "
                f"({seconds / scan_seconds:.1f}x the scan), {communes} communes marked, "
                f"recomputed {scope} from {run.recomputed_from:%d/%m/%Y}, {run.rows:,} rows; "
                f"equal to a full rebuild: {'yes' if equal else 'NO'}"
            )
        transaction.set_rollback(True)
    if not same:
        sys.exit("an incremental rebuild differs from a full one")


def one_record(today) -> str:
    """One support record dated today, as a form saves it."""
    support = T["support"]
    columns = ", ".join(
        field.column
        for field in SupportRecord._meta.concrete_fields
        if field.column not in ("id", "given_on")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {support} ({columns}, given_on)"  # noqa: S608 (our own names)
            f" SELECT {columns}, %s FROM {support} ORDER BY id DESC LIMIT 1",
            [today],
        )
    return ""


def a_days_work(today) -> str:
    """Writes as a day of data entry across the country might make them: support given
    today and some entered late (last quarter), terms ended today, a record deleted."""
    support = T["support"]
    fields = [
        field.column
        for field in SupportRecord._meta.concrete_fields
        if field.column not in ("id", "given_on")
    ]
    columns = ", ".join(fields)
    last_quarter = Quarter.of(today).shift(-1).first_day
    with connection.cursor() as cursor:
        for day, count in ((today, 2000), (last_quarter, 200)):
            cursor.execute(
                f"INSERT INTO {support} ({columns}, given_on)"  # noqa: S608 (our own names)
                f" SELECT {columns}, %s FROM {support} ORDER BY id DESC LIMIT %s",
                [day, count],
            )
        cursor.execute(
            f"UPDATE {T['assignment']} SET ended_on = %s WHERE id IN ("  # noqa: S608 (our table)
            f" SELECT id FROM {T['assignment']} WHERE ended_on IS NULL ORDER BY id LIMIT 50)",
            [today],
        )
        cursor.execute(
            f"DELETE FROM {support} WHERE id = (SELECT id FROM {support}"  # noqa: S608 (our table)
            " WHERE given_on >= %s ORDER BY id LIMIT 1)",
            [last_quarter],
        )
    return (
        "2,000 support records dated today, 200 dated last quarter, 50 terms ended, "
        "1 record deleted"
    )


def snapshot_checksum() -> str:
    table = IndicatorValue._meta.db_table
    columns = ", ".join(
        field.column for field in IndicatorValue._meta.concrete_fields if field.column != "id"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT md5(string_agg(CAST(v AS text), '|' ORDER BY v))"  # noqa: S608 (our table)
            f" FROM (SELECT {columns} FROM {table}) v"
        )
        return cursor.fetchone()[0]


if __name__ == "__main__":
    main()
