"""Background runs that know whether their worker lives: claim, heartbeat, lost, unsent.

A run is a row (a rebuild, an issued report) with a status, `heartbeat_at`, `finished_at` and
`error`. The task claims its row before working (a second delivery of the same message finds
it taken or finished and does nothing), beats every few seconds from a thread of its own
(its own database connection, outside the task's transaction), and writes the end. A row
whose beat is older than `JOB_LOST_AFTER` seconds, or still queued after `JOB_QUEUED_FOR`,
is marked lost with the reason by whoever looks next: a page, its polled status, or the
sweep beat runs every minute. A lost row blocks nothing and its page stops polling.

The platform knows no app's model: each app passes its own `Job` (model and status values).
"""

from __future__ import annotations

import datetime
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """Where an app's runs live: the model, its queued-at field and its status values."""

    model: type[models.Model]
    queued_field: str
    queued: str
    running: str
    lost: str
    unsent: str
    failed: str

    @property
    def active(self) -> tuple[str, str]:
        return (self.queued, self.running)

    def lost_q(self, now: datetime.datetime | None = None) -> Q:
        """Active rows no worker is on any more: a stale beat, or never taken from the queue."""
        now = now or timezone.now()
        beat_before = now - datetime.timedelta(seconds=settings.JOB_LOST_AFTER)
        queued_before = now - datetime.timedelta(seconds=settings.JOB_QUEUED_FOR)
        return Q(status=self.running, heartbeat_at__lt=beat_before) | Q(
            status=self.queued, **{f"{self.queued_field}__lt": queued_before}
        )

    def is_lost(self, row: models.Model, now: datetime.datetime | None = None) -> bool:
        """`lost_q()` for a row already read: a page that read the active runs anyway need not
        ask the database again."""
        now = now or timezone.now()
        if row.status == self.running:
            beat = row.heartbeat_at
            return beat is not None and beat < now - datetime.timedelta(
                seconds=settings.JOB_LOST_AFTER
            )
        queued_at = getattr(row, self.queued_field)
        return row.status == self.queued and queued_at < now - datetime.timedelta(
            seconds=settings.JOB_QUEUED_FOR
        )

    def mark_lost(self) -> int:
        """Mark every lost row, each with its reason; returns how many.

        Pages call it on every visit: a read that finds nothing stale (an index on the
        status) is all it costs then, not an UPDATE.
        """
        now = timezone.now()
        stale = self.model.objects.filter(self.lost_q(now))
        if not stale.exists():
            return 0
        lost = stale.update(
            status=self.lost,
            finished_at=now,
            error=Case(
                When(
                    status=self.running,
                    then=Value(
                        _(
                            "Mất liên lạc với tiến trình xử lý nền (không có tín hiệu quá"
                            " %(seconds)s giây): tiến trình đã dừng hoặc mất kết nối."
                        )
                        % {"seconds": settings.JOB_LOST_AFTER}
                    ),
                ),
                default=Value(
                    _("Không có tiến trình xử lý nền nào nhận việc trong %(seconds)s giây.")
                    % {"seconds": settings.JOB_QUEUED_FOR}
                ),
            ),
        )
        if lost:
            log.warning("%s %s marked lost", lost, self.model.__name__)
        return lost

    def claim(self, pk: int) -> bool:
        """Take the row for this delivery: True if it was queued, or running with a stale beat
        (the same message handed back after its worker died). False: finished, lost, or
        another worker is on it; the task then does nothing."""
        now = timezone.now()
        stale = now - datetime.timedelta(seconds=settings.JOB_LOST_AFTER)
        return bool(
            self.model.objects.filter(
                Q(status=self.queued) | Q(status=self.running, heartbeat_at__lt=stale), pk=pk
            ).update(status=self.running, heartbeat_at=now)
        )

    @contextmanager
    def heartbeat(self, pk: int) -> Iterator[None]:
        """Beat for the row while the block runs, from a thread with its own connection.

        Not on SQLite (the demo, without a worker): the work holds the only write lock, so a
        second connection could not beat anyway; the work runs in the request there.
        """
        if connection.vendor == "sqlite":
            yield
            return
        every = max(0.5, settings.JOB_LOST_AFTER / 4)
        stop = threading.Event()

        def beat() -> None:
            try:
                while not stop.wait(every):
                    self.model.objects.filter(pk=pk, status=self.running).update(
                        heartbeat_at=timezone.now()
                    )
            except Exception:  # a beat that cannot be written lets the row go stale
                log.exception("heartbeat of %s %s stopped", self.model.__name__, pk)
            finally:
                connection.close()

        thread = threading.Thread(target=beat, name=f"heartbeat-{pk}", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()

    def run(self, pk: int, work: Callable[[], object]) -> None:
        """Claim the row, do the work beating for it, and on an error keep the error on the row
        (then raise it, for the worker's log). A row already taken or finished is left alone:
        the task is safe to run twice."""
        if not self.claim(pk):
            return
        try:
            with self.heartbeat(pk):
                work()
        except Exception as error:
            log.exception("%s %s failed", self.model.__name__, pk)
            if not connection.in_atomic_block:  # the connection may have died with the error
                connection.close_if_unusable_or_obsolete()
            self.model.objects.filter(pk=pk).update(
                status=self.failed,
                error=f"{type(error).__name__}: {error}",
                finished_at=timezone.now(),
            )
            raise


def queued_for() -> int:
    """Seconds a task's message may wait for a worker: its row is lost after as long."""
    return settings.JOB_QUEUED_FOR


def send(job: Job, pk: int, send_task: Callable[[], object]) -> None:
    """Send a run's task; an unreachable broker fails the row at once with the reason,
    instead of leaving it queued (the publish retry policy gives up within seconds)."""
    try:
        send_task()
    except BrokerError as error:
        log.warning("could not send %s %s: %s", job.model.__name__, pk, error)
        job.model.objects.filter(pk=pk, status=job.queued).update(
            status=job.unsent,
            finished_at=timezone.now(),
            error=_("Không kết nối được hàng đợi xử lý nền: %(error)s")
            % {"error": f"{type(error).__name__}: {error}"},
        )
