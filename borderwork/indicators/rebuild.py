"""The rebuild: every indicator for every commune and quarter, rolled up, swapped in at once.

Records the run, takes the lock, plans the quarters and communes (`Plan`), runs
`compute()`.
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
    REBUILD_JOB,
    DirtyMark,
    IndicatorValue,
    RebuildLock,
    RebuildRun,
    RunStatus,
)
from borderwork.indicators.rollup_sql import commune_rows, compute, kept, roll_up
from borderwork.indicators.sources import SOURCES
from borderwork.periods import Quarter

log = logging.getLogger(__name__)
YEARS_BACK = 5


class AlreadyRunning(Exception):
    """Another rebuild holds the lock."""


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
            rows = compute(today, plan.first, plan.window, plan.communes)
            # Only the marks this run read: a write committed meanwhile keeps its own.
            DirtyMark.objects.filter(pk__in=plan.marks).delete()
        run.status, run.rows = RunStatus.SUCCESS, rows
        run.counted_to, run.recomputed_from, run.signature = today, plan.first, signature()
    except AlreadyRunning:
        run.status = RunStatus.SKIPPED
    except Exception as error:  # recorded on the run, then raised again
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


# A refresh that marked more communes than this recomputes every commune of its quarters:
# reading their records one commune after another would cost more than reading them all.
MOST_COMMUNES = 200


@dataclass(frozen=True)
class Plan:
    """What a rebuild recomputes: the quarters from `first`'s to today's (all from `window`),
    for every commune, or only for `communes` and the units they count toward."""

    first: datetime.date
    window: datetime.date  # the first day kept at all: 1 January, YEARS_BACK years ago
    marks: list[int]  # the marks read, deleted with the new figures
    communes: tuple[int, ...] | None = None  # None: every commune

    @property
    def full(self) -> bool:
        return self.communes is None and self.first == self.window

    @classmethod
    def make(cls, today: datetime.date, full: bool = False) -> Plan:
        window = datetime.date(today.year - YEARS_BACK, 1, 1)
        read = list(DirtyMark.objects.values_list("pk", "commune_id", "since"))
        ids = [pk for pk, _commune, _since in read]
        last = RebuildRun.objects.last_success()
        incremental = (
            not full
            and connection.vendor == "postgresql"
            and last is not None
            and last.signature == signature()
            and last.counted_to is not None
            # A run counted up to today or earlier, in the window (tests go back in time).
            and window <= last.counted_to <= today
            and kept()
        )
        if not incremental:
            return cls(window, window, ids)
        communes = {commune for _pk, commune, _since in read}
        days = [since for _pk, _commune, since in read]
        earliest = window if None in days else min(days, default=today)
        if last.counted_to == today and 0 < len(communes) <= MOST_COMMUNES and None not in communes:
            # The same day: nothing but the marked communes' records changed their figures.
            # (Nothing marked: a press of "Tính lại ngay" recomputes today's quarter, below.)
            first = max(window, Quarter.of(earliest).first_day)
            return cls(first, window, ids, tuple(sorted(communes)))
        # Another day, or a write that may change every commune: every commune, from the
        # quarter the last run counted up to (stocks are counted to the day) and every
        # quarter a write since may have changed.
        since = min(last.counted_to, earliest)
        return cls(max(window, Quarter.of(since).first_day), window, ids)

    def clear(self) -> None:
        """Delete the quarters about to be recomputed for every commune, and those that left
        the window (a scoped plan's units are replaced by `compute()` itself)."""
        if self.communes is not None:
            return
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
        commune_rows(scoped=False),
        roll_up(scoped=False),
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
