"""How fresh the dashboard's figures are: the last good run, the run under way, and whether
writes since are still waiting to be counted.

With a worker (REDIS_URL set), beat's `indicators.refresh` counts marked changes every
minute, so a write is on the cards within two minutes. Without one (the SQLite demo, no
Redis) the cards stay as of the last rebuild until someone presses "Tính lại ngay" or the
nightly cron line runs; the page says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from celery import current_app
from django.db.models import Exists, Q, Subquery

from borderwork.indicators.models import REBUILD_JOB, DirtyMark, RebuildRun, RunStatus

# The refresh runs every minute and takes seconds: a write waits at most this long.
REFRESH_WITHIN_MINUTES = 2


@dataclass(frozen=True)
class Freshness:
    last: RebuildRun | None  # the last successful run: what the cards show
    active: RebuildRun | None  # the run queued or under way
    pending: bool  # writes are marked that the cards do not show yet
    automatic: bool  # a worker counts them without anyone pressing anything

    @property
    def within(self) -> int:
        return REFRESH_WITHIN_MINUTES


def automatic() -> bool:
    """A worker and beat refresh the figures (tasks do not run in the request)."""
    return not current_app.conf.task_always_eager


def freshness() -> Freshness:
    """The snapshot's state for a page, in one query: the last good run with the one under
    way, each saying whether any change mark waits. A run under way whose worker is gone is
    marked lost first (then two more queries), so the page never shows it as running."""
    rows = _runs()
    if any(REBUILD_JOB.is_lost(run) for run in rows if run.status in REBUILD_JOB.active):
        REBUILD_JOB.mark_lost()
        rows = _runs()
    return Freshness(
        last=next((run for run in rows if run.status == RunStatus.SUCCESS), None),
        active=next((run for run in rows if run.status in REBUILD_JOB.active), None),
        pending=bool(rows) and rows[0].pending,
        automatic=automatic(),
    )


def _runs() -> list[RebuildRun]:
    """The last good run and those queued or under way, the latest first."""
    last = RebuildRun.objects.successes()
    return list(
        RebuildRun.objects.filter(
            Q(pk=Subquery(last.values("pk")[:1])) | Q(status__in=REBUILD_JOB.active)
        )
        .annotate(pending=Exists(DirtyMark.objects.all()))
        .order_by("-queued_at")
    )
