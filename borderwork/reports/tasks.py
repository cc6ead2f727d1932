"""Issuing a report: the PDF and the XLSX of its tables, made by a Celery worker and archived
with their SHA-256 so they download again byte for byte."""

from __future__ import annotations

import hashlib
import logging

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from borderwork.reports import workflow
from borderwork.reports.models import IssuedReport, IssueStatus, Report

log = logging.getLogger(__name__)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_stem(report: Report) -> str:
    unit = report.station.slug if report.station_id else report.province.slug
    return f"bao-cao-{unit}-{report.year}Q{report.quarter}"


@shared_task(name="reports.issue", time_limit=10 * 60, soft_time_limit=9 * 60)
def issue_task(issued_pk: int) -> int:
    """Render the report's PDF and XLSX into the archive; a failure is kept on the row."""
    from borderwork.reports.pdf import render_pdf
    from borderwork.reports.workbook import render_xlsx

    issued = IssuedReport.objects.select_related("report").get(pk=issued_pk)
    issued.status = IssueStatus.RUNNING
    issued.save(update_fields=["status"])
    try:
        context = workflow.render_context(issued.report)
        pdf, xlsx = render_pdf(context), render_xlsx(context)
    except Exception as error:
        log.exception("issuing report %s failed", issued.report_id)
        issued.status, issued.error = IssueStatus.FAILED, f"{type(error).__name__}: {error}"
        issued.finished_at = timezone.now()
        issued.save(update_fields=["status", "error", "finished_at"])
        raise
    stem = f"{file_stem(issued.report)}-{issued.pk}"
    issued.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    issued.xlsx.save(f"{stem}.xlsx", ContentFile(xlsx), save=False)
    issued.sha256, issued.xlsx_sha256 = sha256(pdf), sha256(xlsx)
    issued.status, issued.finished_at = IssueStatus.DONE, timezone.now()
    issued.save()
    return issued.pk


def queue_issue(report: Report, user) -> IssuedReport:
    """Record the request and send the task once the request's transaction commits."""
    issued = IssuedReport.objects.create(
        report=report, requested_by=user, draft=not report.is_approved
    )
    # robust: without a broker the task runs inline; its failure is on the row, not the page.
    transaction.on_commit(lambda: issue_task.delay(issued.pk), robust=True)
    return issued
