"""The platform's background work: writing a long record list to a spreadsheet, and deleting
the files nobody will come back for."""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError, transaction
from django.http import QueryDict
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from borderwork import jobs
from borderwork.models import EXPORT_JOB, ExportStatus, ListExportRun
from borderwork.records.registry import REGISTRY
from borderwork.records.sheets import EXPORTERS
from borderwork.records.uploads import delete_stale_pending

log = logging.getLogger(__name__)


def write_export(run: ListExportRun) -> None:
    """Write the list as the user asked for it, noting the rows written as it goes."""
    kind = next(kind for kind in REGISTRY.values() if kind.segment == run.segment)

    def progress(done: int, total: int) -> None:
        ListExportRun.objects.filter(pk=run.pk).update(
            rows_done=done, rows_total=total, heartbeat_at=timezone.now()
        )

    exporter = EXPORTERS[run.fmt](
        kind, run.requested_by, QueryDict(run.query, mutable=True), progress=progress
    )
    filename, _content_type, content = exporter.render()
    run.refresh_from_db(fields=["rows_total"])
    run.file.save(filename, ContentFile(content), save=False)
    run.rows_done = run.rows_total
    run.status, run.finished_at = ExportStatus.DONE, timezone.now()
    run.save(update_fields=["file", "rows_done", "status", "finished_at"])


@shared_task(
    name="records.export",
    time_limit=15 * 60,
    soft_time_limit=14 * 60,
    autoretry_for=(OperationalError, InterfaceError, BrokerError),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=5,
)
def export_task(run_pk: int) -> int:
    """Write a long list export; safe to run twice (a run already taken is left alone)."""
    EXPORT_JOB.run(
        run_pk,
        lambda: write_export(ListExportRun.objects.select_related("requested_by").get(pk=run_pk)),
    )
    return run_pk


@shared_task(name="records.export_sweep", time_limit=60, soft_time_limit=50)
def export_sweep_task() -> int:
    """Mark list exports whose worker died, or that no worker took."""
    return EXPORT_JOB.mark_lost()


@shared_task(name="records.cleanup", time_limit=10 * 60, soft_time_limit=9 * 60)
def cleanup_task() -> dict[str, int]:
    """Daily (beat): delete import files never confirmed and long-finished exports' files."""
    return {"pending_imports": delete_stale_pending(), "exports": ListExportRun.expire()}


def queue_export(user, segment: str, fmt: str, query: str, total: int) -> ListExportRun:
    """Record the request and send the task once the request's transaction commits."""
    run = ListExportRun.objects.create(
        requested_by=user, segment=segment, fmt=fmt, query=query, rows_total=total
    )
    expires = jobs.queued_for()
    transaction.on_commit(
        lambda: jobs.send(
            EXPORT_JOB, run.pk, lambda: export_task.apply_async((run.pk,), expires=expires)
        ),
        robust=True,
    )
    return run
