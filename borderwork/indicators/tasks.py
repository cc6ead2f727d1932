"""Celery tasks of the indicators: thin wrappers around rebuild().

Both are safe to run twice: a run is claimed before it is computed (`jobs.Job.claim`), and
a rebuild recomputes from the records whatever the snapshot held. A database or broker that
cannot be reached when the task starts is retried with backoff; a failure once the run has
started is written on the run (the previous snapshot stays; a retry finds the run finished),
and the next refresh tries again, since the change marks are only deleted with the figures.
"""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError, transaction
from kombu.exceptions import OperationalError as BrokerError

from borderwork import jobs
from borderwork.indicators.models import REBUILD_JOB, DirtyMark, RebuildRun
from borderwork.indicators.rebuild import rebuild

RETRIED = {
    "autoretry_for": (OperationalError, InterfaceError, BrokerError),
    "retry_backoff": 2,
    "retry_backoff_max": 60,
    "max_retries": 5,
}


@shared_task(
    name="indicators.rebuild", bind=True, time_limit=60 * 60, soft_time_limit=55 * 60, **RETRIED
)
def rebuild_task(self, run_pk: int | None = None, full: bool = False) -> int:
    """Rebuild the snapshot; with a run's pk, fill in that queued run. Returns the run's pk."""
    run = RebuildRun.objects.get(pk=run_pk) if run_pk else None
    # A retry after the run has failed finds it finished and does nothing.
    return rebuild(run=run, full=full).pk


@shared_task(name="indicators.refresh", time_limit=60 * 60, soft_time_limit=55 * 60, **RETRIED)
def refresh_task() -> int | None:
    """Every minute (beat): mark lost runs, then count the changes marked since the last
    rebuild, unless none are marked or a run is under way. Returns the new run's pk."""
    if not DirtyMark.objects.exists() or active_run() is not None:
        return None
    return rebuild().pk


def active_run() -> RebuildRun | None:
    """The run queued or under way, once lost ones are marked as such."""
    REBUILD_JOB.mark_lost()
    return RebuildRun.objects.filter(status__in=REBUILD_JOB.active).order_by("-queued_at").first()


def queue_rebuild(user=None) -> RebuildRun:
    """Record a queued run and send the task once the request's transaction commits; a
    broker that cannot be reached marks the run unsent at once instead of leaving it queued."""
    run = RebuildRun.objects.create(requested_by=user)
    expires = jobs.queued_for()
    transaction.on_commit(
        lambda: jobs.send(
            REBUILD_JOB, run.pk, lambda: rebuild_task.apply_async((run.pk,), expires=expires)
        ),
        # robust: without a broker the task runs inline; its failure is on the run, not the page.
        robust=True,
    )
    return run
