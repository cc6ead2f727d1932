"""The rebuild: every indicator for every commune and quarter, rolled up, swapped in at once.

`rebuild()` is what the nightly Celery task, the "rebuild now" button and
`manage.py rebuild_indicators` all call.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterator

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from borderwork.indicators.catalogue import CATALOGUE
from borderwork.indicators.models import (
    IndicatorValue,
    Level,
    RebuildLock,
    RebuildRun,
    RunStatus,
    View,
    columns,
)
from borderwork.indicators.sources import SOURCES, sql
from communes.models import Commune, Province, StationCoverage

log = logging.getLogger(__name__)
YEARS_BACK = 5


class AlreadyRunning(Exception):
    """Another rebuild holds the lock."""


def quarters(
    today: datetime.date, first: datetime.date
) -> list[tuple[int, int, datetime.date, datetime.date]]:
    """(year, quarter, first day, last day counted) from `first`'s quarter to today's."""
    rows = []
    year, number = first.year, (first.month - 1) // 3 + 1
    while (year, number) <= (today.year, (today.month - 1) // 3 + 1):
        start = datetime.date(year, 3 * number - 2, 1)
        end = (
            datetime.date(year, 12, 31)
            if number == 4
            else datetime.date(year, 3 * number + 1, 1) - datetime.timedelta(days=1)
        )
        rows.append((year, number, start, min(end, today)))
        year, number = (year + 1, 1) if number == 4 else (year, number + 1)
    return rows


class Units:
    """Where a commune's figures go: the commune, station and province, then or today."""

    def __init__(self) -> None:
        communes = {
            pk: (merged, province)
            for pk, merged, province in Commune.objects.values_list(
                "pk", "merged_into_id", "province_id"
            )
        }
        provinces = dict(Province.objects.values_list("pk", "merged_into_id"))
        self.commune_province = {pk: province for pk, (_m, province) in communes.items()}
        self.today_commune = {
            pk: self._follow(pk, {k: m for k, (m, _p) in communes.items()}) for pk in communes
        }
        self.today_province = {pk: self._follow(pk, provinces) for pk in provinces}
        self.coverage = defaultdict(list)
        for commune, station, start, end in StationCoverage.objects.values_list(
            "commune_id", "station_id", "valid_from", "valid_until"
        ):
            self.coverage[commune].append((station, start, end))

    @staticmethod
    def _follow(pk: int, parent: dict) -> int:
        seen = set()
        while parent.get(pk) and pk not in seen:
            seen.add(pk)
            pk = parent[pk]
        return pk

    def station_on(self, commune: int, day: datetime.date | None) -> int | None:
        """The station covering the commune that day (None: today's coverage)."""
        for station, start, end in self.coverage.get(commune, ()):
            if day is None:
                if end is None:
                    return station
            elif (start is None or start <= day) and (end is None or day <= end):
                return station
        return None

    def place(
        self, view: str, commune: int, day: datetime.date | None
    ) -> tuple[int, int | None, int]:
        """(commune, station, province) a commune's figures count toward in a view."""
        if view == View.PERIOD:
            return commune, self.station_on(commune, day), self.commune_province[commune]
        today = self.today_commune[commune]
        province = self.today_province[self.commune_province[today]]
        return today, self.station_on(today, None), province


def compute(today: datetime.date | None = None) -> int:
    """Write every indicator value of both views at every level into the emptied snapshot.

    All the adding up happens inside the database, in a fixed number of statements whatever
    the number of communes and quarters: Python only works out where each commune counts
    (`Units`, a few thousand rows). Building a million rows in Python and sending them back
    took ten times as long as the queries that produced them. Returns the rows written.
    """
    today = today or timezone.localdate()
    periods = quarters(today, datetime.date(today.year - YEARS_BACK, 1, 1))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # JIT compiling the larger statements costs more than it saves here: 0.4 s of
            # the 0.7 s of `completeness` went to compiling it. For this transaction only.
            cursor.execute("SET LOCAL jit = off")
        for table in (PLACES, COMMUNE_VALUES):
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {PLACES} (view varchar(8), commune_id bigint, y integer,"
            " n integer, level varchar(8), unit_id bigint)"
        )
        numbers = ", ".join(f"{column} numeric" for column in COLUMNS)
        cursor.execute(
            f"CREATE TEMPORARY TABLE {COMMUNE_VALUES}"
            f" (commune_id bigint, y integer, n integer, {numbers})"
        )
        load_places(cursor, places(Units(), periods))
        quarter_list, params = quarter_values(periods)
        params.update({"true": True, "first": periods[0][2], "today": today})
        for source in SOURCES:
            cursor.execute(
                f"WITH q(y, n, s, e) AS (VALUES {quarter_list}) {commune_values(source)}", params
            )
        for table in (PLACES, COMMUNE_VALUES):
            cursor.execute(f"ANALYZE {table}")  # temporary tables have no statistics otherwise
        if connection.vendor == "postgresql":
            # The roll-up sorts some 200,000 wide rows: in memory, not on disk. Only for it:
            # more memory makes the planner pick slower plans for some source queries.
            cursor.execute("SET LOCAL work_mem = '64MB'")
        cursor.execute(ROLL_UP)
        rows = cursor.rowcount
        for table in (PLACES, COMMUNE_VALUES):
            cursor.execute(f"DROP TABLE {table}")
    return rows


# Temporary tables of one rebuild: where each commune counts, and each commune's values.
PLACES = "indicator_rebuild_place"
COMMUNE_VALUES = "indicator_rebuild_commune"


def places(units: Units, periods) -> Iterator[tuple]:
    """(view, commune, year, quarter, level, unit): every unit a commune's figures count toward.

    Four rows per commune, quarter and view (three without a station): the roll-up is then one
    join and one GROUP BY, the same statement on PostgreSQL and SQLite.
    """
    for commune in units.commune_province:
        today = units.place(View.CURRENT, commune, None)
        for year, number, _start, end in periods:
            for view, place in ((View.CURRENT, today), (View.PERIOD, None)):
                commune_unit, station, province = place or units.place(view, commune, end)
                yield (view, commune, year, number, Level.COMMUNE, commune_unit)
                if station is not None:
                    yield (view, commune, year, number, Level.STATION, station)
                yield (view, commune, year, number, Level.PROVINCE, province)
                yield (view, commune, year, number, Level.NATION, None)


def load_places(cursor, rows: Iterator[tuple]) -> None:
    """Fill the places table: PostgreSQL's COPY where there is one, one executemany elsewhere."""
    columns = f"{PLACES} (view, commune_id, y, n, level, unit_id)"
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {columns} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        cursor.executemany(f"INSERT INTO {columns} VALUES (%s, %s, %s, %s, %s, %s)", list(rows))


def quarter_values(periods) -> tuple[str, dict]:
    """The quarters as the VALUES list of `q(y, n, s, e)`, and its parameters."""
    values = ", ".join(f"(%(y{i})s, %(n{i})s, %(s{i})s, %(e{i})s)" for i in range(len(periods)))
    params: dict = {}
    for i, (year, number, start, end) in enumerate(periods):
        params.update({f"y{i}": year, f"n{i}": number, f"s{i}": start, f"e{i}": end})
    return values, params


def commune_values(source: str) -> str:
    """INSERT one source's rows into the commune values table, in its indicators' columns.

    As when the roll-up ran in Python: a value is rounded to four places and a missing one is
    0; an indicator that is zero throughout (numerator and denominator) is left NULL, so the
    snapshot has no figure for it where no commune had one (a count reads as zero there).
    A commune's quarter then has a row per source; the roll-up adds them up.
    """
    indicators = [indicator for indicator in CATALOGUE if indicator.source == source]
    rounded = ", ".join(
        f"ROUND(CAST(COALESCE(src.{i.column}{suffix}, 0) AS NUMERIC), 4) AS {column}"
        for i in indicators
        for suffix, column in zip(("", "_of"), columns(i), strict=False)
    )
    present = {i.code: " OR ".join(f"{column} <> 0" for column in columns(i)) for i in indicators}
    kept = ", ".join(
        f"CASE WHEN {present[i.code]} THEN {column} END"
        for i in indicators
        for column in columns(i)
    )
    names = ", ".join(column for i in indicators for column in columns(i))
    return f"""
        INSERT INTO {COMMUNE_VALUES} (commune_id, y, n, {names})
        SELECT commune_id, y, n, {kept} FROM (
            SELECT src.commune_id, src.y, src.n, {rounded}
            FROM ({sql(source, connection.vendor)}) src
        ) v
        WHERE {" OR ".join(present.values())}
    """  # noqa: S608 (our own table, column and indicator names)


# Every number column of the snapshot, in catalogue order.
COLUMNS = [column for indicator in CATALOGUE for column in columns(indicator)]

# Ratios roll up by adding numerators and denominators; the ratio is taken when read. Each
# commune's rows (one per source) are added up first, so the join has one row per commune,
# quarter, view and level: 8 times the communes' quarters, some 200,000 rows at national scale.
ROLL_UP = f"""
    INSERT INTO {IndicatorValue._meta.db_table}
        (view, level, unit_id, year, quarter, {", ".join(COLUMNS)})
    SELECT p.view, p.level, p.unit_id, v.y, v.n, {", ".join(f"SUM(v.{c})" for c in COLUMNS)}
    FROM (
        SELECT commune_id, y, n, {", ".join(f"SUM({c}) AS {c}" for c in COLUMNS)}
        FROM {COMMUNE_VALUES} GROUP BY commune_id, y, n
    ) v
    JOIN {PLACES} p ON p.commune_id = v.commune_id AND p.y = v.y AND p.n = v.n
    GROUP BY p.view, p.level, p.unit_id, v.y, v.n
"""  # noqa: S608


def rebuild(requested_by=None, run: RebuildRun | None = None, today=None) -> RebuildRun:
    """Rebuild the snapshot in one transaction; a failure leaves the previous one in place."""
    run = run or RebuildRun.objects.create(requested_by=requested_by)
    run.status, run.started_at = RunStatus.RUNNING, timezone.now()
    run.save(update_fields=["status", "started_at"])
    try:
        with transaction.atomic():
            lock_or_raise()
            IndicatorValue.objects.all().delete()
            rows = compute(today)
        run.status, run.rows = RunStatus.SUCCESS, rows
    except AlreadyRunning:
        run.status = RunStatus.SKIPPED
    except Exception as error:  # noqa: BLE001 (recorded on the run, then raised again)
        run.status, run.error = RunStatus.FAILED, f"{type(error).__name__}: {error}"
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "error", "finished_at"])
        log.exception("indicator rebuild %s failed", run.pk)
        raise
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "rows", "finished_at"])
    return run


def lock_or_raise() -> None:
    """Hold the lock row for this transaction; a second rebuild is skipped, not queued."""
    RebuildLock.objects.get_or_create(pk=1)
    try:
        RebuildLock.objects.select_for_update(
            nowait=connection.features.has_select_for_update_nowait
        ).get(pk=1)
    except DatabaseError as error:
        raise AlreadyRunning from error


def last_success() -> RebuildRun | None:
    return RebuildRun.objects.filter(status=RunStatus.SUCCESS).order_by("-finished_at").first()
