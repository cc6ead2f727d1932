"""Celery tasks of the indicators: thin wrappers around rebuild()."""

from __future__ import annotations

from celery import shared_task
from django.db import transaction

from borderwork.indicators.models import RebuildRun
from borderwork.indicators.rebuild import rebuild


@shared_task(name="indicators.rebuild", time_limit=60 * 60, soft_time_limit=55 * 60)
def rebuild_task(run_pk: int | None = None) -> int:
    """Rebuild the snapshot; with a run's pk, fill in that queued run. Returns the run's pk."""
    run = RebuildRun.objects.get(pk=run_pk) if run_pk else None
    return rebuild(run=run).pk


def queue_rebuild(user=None) -> RebuildRun:
    """Record a queued run and send the task once the request's transaction commits."""
    run = RebuildRun.objects.create(requested_by=user)
    # robust: without a broker the task runs inline; its failure is on the run, not the page.
    transaction.on_commit(lambda: rebuild_task.delay(run.pk), robust=True)
    return run
