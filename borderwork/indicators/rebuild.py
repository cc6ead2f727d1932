"""The rebuild: every indicator for every commune and quarter, rolled up, swapped in at once.

`rebuild()` is what the nightly Celery task, the "rebuild now" button and
`manage.py rebuild_indicators` all call.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

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
)
from borderwork.indicators.sources import SOURCES
from communes.models import Commune, Province, StationCoverage

log = logging.getLogger(__name__)
YEARS_BACK = 5
BATCH = 5000


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


def run_sources(periods) -> dict[str, list[dict]]:
    """Each source query once, over all communes and quarters: a fixed number of queries."""
    values = ", ".join(f"(%(y{i})s, %(n{i})s, %(s{i})s, %(e{i})s)" for i in range(len(periods)))
    params: dict = {"true": True}
    for i, (year, number, start, end) in enumerate(periods):
        params.update({f"y{i}": year, f"n{i}": number, f"s{i}": start, f"e{i}": end})
    results = {}
    with connection.cursor() as cursor:
        for name, sql in SOURCES.items():
            cursor.execute(f"WITH q(y, n, s, e) AS (VALUES {values}) {sql}", params)
            columns = [col[0] for col in cursor.description]
            results[name] = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    return results


def as_decimal(value) -> Decimal:
    if value is None:
        return Decimal(0)
    return value if isinstance(value, Decimal) else Decimal(str(round(float(value), 4)))


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

    def place(self, view: str, commune: int, day: datetime.date) -> tuple[int, int | None, int]:
        """(commune, station, province) a commune's figures count toward in a view."""
        if view == View.PERIOD:
            return commune, self.station_on(commune, day), self.commune_province[commune]
        today = self.today_commune[commune]
        province = self.today_province[self.commune_province[today]]
        return today, self.station_on(today, None), province


def compute(today: datetime.date | None = None) -> Iterator[IndicatorValue]:
    """Every indicator value of both views at every level, as unsaved rows.

    The queries run now, before the first row is taken: the rows are then written on the
    same connection (COPY), which can do nothing else meanwhile.
    """
    today = today or timezone.localdate()
    periods = quarters(today, datetime.date(today.year - YEARS_BACK, 1, 1))
    ends = {(year, number): end for year, number, _start, end in periods}
    return roll_up(run_sources(periods), Units(), ends)


def roll_up(results: dict[str, list[dict]], units: Units, ends: dict) -> Iterator[IndicatorValue]:
    """Sum each commune's figures into its station, province and the nation, in both views."""
    for view in View.values:
        sums: dict[tuple, list[Decimal | None]] = {}
        for indicator in CATALOGUE:
            for row in results[indicator.source]:
                numerator = as_decimal(row[indicator.column])
                denominator = as_decimal(row[f"{indicator.column}_of"]) if indicator.ratio else None
                if not numerator and not denominator:
                    continue
                year, number = row["y"], row["n"]
                commune, station, province = units.place(
                    view, row["commune_id"], ends[(year, number)]
                )
                for level, unit in (
                    (Level.COMMUNE, commune),
                    (Level.STATION, station),
                    (Level.PROVINCE, province),
                    (Level.NATION, None),
                ):
                    if unit is None and level != Level.NATION:
                        continue
                    key = (indicator.code, year, number, level, unit)
                    total = sums.setdefault(
                        key, [Decimal(0), None if denominator is None else Decimal(0)]
                    )
                    total[0] += numerator
                    if denominator is not None:
                        total[1] += denominator
        for (code, year, number, level, unit), (numerator, denominator) in sums.items():
            yield IndicatorValue(
                view=view,
                indicator=code,
                year=year,
                quarter=number,
                level=level,
                unit_id=unit,
                numerator=numerator,
                denominator=denominator,
            )


def rebuild(requested_by=None, run: RebuildRun | None = None, today=None) -> RebuildRun:
    """Rebuild the snapshot in one transaction; a failure leaves the previous one in place."""
    run = run or RebuildRun.objects.create(requested_by=requested_by)
    run.status, run.started_at = RunStatus.RUNNING, timezone.now()
    run.save(update_fields=["status", "started_at"])
    try:
        with transaction.atomic():
            lock_or_raise()
            IndicatorValue.objects.all().delete()
            rows = write(compute(today))
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


COLUMNS = ("view", "indicator", "year", "quarter", "level", "unit_id", "numerator", "denominator")


def write(values: Iterator[IndicatorValue]) -> int:
    """Insert the rows: PostgreSQL's COPY where there is one, batched INSERTs elsewhere."""
    rows = 0
    if connection.vendor == "postgresql":
        table = IndicatorValue._meta.db_table
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy,
        ):
            for value in values:
                copy.write_row(tuple(getattr(value, column) for column in COLUMNS))
                rows += 1
        return rows
    batch: list[IndicatorValue] = []
    for value in values:
        batch.append(value)
        if len(batch) == BATCH:
            rows += len(IndicatorValue.objects.bulk_create(batch))
            batch = []
    return rows + len(IndicatorValue.objects.bulk_create(batch))


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
