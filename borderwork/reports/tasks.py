"""Issuing a report: the PDF and the XLSX of its tables, made by a Celery worker and archived
with their SHA-256 so they download again byte for byte."""

from __future__ import annotations

import hashlib
import logging

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from borderwork import jobs
from borderwork.reports import workflow
from borderwork.reports.models import ISSUE_JOB, IssuedReport, IssueStatus, Report

log = logging.getLogger(__name__)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_stem(report: Report) -> str:
    unit = report.station.slug if report.station_id else report.province.slug
    return f"bao-cao-{unit}-{report.period.code}"


@shared_task(
    name="reports.issue",
    time_limit=10 * 60,
    soft_time_limit=9 * 60,
    autoretry_for=(OperationalError, InterfaceError, BrokerError),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=5,
)
def issue_task(issued_pk: int) -> int:
    """Render the report's PDF and XLSX into the archive; a failure is kept on the row.

    Safe to run twice: a report already issued (or lost, or being rendered by a live worker)
    is not rendered again.
    """
    ISSUE_JOB.run(
        issued_pk, lambda: render(IssuedReport.objects.select_related("report").get(pk=issued_pk))
    )
    return issued_pk


def render(issued: IssuedReport) -> None:
    """Write the PDF and XLSX into the archive with their checksums, and mark the row done."""
    from borderwork.reports.pdf import render_pdf
    from borderwork.reports.workbook import render_xlsx

    context = workflow.render_context(issued.report)
    pdf, xlsx = render_pdf(context), render_xlsx(context)
    stem = f"{file_stem(issued.report)}-{issued.pk}"
    issued.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    issued.xlsx.save(f"{stem}.xlsx", ContentFile(xlsx), save=False)
    issued.sha256, issued.xlsx_sha256 = sha256(pdf), sha256(xlsx)
    issued.status, issued.finished_at = IssueStatus.DONE, timezone.now()
    issued.save()


@shared_task(name="reports.sweep", time_limit=60, soft_time_limit=50)
def sweep_task() -> int:
    """Every minute (beat): mark issued reports whose worker died, or that no worker took."""
    return ISSUE_JOB.mark_lost()


def queue_issue(report: Report, user) -> IssuedReport:
    """Record the request and send the task once the request's transaction commits; a
    broker that cannot be reached marks the row unsent at once instead of leaving it queued."""
    issued = IssuedReport.objects.create(
        report=report, requested_by=user, draft=not report.is_approved
    )
    expires = jobs.queued_for()
    transaction.on_commit(
        lambda: jobs.send(
            ISSUE_JOB, issued.pk, lambda: issue_task.apply_async((issued.pk,), expires=expires)
        ),
        # robust: without a broker the task runs inline; its failure is on the row, not the page.
        robust=True,
    )
    return issued
