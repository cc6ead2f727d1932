"""Approval and a write of a record it covers, on two connections at once: they run one after
the other (`locks.hold_writes`), so the write never lands in the quarter after the approval."""

import datetime
import threading

import pytest
from django.db import connection, transaction

from borderwork.periods import Quarter
from borderwork.reports import locks, workflow
from borderwork.reports.models import Report, State
from borderwork.scoping import PeriodClosed
from programmes.models import SupportRecord
from tests.indicators.dashboard_world import build, houses

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the race is PostgreSQL's"),
]

Q2 = Quarter(2025, 2)
IN_Q2 = datetime.date(2025, 5, 20)
WAIT = 10


@pytest.fixture
def submitted(world):
    build(world)
    report = workflow.draft(world.users["station-bp"], "station", world.station_bp, Q2)
    report.shortcomings, report.direction = "Chậm cập nhật.", "Củng cố chi bộ."
    report.save()
    workflow.submit(report, world.users["station-bp"])
    return report


def in_thread(work) -> tuple[threading.Thread, dict]:
    """Run `work` on a connection of its own; what it returns or raises lands in the dict."""
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = work()
        except Exception as error:  # handed to the test to assert on
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def test_a_write_in_progress_commits_before_the_approval_reads_the_figures(world, submitted):
    written, release = threading.Event(), threading.Event()

    def write():
        with transaction.atomic():
            record = houses(world, world.loc_thanh, world.station_bp, IN_Q2, 1, 1)
            written.set()
            release.wait(WAIT)
        return record.pk

    writer, wrote = in_thread(write)
    assert written.wait(WAIT)
    commissar = world.users["commissar-station-bp"]
    approver, approved = in_thread(
        lambda: workflow.approve(Report.objects.get(pk=submitted.pk), commissar)
    )
    approver.join(1)
    assert approver.is_alive(), "approval must wait for the write in progress"
    release.set()
    writer.join(WAIT), approver.join(WAIT)
    assert "error" not in wrote and "error" not in approved
    submitted.refresh_from_db()
    assert submitted.state == State.APPROVED
    assert SupportRecord.objects.filter(pk=wrote["value"]).exists()
    # The write committed before the approval; the next one is refused.
    with pytest.raises(PeriodClosed):
        houses(world, world.loc_thanh, world.station_bp, IN_Q2, 1, 1)


def test_a_write_during_the_approval_waits_and_is_then_refused(world, submitted):
    holding, release = threading.Event(), threading.Event()
    commissar = world.users["commissar-station-bp"]

    def approve():
        with transaction.atomic():
            locks.hold_writes(connection)
            workflow.approve(Report.objects.get(pk=submitted.pk), commissar)
            holding.set()
            release.wait(WAIT)

    approver, approved = in_thread(approve)
    assert holding.wait(WAIT)
    before = SupportRecord.objects.count()
    writer, wrote = in_thread(
        lambda: houses(world, world.loc_thanh, world.station_bp, IN_Q2, 1, 1).pk
    )
    writer.join(1)
    assert writer.is_alive(), "the write must wait for the approval"
    release.set()
    approver.join(WAIT), writer.join(WAIT)
    assert "error" not in approved
    assert isinstance(wrote.get("error"), PeriodClosed), wrote
    assert "commissar-station-bp" in str(wrote["error"])
    assert SupportRecord.objects.count() == before
