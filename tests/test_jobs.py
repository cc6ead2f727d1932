"""Background runs in the test's own process: claimed once, lost when their beat stops,
unsent when the broker cannot be reached, and the minute's refresh counting marked changes.

The drills with a real worker, Redis and kill -9 are in `test_faults.py`.
"""

from __future__ import annotations

import datetime
import time

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from borderwork.celery import app as celery_app
from borderwork.indicators import tasks as indicator_tasks
from borderwork.indicators.models import REBUILD_JOB, IndicatorValue, RebuildRun, RunStatus
from borderwork.ops import tasks as ops_tasks
from borderwork.periods import Quarter
from borderwork.reports import tasks as report_tasks
from borderwork.reports import workflow
from borderwork.reports.models import IssuedReport, IssueStatus
from tests import factories
from tests.indicators.dashboard_world import build

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the change marks are PostgreSQL triggers"
)


def ago(seconds: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=seconds)


@pytest.fixture
def commissar(world, client):
    build(world)
    client.force_login(world.users["commissar-bp"])
    return world.users["commissar-bp"]


def test_a_redelivered_rebuild_of_a_lost_run_does_nothing(commissar):
    run = RebuildRun.objects.create(status=RunStatus.LOST, error="lost")
    before = list(IndicatorValue.objects.values_list("pk", flat=True))

    indicator_tasks.rebuild_task.apply(args=(run.pk,))

    run.refresh_from_db()
    assert run.status == RunStatus.LOST
    assert list(IndicatorValue.objects.values_list("pk", flat=True)) == before


def test_a_run_another_worker_beats_for_is_not_taken_twice(commissar):
    run = RebuildRun.objects.create(status=RunStatus.RUNNING, heartbeat_at=timezone.now())

    assert not REBUILD_JOB.claim(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING


def test_a_run_handed_back_after_its_worker_died_is_computed(commissar):
    run = RebuildRun.objects.create(status=RunStatus.RUNNING, heartbeat_at=ago(600))

    indicator_tasks.rebuild_task.apply(args=(run.pk,))

    run.refresh_from_db()
    assert run.status == RunStatus.SUCCESS


def test_an_issued_report_already_done_is_not_rendered_again(world, monkeypatch):
    build(world)
    staff = world.users["staff-dn"]
    report = workflow.draft(staff, "province", world.dn, Quarter(2025, 3))
    issued = IssuedReport.objects.create(
        report=report, requested_by=staff, status=IssueStatus.DONE, sha256="a" * 64
    )

    def render(_issued):
        raise AssertionError("rendered again")

    monkeypatch.setattr(report_tasks, "render", render)
    report_tasks.issue_task.apply(args=(issued.pk,))

    issued.refresh_from_db()
    assert issued.status == IssueStatus.DONE and issued.sha256 == "a" * 64


def test_a_run_whose_heartbeat_stopped_is_marked_lost_by_the_status_page(commissar, client):
    run = RebuildRun.objects.create(status=RunStatus.RUNNING, heartbeat_at=ago(121))

    page = client.get(reverse("indicators:rebuild-status", args=[run.pk]), HTTP_HX_REQUEST="true")

    run.refresh_from_db()
    assert run.status == RunStatus.LOST
    assert "120 giây" in run.error
    text = page.content.decode()
    assert "mất liên lạc với tiến trình tính" in text
    assert "hx-trigger" not in text  # no polling a dead run


def test_a_run_beating_within_two_minutes_is_still_running(commissar, client):
    run = RebuildRun.objects.create(status=RunStatus.RUNNING, heartbeat_at=ago(100))

    page = client.get(reverse("indicators:rebuild-status", args=[run.pk]), HTTP_HX_REQUEST="true")

    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING
    assert 'hx-trigger="every 2s"' in page.content.decode()


def test_the_dashboard_writes_nothing_when_no_run_is_stale(commissar, client):
    RebuildRun.objects.create(status=RunStatus.RUNNING, heartbeat_at=ago(10))

    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("indicators:home"))

    assert page.status_code == 200
    assert 'hx-trigger="every 2s"' in page.content.decode()  # the live run, polled
    runs = RebuildRun._meta.db_table
    assert not [q["sql"] for q in queries if q["sql"].startswith(f'UPDATE "{runs}"')]


def test_the_dashboard_marks_a_run_whose_worker_died_lost_and_stops_polling(commissar, client):
    run = RebuildRun.objects.create(status=RunStatus.RUNNING, heartbeat_at=ago(121))

    page = client.get(reverse("indicators:home"))

    run.refresh_from_db()
    assert run.status == RunStatus.LOST
    assert 'hx-trigger="every 2s"' not in page.content.decode()


def test_a_run_no_worker_took_is_marked_lost_after_its_queue_time(commissar):
    run = RebuildRun.objects.create()
    RebuildRun.objects.filter(pk=run.pk).update(queued_at=ago(601))

    assert indicator_tasks.active_run() is None

    run.refresh_from_db()
    assert run.status == RunStatus.LOST
    assert "nhận việc" in run.error


def test_a_lost_run_blocks_nothing_and_the_next_press_queues_a_new_one(commissar, client):
    dead = RebuildRun.objects.create(status=RunStatus.RUNNING, heartbeat_at=ago(300))

    client.post(reverse("indicators:rebuild"), HTTP_HX_REQUEST="true")

    new = RebuildRun.objects.latest("pk")
    assert new.pk != dead.pk
    assert new.status == RunStatus.QUEUED  # sent when the request's transaction commits
    dead.refresh_from_db()
    assert dead.status == RunStatus.LOST


def test_the_detail_page_of_a_report_says_a_pdf_whose_worker_died_failed(world, client):
    build(world)
    staff = world.users["staff-dn"]
    report = workflow.draft(staff, "province", world.dn, Quarter(2025, 3))
    issued = IssuedReport.objects.create(
        report=report, requested_by=staff, status=IssueStatus.RUNNING, heartbeat_at=ago(200)
    )
    client.force_login(staff)

    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()

    issued.refresh_from_db()
    assert issued.status == IssueStatus.LOST
    assert "mất liên lạc với tiến trình tạo PDF" in page
    assert "every 2s" not in page


@pytest.fixture
def broker_down(monkeypatch):
    """Sending a task fails as kombu fails when Redis cannot be reached."""

    def refuse(*args, **kwargs):
        raise BrokerError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(indicator_tasks.rebuild_task, "apply_async", refuse)
    monkeypatch.setattr(report_tasks.issue_task, "apply_async", refuse)


# Committed as a request commits (the task is sent on commit, before the page is written).
@pytest.mark.django_db(transaction=True)
def test_rebuild_now_with_the_broker_down_says_so_and_leaves_nothing_queued(
    commissar, client, broker_down
):
    page = client.post(reverse("indicators:rebuild"), HTTP_HX_REQUEST="true")

    run = RebuildRun.objects.latest("pk")
    assert run.status == RunStatus.UNSENT
    assert "Connection refused" in run.error
    text = page.content.decode()
    assert "Không kết nối được hàng đợi xử lý nền" in text
    assert "hx-trigger" not in text


@pytest.mark.django_db(transaction=True)
def test_issuing_with_the_broker_down_says_so_on_the_report_page(world, client, broker_down):
    build(world)
    staff = world.users["staff-dn"]
    report = workflow.draft(staff, "province", world.dn, Quarter(2025, 3))
    client.force_login(staff)

    response = client.post(reverse("reports:issue", args=[report.pk]), follow=True)

    assert IssuedReport.objects.get().status == IssueStatus.UNSENT
    assert "chưa tạo được PDF" in response.content.decode()


@postgresql_only
def test_the_minute_refresh_counts_a_burst_of_writes_in_one_run(commissar, world):
    factories.SupportRecordFactory(commune=world.loc_an, station=world.station_bp_other)
    factories.SupportRecordFactory(commune=world.loc_an, station=world.station_bp_other)
    factories.SupportRecordFactory(commune=world.dan_hoa, station=world.station_qb)
    runs = RebuildRun.objects.count()

    first = indicator_tasks.refresh_task.apply().get()
    second = indicator_tasks.refresh_task.apply().get()

    assert RebuildRun.objects.count() == runs + 1
    assert RebuildRun.objects.get(pk=first).status == RunStatus.SUCCESS
    assert second is None  # nothing marked since


@postgresql_only
def test_the_minute_refresh_waits_for_a_run_under_way(commissar, world):
    factories.SupportRecordFactory(commune=world.loc_an, station=world.station_bp_other)
    RebuildRun.objects.create(status=RunStatus.RUNNING, heartbeat_at=timezone.now())

    assert indicator_tasks.refresh_task.apply().get() is None


def test_the_minute_refresh_does_nothing_when_nothing_changed(commissar):
    runs = RebuildRun.objects.count()

    # On SQLite there are no marks at all; on PostgreSQL build() left none.
    assert indicator_tasks.refresh_task.apply().get() is None
    assert RebuildRun.objects.count() == runs


@postgresql_only
def test_the_dashboard_says_a_change_is_not_on_the_cards_yet_and_when_it_will_be(
    commissar, client, world
):
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False  # as with a worker and beat
    try:
        quiet = client.get(reverse("indicators:home")).content.decode()
        factories.SupportRecordFactory(commune=world.loc_an, station=world.station_bp_other)
        pending = client.get(reverse("indicators:home")).content.decode()
    finally:
        celery_app.conf.task_always_eager = before

    assert "Mọi thay đổi được tự động tính lại trong vòng 2 phút" in quiet
    assert "Có thay đổi mới chưa có trên các thẻ số liệu" in pending
    assert "tự cập nhật trong vòng 2 phút" in pending
    assert "Mục “Cần xử lý” đọc trực tiếp từ hồ sơ hiện tại" in pending


def test_without_a_worker_the_dashboard_says_the_figures_are_as_of_the_last_rebuild(
    commissar, client
):
    page = client.get(reverse("indicators:home")).content.decode()

    assert "Số liệu tính đến" in page
    assert "Các thẻ số liệu theo lần tính gần nhất" in page


@pytest.mark.django_db(transaction=True)
@postgresql_only
def test_a_run_beats_from_its_own_connection_while_it_works():
    run = RebuildRun.objects.create(status=RunStatus.RUNNING, heartbeat_at=ago(60))

    with override_settings(JOB_LOST_AFTER=2), REBUILD_JOB.heartbeat(run.pk):
        time.sleep(1.2)  # two beats at 0.5 s

    run.refresh_from_db()
    assert run.heartbeat_at > ago(2)


def test_the_nightly_full_check_skipped_by_a_refresh_under_way_is_tried_again(monkeypatch):
    skipped = RebuildRun.objects.create(status=RunStatus.SKIPPED)
    monkeypatch.setattr(ops_tasks, "rebuild", lambda run=None, full=False: skipped)
    monkeypatch.setattr(ops_tasks, "claim_night", lambda night: True)
    retries = []

    def retry(*args, **kwargs):
        retries.append(kwargs)
        raise RuntimeError("retried")

    monkeypatch.setattr(ops_tasks.nightly_rebuild, "retry", retry)

    with pytest.raises(RuntimeError, match="retried"):
        ops_tasks.nightly_rebuild.run("2026-12-01")

    assert retries and retries[0]["countdown"] == 60


def test_a_list_export_that_fails_keeps_its_error_and_a_second_delivery_leaves_it(
    world, monkeypatch
):
    from borderwork import tasks as platform_tasks
    from borderwork.models import ExportStatus, ListExportRun

    run = ListExportRun.objects.create(
        requested_by=world.users["staff-bp"], segment="ho-tro", fmt="xlsx", query="", rows_total=1
    )

    def broken(run):
        raise RuntimeError("disk full")

    monkeypatch.setattr(platform_tasks, "write_export", broken)
    with pytest.raises(RuntimeError):
        platform_tasks.export_task(run.pk)
    run.refresh_from_db()
    assert run.status == ExportStatus.FAILED and run.error == "RuntimeError: disk full"
    assert run.finished_at is not None

    platform_tasks.export_task(run.pk)  # handed out again: the failed run is not claimed
    run.refresh_from_db()
    assert run.status == ExportStatus.FAILED
