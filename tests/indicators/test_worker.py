"""The rebuild runs in a real Celery worker through Redis, not eagerly in the test process.

The worker is a subprocess reading the test database that pytest-django created, so the
tests commit their data (transaction=True). It consumes a queue of its own, named for this
session, so a developer's worker on the same Redis never takes the test's tasks, nor this
worker theirs. Needs REDIS_URL and a PostgreSQL DATABASE_URL (CI sets both); without them the
tests skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from borderwork.celery import app as celery_app
from borderwork.indicators.models import IndicatorValue, RebuildRun, RunStatus, UnitLevel, View
from borderwork.indicators.tasks import rebuild_task
from borderwork.periods import Quarter
from borderwork.reports import workflow
from borderwork.reports.models import IssuedReport, IssueStatus
from tests import factories
from tests.indicators.dashboard_world import add_work, build

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.celery_worker]

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 120
HOW_TO_RUN = (
    "The real-worker tests need Redis and PostgreSQL: DATABASE_URL=postgresql://postgres@"
    "127.0.0.1:5432/borderwork REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python -m pytest "
    "tests/indicators/test_worker.py"
)


class Worker:
    """A `celery worker` subprocess on its own queue, and what it printed."""

    def __init__(self, queue: str, database_url: str, media_root: str) -> None:
        self.queue = queue
        self.name = f"{queue}@{socket.gethostname()}"
        self.log = tempfile.NamedTemporaryFile(prefix="celery-worker-", suffix=".log")  # noqa: SIM115
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": media_root,
            "REDIS_URL": settings.REDIS_URL,
            "BORDERWORK_TESTING": "true",
            "DJANGO_SETTINGS_MODULE": "borderwork.settings",
        }
        command = [sys.executable, "-m", "celery", "-A", "borderwork", "worker"]
        command += ["--pool=solo", "--concurrency=1", "-Q", queue, "-n", self.name]
        command += ["--without-heartbeat", "--without-gossip", "--without-mingle"]
        command += ["--loglevel=INFO"]
        self.process = subprocess.Popen(  # noqa: S603 (our own command line)
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-5000:]

    def wait_for(self, what: str, done: Callable[[], bool], timeout: float = TIMEOUT) -> None:
        """Poll until `done()`; fail with the worker's output if it exits or time runs out."""
        deadline = time.monotonic() + timeout
        while not done():
            if self.process.poll() is not None:
                pytest.fail(
                    f"The Celery worker exited ({self.process.returncode}):\n{self.output()}"
                )
            if time.monotonic() > deadline:
                pytest.fail(f"{what}: not within {timeout} s. Worker output:\n{self.output()}")
            time.sleep(0.2)

    def answers(self) -> bool:
        return bool(celery_app.control.ping(destination=[self.name], timeout=0.5))

    def stop(self) -> None:
        self.process.terminate()  # a warm shutdown: the solo pool finishes its task first
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def worker_database_url() -> str:
    """The URL of the database pytest-django created, for the worker to read."""
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgresql://{user}{password}@{host}/{db['NAME']}"


@pytest.fixture(scope="module")
def worker(django_db_setup, django_db_blocker) -> Iterator[Worker]:
    missing = [
        name
        for name, there in (
            ("REDIS_URL", bool(settings.REDIS_URL)),
            ("a PostgreSQL DATABASE_URL", connection.vendor == "postgresql"),
        )
        if not there
    ]
    if missing:
        message = f"Missing {' and '.join(missing)}. {HOW_TO_RUN}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    assert not celery_app.conf.task_always_eager, "with REDIS_URL set, tasks must not run eagerly"

    queue = f"borderwork-test-{uuid.uuid4().hex[:12]}"
    default_queue = celery_app.conf.task_default_queue
    # Tasks sent without a queue, as queue_rebuild() sends them, go to the worker's queue.
    celery_app.conf.task_default_queue = queue
    # Files the worker writes (issued reports) go where this process reads them.
    media = tempfile.TemporaryDirectory(prefix="borderwork-media-")
    media_settings = override_settings(MEDIA_ROOT=media.name)
    media_settings.enable()
    with django_db_blocker.unblock():
        worker = Worker(queue, worker_database_url(), media.name)
    try:
        worker.wait_for("The Celery worker answering a ping", worker.answers, timeout=60)
        yield worker
    finally:
        media_settings.disable()
        media.cleanup()
        worker.stop()
        celery_app.conf.task_default_queue = default_queue
        # The queue and kombu's bookkeeping of it (key names vary with kombu's version).
        client = redis.Redis.from_url(settings.REDIS_URL)
        for key in client.scan_iter(match=f"*{queue}*"):
            client.delete(key)
        client.close()


def value(indicator: str, view: str, level: str, unit: int | None, year: int, quarter: int):
    row = IndicatorValue.objects.get(
        view=view, level=level, unit_id=unit, year=year, quarter=quarter
    )
    return getattr(row, indicator)


def test_the_worker_rebuilds_the_snapshot_of_a_queued_run(worker, world):
    # Cows given in Lộc Thạnh before it merged into Lộc Tấn mới, and in Lộc Tấn mới after.
    cows = {"programme": factories.ProgrammeFactory(), "station": world.station_bp}
    factories.SupportRecordFactory(
        commune=world.loc_thanh,
        given_on=datetime.date(2025, 5, 10),
        quantity=2,
        value_vnd=30_000_000,
        **cows,
    )
    factories.SupportRecordFactory(
        commune=world.merged,
        given_on=datetime.date(2025, 8, 1),
        quantity=1,
        value_vnd=15_000_000,
        **cows,
    )
    run = RebuildRun.objects.create()

    result = rebuild_task.delay(run.pk)

    worker.wait_for("The rebuild task", result.ready)
    assert result.get(timeout=TIMEOUT) == run.pk
    result.forget()
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCESS
    assert run.rows == IndicatorValue.objects.count() > 0
    # In the quarter's own units the cows stay in Lộc Thạnh and Bình Phước...
    assert value("cows", View.PERIOD, UnitLevel.COMMUNE, world.loc_thanh.pk, 2025, 2) == 2
    assert value("cows", View.PERIOD, UnitLevel.PROVINCE, world.bp.pk, 2025, 2) == 2
    # ...in today's, they count toward Lộc Tấn mới and Đồng Nai.
    assert value("cows", View.CURRENT, UnitLevel.COMMUNE, world.merged.pk, 2025, 2) == 2
    assert value("cows", View.CURRENT, UnitLevel.PROVINCE, world.dn.pk, 2025, 2) == 2
    assert value("cows", View.CURRENT, UnitLevel.STATION, world.station_bp.pk, 2025, 3) == 1
    assert value("support_value", View.CURRENT, UnitLevel.NATION, None, 2025, 3) == Decimal(
        15_000_000
    )


def test_rebuild_now_queues_the_task_and_the_dashboard_then_shows_the_new_figures(
    worker, world, client
):
    add_work(world)
    commissar = world.users["commissar-bp"]
    client.force_login(commissar)

    response = client.post(reverse("indicators:rebuild"), HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    run = RebuildRun.objects.get()
    assert run.requested_by == commissar

    def finished() -> bool:
        run.refresh_from_db()
        return run.status not in (RunStatus.QUEUED, RunStatus.RUNNING)

    worker.wait_for("The rebuild asked for with 'Rebuild now'", finished)
    assert run.status == RunStatus.SUCCESS, run.error
    status = client.get(reverse("indicators:rebuild-status", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert "Xong lúc" in status.content.decode()
    page = client.get(reverse("indicators:home") + "?quy=2025-3").content.decode()
    assert "Số liệu tính đến" in page
    assert "160.000.000 đ" in page  # Đồng Nai's support in quarter III/2025, Bình Phước's included


def test_the_worker_issues_a_report_and_the_page_then_offers_the_download(worker, world, client):
    build(world)
    staff = world.users["staff-dn"]
    report = workflow.draft(staff, "province", world.dn, Quarter(2025, 3))
    client.force_login(staff)

    response = client.post(reverse("reports:issue", args=[report.pk]), HTTP_HX_REQUEST="true")

    issued = IssuedReport.objects.get(report=report)
    page = response.content.decode()
    assert 'hx-trigger="every 2s"' in page  # queued for the worker: the page polls

    def finished() -> bool:
        issued.refresh_from_db()
        return not issued.active

    worker.wait_for("The report's PDF", finished)
    assert issued.status == IssueStatus.DONE, issued.error
    status = client.get(reverse("reports:issued-status", args=[issued.pk]), HTTP_HX_REQUEST="true")
    assert reverse("reports:issued-file", args=[issued.pk, "pdf"]) in status.content.decode()
    pdf = client.get(reverse("reports:issued-file", args=[issued.pk, "pdf"])).content
    assert pdf.startswith(b"%PDF-")
    assert hashlib.sha256(pdf).hexdigest() == issued.sha256
