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
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.urls import reverse

from borderwork.indicators.models import IndicatorValue, RebuildRun, RunStatus, UnitLevel, View
from borderwork.indicators.tasks import rebuild_task, refresh_task
from borderwork.periods import Quarter
from borderwork.reports import workflow
from borderwork.reports.models import IssuedReport, IssueStatus
from tests import factories
from tests.celery_worker import Worker, running_worker
from tests.indicators.dashboard_world import add_work, build

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.celery_worker]


@pytest.fixture(scope="module")
def worker(django_db_setup, django_db_blocker) -> Iterator[Worker]:
    with running_worker(django_db_blocker) as started:
        yield started


def finished(run) -> bool:
    """The row (a rebuild run or an issued report) is no longer queued or running."""
    run.refresh_from_db()
    return run.status not in ("queued", "running")


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

    rebuild_task.delay(run.pk)

    worker.wait_for("The rebuild task", lambda: finished(run))
    assert run.status == RunStatus.SUCCESS, run.error
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


def test_a_record_saved_in_a_form_is_on_the_dashboard_after_the_minute_refresh(
    worker, world, client
):
    build(world)
    client.force_login(world.users["station-bp"])
    cows = factories.ProgrammeFactory()
    page = client.get(reverse("indicators:home") + "?quy=2025-3").content.decode()
    assert "Số liệu tính đến" in page

    saved = client.post(
        reverse("programmes:support-create"),
        {
            "programme": cows.pk,
            "given_on": "2025-08-15",
            "station": world.station_bp.pk,
            "commune": world.merged.pk,
            "recipient_kind": "household",
            "recipient_name": "Hộ ông Điểu Lên",
            "poverty_status": "poor",
            "quantity": "4",
            "value_vnd": "60000000",
        },
    )
    assert saved.status_code == 302, saved.content.decode()[:2000]
    pending = client.get(reverse("indicators:home")).content.decode()
    assert 'data-pending="true"' in pending

    last = RebuildRun.objects.latest("pk")

    refresh_task.delay()  # as beat sends it every minute

    def counted() -> bool:
        run = RebuildRun.objects.latest("pk")
        return run.pk != last.pk and run.status == RunStatus.SUCCESS

    worker.wait_for("The minute's refresh", counted)
    assert value("cows", View.CURRENT, UnitLevel.PROVINCE, world.dn.pk, 2025, 3) == 4
    page = client.get(reverse("indicators:home")).content.decode()
    assert 'data-pending="false"' in page
