"""The nightly schedule's task: one rebuild a night, however many beats send it.

Run exactly one beat per installation; should a second one run by mistake, its message finds
the night already claimed in Redis and does nothing. (Two rebuilds at once could not happen
anyway: the rebuild's lock skips the second.)
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

from borderwork.indicators.models import RunStatus
from borderwork.indicators.rebuild import rebuild
from borderwork.indicators.tasks import RETRIED
from borderwork.ops import heartbeat

log = logging.getLogger(__name__)

CLAIM_PREFIX = "borderwork:nightly-rebuild:"
CLAIM_SECONDS = 36 * 60 * 60


def claim_night(night: str) -> bool:
    """True for the first sender of this night's rebuild, False for any later one."""
    return bool(heartbeat.client().set(CLAIM_PREFIX + night, "1", nx=True, ex=CLAIM_SECONDS))


@shared_task(
    name="ops.nightly_rebuild", bind=True, time_limit=60 * 60, soft_time_limit=55 * 60, **RETRIED
)
def nightly_rebuild(self, night: str | None = None, full: bool = True) -> int | None:
    """The night's full check, once however many beats send it; returns the run's pk, or None
    when another beat claimed the night."""
    night = night or timezone.localdate().isoformat()
    # A retry is this night's own claim coming back, not a second beat.
    if not self.request.retries and not claim_night(night):
        log.info("nightly rebuild for %s already sent by another beat; skipped", night)
        return None
    run = rebuild(full=full)
    if run.status == RunStatus.SKIPPED:
        # A refresh was under way: the full check runs once that one is done.
        raise self.retry(countdown=60, max_retries=30)
    return run.pk
