"""The nightly schedule's task: one rebuild a night, however many beats send it.

Run exactly one beat per installation; should a second one run by mistake, its message finds
the night already claimed in Redis and does nothing. (Two rebuilds at once could not happen
anyway: the rebuild's lock skips the second.)
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

from borderwork.indicators.rebuild import rebuild
from borderwork.ops import heartbeat

log = logging.getLogger(__name__)

CLAIM_PREFIX = "borderwork:nightly-rebuild:"
CLAIM_SECONDS = 36 * 60 * 60


def claim_night(night: str) -> bool:
    """True for the first sender of this night's rebuild, False for any later one."""
    return bool(heartbeat.client().set(CLAIM_PREFIX + night, "1", nx=True, ex=CLAIM_SECONDS))


@shared_task(name="ops.nightly_rebuild", time_limit=60 * 60, soft_time_limit=55 * 60)
def nightly_rebuild(night: str | None = None) -> int | None:
    """Rebuild the snapshot once for this night; returns the run's pk, or None if claimed."""
    night = night or timezone.localdate().isoformat()
    if not claim_night(night):
        log.info("nightly rebuild for %s already sent by another beat; skipped", night)
        return None
    return rebuild().pk
