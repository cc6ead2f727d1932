"""The weekly digest's task: a thin wrapper, retried when some mails could not be sent."""

from __future__ import annotations

import logging

from celery import shared_task

from borderwork.reminders.digest import send_weekly_digest

log = logging.getLogger(__name__)


@shared_task(name="reminders.weekly_digest", bind=True, time_limit=30 * 60, soft_time_limit=25 * 60)
def weekly_digest(self) -> int:
    """Send this week's digests not sent yet; returns how many were sent."""
    result = send_weekly_digest()
    log.info(
        "weekly digest: %s sent, %s skipped, %s failed", result.sent, result.skipped, result.failed
    )
    if result.failed:
        # Those sent are not sent again (their week's row says so); the rest are tried later.
        raise self.retry(countdown=30 * 60, max_retries=6)
    return result.sent
