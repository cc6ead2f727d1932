"""The rebuild: every indicator for every commune and quarter, rolled up, swapped in at once.

Records the run, takes the lock, plans the quarters (`Plan`), runs `rollup_sql.compute()`.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from dataclasses import dataclass

from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from borderwork.indicators import marks
from borderwork.indicators.catalogue import CATALOGUE
from borderwork.indicators.models import (
    DirtyMark,
    IndicatorValue,
    RebuildLock,
    RebuildRun,
    RunStatus,
)
from borderwork.indicators.rollup_sql import COMMUNE_ROWS, ROLL_UP, compute
from borderwork.indicators.sources import SOURCES
from borderwork.periods import Quarter

log = logging.getLogger(__name__)
YEARS_BACK = 5


class AlreadyRunning(Exception):
    """Another rebuild holds the lock."""


def rebuild(
    requested_by=None, run: RebuildRun | None = None, today=None, full: bool = False
) -> RebuildRun:
    """Rebuild the snapshot in one transaction; a failure leaves the previous one in place."""
    today = today or timezone.localdate()
    run = run or RebuildRun.objects.create(requested_by=requested_by)
    run.status, run.started_at = RunStatus.RUNNING, timezone.now()
    run.save(update_fields=["status", "started_at"])
    try:
        with transaction.atomic():
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
    except Exception as error:  # recorded on the run, then raised again
        run.status, run.error = RunStatus.FAILED, f"{type(error).__name__}: {error}"
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "error", "finished_at"])
        log.exception("indicator rebuild %s failed", run.pk)
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
        last = RebuildRun.objects.last_success()
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
