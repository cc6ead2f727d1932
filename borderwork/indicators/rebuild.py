"""The rebuild: every indicator for every commune and quarter, rolled up, swapped in at once.

`rebuild()` is what the nightly Celery task, the "rebuild now" button and
`manage.py rebuild_indicators` all call. On PostgreSQL it recomputes the quarters from the
first one a write since the last rebuild may have changed (`marks.py`), and the quarter that
run counted up to; the others keep their figures. The first run, a run after the way of
counting changed (`signature()`), a run after a merger or a change of coverage, a run on
another database, and `rebuild(full=True)` recompute every quarter.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from borderwork.indicators import marks
from borderwork.indicators.catalogue import CATALOGUE
from borderwork.indicators.models import (
    REBUILD_JOB,
    DirtyMark,
    IndicatorValue,
    Level,
    RebuildLock,
    RebuildRun,
    RunStatus,
    View,
    columns,
)
from borderwork.indicators.sources import SOURCES, sql
from borderwork.indicators.values import Quarter
from communes.models import Commune, Province, StationCoverage

log = logging.getLogger(__name__)
YEARS_BACK = 5


class AlreadyRunning(Exception):
    """Another rebuild holds the lock."""


def quarters(
    today: datetime.date, first: datetime.date
) -> list[tuple[int, int, datetime.date, datetime.date]]:
    """(year, quarter, first day, last day counted) from `first`'s quarter to today's."""
    rows, quarter, last = [], Quarter.of(first), Quarter.of(today)
    while quarter <= last:
        following = quarter.shift(1)
        end = min(following.first_day - datetime.timedelta(days=1), today)
        rows.append((quarter.year, quarter.number, quarter.first_day, end))
        quarter = following
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


def compute(today: datetime.date, first: datetime.date) -> int:
    """Write every indicator value of both views at every level, for the quarters from
    `first`'s to today's, into the snapshot emptied of them.

    All the adding up happens inside the database, in a fixed number of statements whatever
    the number of communes and quarters: Python only works out where each commune counts
    (`Units`, a few thousand rows). Building a million rows in Python and sending them back
    took ten times as long as the queries that produced them. Returns the rows written.
    """
    periods = quarters(today, first)
    tables = [PLACES, COMMUNE_VALUES, *(source_table(source) for source in SOURCES)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # JIT compiling the larger statements costs more than it saves here: 0.4 s of
            # the 0.7 s of `completeness` went to compiling it. For this transaction only.
            cursor.execute("SET LOCAL jit = off")
            # Memory to group and join in (the support records' sums in particular) without
            # sorting on disk: support took 0.70 s with the default 4 MB, 0.48 s with this.
            cursor.execute("SET LOCAL work_mem = '64MB'")
        for table in tables:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {PLACES} (view varchar(8), commune_id bigint, y integer,"
            " n integer, commune_unit bigint, station bigint, province bigint)"
        )
        load_places(cursor, places(Units(), periods))
        quarter_list, params = quarter_values(periods)
        params.update(
            {
                "true": True,
                "first": periods[0][2],
                "today": today,
                "y0": periods[0][0],
                "n0": periods[0][1],
                "last": len(periods) - 1,
            }
        )
        for source in SOURCES:
            cursor.execute(
                f"CREATE TEMPORARY TABLE {source_table(source)} AS"
                f" WITH q(i, y, n, s, e) AS (VALUES {quarter_list}) {commune_values(source)}",
                params,
            )
        cursor.execute(COMMUNE_ROWS)
        cursor.execute(f"ANALYZE {COMMUNE_VALUES}")  # temporary tables have no statistics
        cursor.execute(f"ANALYZE {PLACES}")
        cursor.execute(ROLL_UP)
        rows = cursor.rowcount
        for table in tables:
            cursor.execute(f"DROP TABLE {table}")
    return rows


# Temporary tables of one rebuild: where each commune counts, each source's values per
# commune and quarter, and all of them side by side in one row per commune and quarter.
PLACES = "indicator_rebuild_place"
COMMUNE_VALUES = "indicator_rebuild_commune"


def source_table(source: str) -> str:
    return f"indicator_rebuild_{source}"


def places(units: Units, periods) -> Iterator[tuple]:
    """(view, commune, year, quarter, commune unit, station, province): where a commune's
    figures count, per view and quarter. Two rows per commune and quarter."""
    for commune in units.commune_province:
        today = units.place(View.CURRENT, commune, None)
        for year, number, _start, end in periods:
            yield (View.CURRENT, commune, year, number, *today)
            yield (View.PERIOD, commune, year, number, *units.place(View.PERIOD, commune, end))


def load_places(cursor, rows: Iterator[tuple]) -> None:
    """Fill the places table: PostgreSQL's COPY where there is one, one executemany elsewhere."""
    columns = f"{PLACES} (view, commune_id, y, n, commune_unit, station, province)"
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {columns} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        cursor.executemany(f"INSERT INTO {columns} VALUES (%s, %s, %s, %s, %s, %s, %s)", list(rows))


def quarter_values(periods) -> tuple[str, dict]:
    """The quarters as the VALUES list of `q(i, y, n, s, e)`, and its parameters."""
    values = ", ".join(
        f"({i}, %(y{i})s, %(n{i})s, %(s{i})s, %(e{i})s)" for i in range(len(periods))
    )
    params: dict = {}
    for i, (year, number, start, end) in enumerate(periods):
        params.update({f"y{i}": year, f"n{i}": number, f"s{i}": start, f"e{i}": end})
    return values, params


def commune_values(source: str) -> str:
    """One source's rows per commune and quarter, in its indicators' columns.

    As when the roll-up ran in Python: a missing value is 0, a fractional indicator's value
    is rounded to four places (the others are whole numbers, added up as integers); an
    indicator that is zero throughout (numerator and denominator) is left NULL, so the
    snapshot has no figure for it where no commune had one (a count reads as zero there).
    """
    indicators = [indicator for indicator in CATALOGUE if indicator.source == source]
    converted = ", ".join(
        (
            f"ROUND(CAST(COALESCE(src.{i.column}{suffix}, 0) AS NUMERIC), 4) AS {column}"
            if i.fractional
            else f"CAST(COALESCE(src.{i.column}{suffix}, 0) AS BIGINT) AS {column}"
        )
        for i in indicators
        for suffix, column in zip(("", "_of"), columns(i), strict=False)
    )
    present = {i.code: " OR ".join(f"{column} <> 0" for column in columns(i)) for i in indicators}
    kept = ", ".join(
        f"CASE WHEN {present[i.code]} THEN {column} END AS {column}"
        for i in indicators
        for column in columns(i)
    )
    return f"""
        SELECT commune_id, y, n, {kept} FROM (
            SELECT src.commune_id, src.y, src.n, {converted}
            FROM ({sql(source, connection.vendor)}) src
        ) v
        WHERE {" OR ".join(present.values())}
    """  # noqa: S608 (our own table, column and indicator names)


# Every number column of the snapshot, in catalogue order.
COLUMNS = [column for indicator in CATALOGUE for column in columns(indicator)]

# Each source returns at most one row per commune and quarter: side by side, they make the
# commune's row without adding anything up. Only communes and quarters with some figure.
COMMUNE_ROWS = f"""
    CREATE TEMPORARY TABLE {COMMUNE_VALUES} AS
    SELECT k.commune_id, k.y, k.n, {
    ", ".join(f"{source_table(i.source)}.{c}" for i in CATALOGUE for c in columns(i))
}
    FROM {PLACES} k {
    " ".join(
        f"LEFT JOIN {source_table(source)} ON {source_table(source)}.commune_id = k.commune_id"
        f" AND {source_table(source)}.y = k.y AND {source_table(source)}.n = k.n"
        for source in SOURCES
    )
}
    WHERE k.view = '{View.PERIOD}' AND ({
    " OR ".join(f"{source_table(source)}.commune_id IS NOT NULL" for source in SOURCES)
})
"""  # noqa: S608

# Ratios roll up by adding numerators and denominators; the ratio is taken when read. In the
# period view a commune counts toward itself: its row as it is. Merged communes count toward
# their successor in the current view; stations and provinces add up their communes in each
# view; the nation adds up every commune, the same in both views. Each commune's row is
# added up four to five times (not eight, as one join to every unit it counts toward did),
# and into whole-number sums where the indicator allows.
_SUMS = ", ".join(f"SUM(v.{column})" for column in COLUMNS)
_JOIN = (
    f"{COMMUNE_VALUES} v JOIN {PLACES} p ON p.commune_id = v.commune_id AND p.y = v.y AND p.n = v.n"
)
ROLL_UP = f"""
    INSERT INTO {IndicatorValue._meta.db_table}
        (view, level, unit_id, year, quarter, {", ".join(COLUMNS)})
    SELECT '{View.PERIOD}', '{Level.COMMUNE}', v.commune_id, v.y, v.n, {
    ", ".join(f"v.{column}" for column in COLUMNS)
}
    FROM {COMMUNE_VALUES} v
    UNION ALL
    SELECT p.view, '{Level.COMMUNE}', p.commune_unit, v.y, v.n, {_SUMS} FROM {_JOIN}
    WHERE p.view = '{View.CURRENT}' GROUP BY p.view, p.commune_unit, v.y, v.n
    UNION ALL
    SELECT p.view, '{Level.STATION}', p.station, v.y, v.n, {_SUMS} FROM {_JOIN}
    WHERE p.station IS NOT NULL GROUP BY p.view, p.station, v.y, v.n
    UNION ALL
    SELECT p.view, '{Level.PROVINCE}', p.province, v.y, v.n, {_SUMS} FROM {_JOIN}
    GROUP BY p.view, p.province, v.y, v.n
    UNION ALL
    SELECT views.view, '{Level.NATION}', NULL, nation.* FROM (
        SELECT v.y, v.n, {_SUMS} FROM {COMMUNE_VALUES} v GROUP BY v.y, v.n
    ) nation CROSS JOIN (
        SELECT '{View.CURRENT}' AS view UNION ALL SELECT '{View.PERIOD}'
    ) views
"""  # noqa: S608


def rebuild(
    requested_by=None, run: RebuildRun | None = None, today=None, full: bool = False
) -> RebuildRun:
    """Rebuild the snapshot in one transaction; a failure leaves the previous one in place.

    A run already finished, lost, or being computed by a live worker is returned as it is:
    a second delivery of the same task does nothing.
    """
    today = today or timezone.localdate()
    run = run or RebuildRun.objects.create(requested_by=requested_by)
    if not REBUILD_JOB.claim(run.pk):
        run.refresh_from_db()
        return run
    run.status, run.started_at = RunStatus.RUNNING, timezone.now()
    run.save(update_fields=["status", "started_at"])
    try:
        with REBUILD_JOB.heartbeat(run.pk), transaction.atomic():
            lock_or_raise()
            plan = Plan.make(today, full)
            plan.clear()
            rows = compute(today, plan.first)
            # Only the marks this run read: a write committed meanwhile keeps its own.
            DirtyMark.objects.filter(pk__in=plan.marks).delete()
        run.status, run.rows = RunStatus.SUCCESS, rows
        run.counted_to, run.recomputed_from, run.signature = today, plan.first, signature()
    except AlreadyRunning:
        run.status = RunStatus.SKIPPED
    except Exception as error:  # noqa: BLE001 (recorded on the run, then raised again)
        log.exception("indicator rebuild %s failed", run.pk)
        reconnect_if_lost()
        run.status, run.error = RunStatus.FAILED, f"{type(error).__name__}: {error}"
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "error", "finished_at"])
        raise
    run.finished_at = timezone.now()
    run.save(
        update_fields=[
            "status",
            "rows",
            "finished_at",
            "counted_to",
            "recomputed_from",
            "signature",
        ]
    )
    return run


def reconnect_if_lost() -> None:
    """After the database connection died mid-run (a restart, pg_terminate_backend), drop it
    so the failure is written on a new one. Never inside a caller's transaction."""
    if not connection.in_atomic_block:
        connection.close_if_unusable_or_obsolete()


@dataclass(frozen=True)
class Plan:
    """Which quarters a rebuild recomputes: from `first`'s to today's (all from `window`)."""

    first: datetime.date
    window: datetime.date  # the first day kept at all: 1 January, YEARS_BACK years ago
    marks: list[int]  # the marks read, deleted with the new figures

    @property
    def full(self) -> bool:
        return self.first == self.window

    @classmethod
    def make(cls, today: datetime.date, full: bool = False) -> Plan:
        window = datetime.date(today.year - YEARS_BACK, 1, 1)
        read = list(DirtyMark.objects.values_list("pk", "since"))
        ids = [pk for pk, _since in read]
        last = last_success()
        incremental = (
            not full
            and connection.vendor == "postgresql"
            and last is not None
            and last.signature == signature()
            and last.counted_to is not None
            # A run counted up to today or earlier, in the window (tests go back in time).
            and window <= last.counted_to <= today
            and all(since is not None for _pk, since in read)
        )
        if not incremental:
            return cls(window, window, ids)
        # The quarter the last run counted up to, complete now or still running, and every
        # quarter a write since may have changed.
        since = min([last.counted_to, *(since for _pk, since in read)])
        return cls(max(window, Quarter.of(since).first_day), window, ids)

    def clear(self) -> None:
        """Delete the quarters about to be recomputed, and those that left the window."""
        if self.full:
            IndicatorValue.objects.all().delete()
            return
        first = Quarter.of(self.first)
        IndicatorValue.objects.filter(
            Q(year__gt=first.year)
            | Q(year=first.year, quarter__gte=first.number)
            | Q(year__lt=self.window.year)
        ).delete()


def signature() -> str:
    """The way of counting: a change to the queries, the catalogue or the marks makes the
    next rebuild a full one, since the quarters it would keep were counted another way."""
    parts = [
        *SOURCES.values(),
        COMMUNE_ROWS,
        ROLL_UP,
        repr(sorted(marks.MARKS.items())),
        repr(CATALOGUE),
        str(YEARS_BACK),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


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
