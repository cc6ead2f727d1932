"""Fault drills against a real worker, PostgreSQL and Redis, as an operator would meet them.

A worker killed with SIGKILL mid-rebuild or mid-PDF, a Redis that stops while someone presses
the button, a database connection terminated under a running task. Each drill keeps the
snapshot intact and leaves the buttons working. To catch the task mid-way, the test holds a
table lock the task needs: the worker's query waits on it while its heartbeat goes on.
The heartbeat is short here (JOB_LOST_AFTER=2 s), so a dead worker is noticed in seconds.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg
import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from borderwork.celery import app as celery_app
from borderwork.indicators.models import IndicatorValue, RebuildRun, RunStatus
from borderwork.periods import Quarter
from borderwork.reports import workflow
from borderwork.reports.models import IssuedReport, IssueStatus
from programmes.models import SupportRecord
from tests.celery_worker import running_worker, worker_database_url
from tests.indicators.dashboard_world import build

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.celery_worker]

LOST_AFTER = 2
FAST = {"JOB_LOST_AFTER": str(LOST_AFTER)}
REDIS_PORT = 18411  # this issue's range (18400-18499), away from the shared Redis


@pytest.fixture(autouse=True)
def short_heartbeat():
    with override_settings(JOB_LOST_AFTER=LOST_AFTER):
        yield


def wait(what: str, done: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {timeout} s")
        time.sleep(0.2)


def snapshot() -> list[tuple]:
    return list(IndicatorValue.objects.order_by("pk").values_list())


@contextmanager
def table_locked(model) -> Iterator[psycopg.Connection]:
    """Hold an exclusive lock on a model's table from a connection of its own: a task that
    reads the table waits, mid-way, until the block ends."""
    with psycopg.connect(worker_database_url()) as locker:
        locker.execute(f'LOCK TABLE "{model._meta.db_table}" IN ACCESS EXCLUSIVE MODE')
        yield locker
        locker.rollback()


def waiting_backends() -> list[int]:
    """Server processes of the test database waiting on a lock (the worker's, stuck mid-task)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return [pid for (pid,) in cursor.fetchall()]


def others_gone() -> bool:
    """No other server process on the test database: a killed worker's transaction is over."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid() AND state <> 'idle'"
        )
        return cursor.fetchone()[0] == 0


def press_rebuild(client) -> tuple[RebuildRun, str]:
    response = client.post(reverse("indicators:rebuild"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return RebuildRun.objects.order_by("-pk").first(), response.content.decode()


def status_of(client, run: RebuildRun) -> str:
    url = reverse("indicators:rebuild-status", args=[run.pk])
    return client.get(url, HTTP_HX_REQUEST="true").content.decode()


def finished(row) -> bool:
    row.refresh_from_db()
    return row.status not in ("queued", "running")


@pytest.fixture
def commissar(world, client):
    build(world)
    client.force_login(world.users["commissar-bp"])
    return world.users["commissar-bp"]


def test_a_worker_killed_mid_rebuild_leaves_the_snapshot_and_the_next_press_works(
    commissar, client, django_db_blocker
):
    before = snapshot()
    SupportRecord.objects.update(value_vnd=1)  # a change the killed run would have counted
    with running_worker(django_db_blocker, **FAST) as worker:
        with table_locked(SupportRecord):
            run, _page = press_rebuild(client)
            worker.wait_for("The worker stuck on the support records", waiting_backends)
            # Stuck in a statement, the worker still beats: the page looking finds it alive.
            time.sleep(LOST_AFTER * 2)
            assert 'data-status="running"' in status_of(client, run)
            worker.kill()
        wait("The killed worker's transaction ending", others_gone)

        # Within a few heartbeats, the page that looks says it failed and stops polling.
        wait("The run marked lost", lambda: 'data-status="lost"' in status_of(client, run))
        page = status_of(client, run)
        assert "mất liên lạc với tiến trình tính" in page
        assert "hx-trigger" not in page
        run.refresh_from_db()
        assert run.status == RunStatus.LOST
        assert "không có tín hiệu" in run.error
        assert snapshot() == before

    with running_worker(django_db_blocker, **FAST) as worker:
        again, _page = press_rebuild(client)
        assert again.pk != run.pk  # the lost run blocks nothing
        worker.wait_for("The next rebuild", lambda: finished(again))
        assert again.status == RunStatus.SUCCESS, again.error
        assert snapshot() != before


def test_a_worker_killed_mid_pdf_is_said_to_have_failed_and_the_next_press_works(
    world, client, django_db_blocker
):
    build(world)
    staff = world.users["staff-dn"]
    report = workflow.draft(staff, "province", world.dn, Quarter(2025, 3))
    client.force_login(staff)
    issue_url = reverse("reports:issue", args=[report.pk])
    with running_worker(django_db_blocker, **FAST) as worker:
        with table_locked(IndicatorValue):
            client.post(issue_url, HTTP_HX_REQUEST="true")
            issued = IssuedReport.objects.get(report=report)
            worker.wait_for("The worker stuck reading the figures", waiting_backends)
            worker.kill()
        wait("The killed worker's transaction ending", others_gone)

        status_url = reverse("reports:issued-status", args=[issued.pk])
        wait(
            "The issued report marked lost",
            lambda: 'data-status="lost"' in client.get(status_url).content.decode(),
        )
        page = client.get(status_url).content.decode()
        assert "mất liên lạc với tiến trình tạo PDF" in page
        assert "hx-trigger" not in page  # the page stops polling
        detail = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
        assert 'data-testid="issue"' in detail  # the button is there to try again

    with running_worker(django_db_blocker, **FAST) as worker:
        client.post(issue_url, HTTP_HX_REQUEST="true")
        again = IssuedReport.objects.filter(report=report).exclude(pk=issued.pk).get()
        worker.wait_for("The next PDF", lambda: finished(again))
        assert again.status == IssueStatus.DONE, again.error
        issued.refresh_from_db()
        assert issued.status == IssueStatus.LOST and not issued.pdf


def test_a_database_connection_killed_mid_rebuild_fails_the_run_and_the_worker_goes_on(
    commissar, client, django_db_blocker
):
    before = snapshot()
    with running_worker(django_db_blocker, **FAST) as worker:
        with table_locked(SupportRecord):
            run, _page = press_rebuild(client)
            worker.wait_for("The worker stuck on the support records", waiting_backends)
            with connection.cursor() as cursor:
                for pid in waiting_backends():
                    cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        worker.wait_for("The run failed", lambda: finished(run))
        assert run.status == RunStatus.FAILED
        assert "terminat" in run.error.lower()
        assert snapshot() == before
        assert worker.answers()

        again, _page = press_rebuild(client)
        worker.wait_for("The next rebuild", lambda: finished(again))
        assert again.status == RunStatus.SUCCESS, again.error


class RedisServer:
    """A redis-server of the test's own, on a port of its own, that the test stops."""

    def __init__(self, port: int) -> None:
        self.port, self.url = port, f"redis://127.0.0.1:{port}/0"
        self.dir = tempfile.TemporaryDirectory(prefix="borderwork-redis-")
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [shutil.which("redis-server") or "redis-server", "--port", str(self.port)]
        command += ["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        command += ["--dir", self.dir.name]
        self.process = subprocess.Popen(  # noqa: S603 (our own command line)
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait("redis-server answering", self.answers, timeout=10)

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


@contextmanager
def broker(url: str) -> Iterator[None]:
    """This process sends through another Redis (its pools are made afresh)."""
    before = celery_app.conf.broker_url

    def switch(to: str) -> None:
        celery_app.conf.broker_url = to
        celery_app.pool.force_close_all()
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    switch(url)
    try:
        yield
    finally:
        switch(before)


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    server = RedisServer(REDIS_PORT)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        server.dir.cleanup()


def test_pressing_while_redis_is_down_answers_at_once_and_the_next_press_works_once_it_is_back(
    commissar, client, django_db_blocker, redis_server, world
):
    with (
        broker(redis_server.url),
        running_worker(django_db_blocker, redis_url=redis_server.url, **FAST) as worker,
    ):
        redis_server.stop()

        started = time.monotonic()
        run, page = press_rebuild(client)
        assert time.monotonic() - started < 5
        assert run.status == RunStatus.UNSENT  # not queued for ever
        assert "Không kết nối được hàng đợi xử lý nền" in page
        assert "hx-trigger" not in page
        dashboard = client.get(reverse("indicators:home")).content.decode()
        assert 'data-status="queued"' not in dashboard

        staff = world.users["staff-dn"]
        report = workflow.draft(staff, "province", world.dn, Quarter(2025, 3))
        client.force_login(staff)
        started = time.monotonic()
        page = client.post(
            reverse("reports:issue", args=[report.pk]), HTTP_HX_REQUEST="true"
        ).content.decode()
        assert time.monotonic() - started < 5
        assert IssuedReport.objects.get(report=report).status == IssueStatus.UNSENT
        assert "chưa tạo được PDF" in page

        redis_server.start()
        client.force_login(commissar)
        again, _page = press_rebuild(client)
        assert again.status == RunStatus.QUEUED
        worker.wait_for("The rebuild once Redis is back", lambda: finished(again))
        assert again.status == RunStatus.SUCCESS, again.error
