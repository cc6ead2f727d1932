"""Approval freezes the figures the records hold at that moment: a write made since the last
rebuild is counted again inside the approval, and a rebuild under way makes it wait."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from borderwork.indicators import rebuild as rebuilding
from borderwork.indicators.models import RebuildRun
from borderwork.periods import Quarter
from borderwork.reports import content, workflow
from borderwork.reports.models import State
from tests.indicators.dashboard_world import build, houses

pytestmark = pytest.mark.django_db

Q2 = Quarter(2025, 2)
IN_Q2 = datetime.date(2025, 5, 20)


@pytest.fixture
def submitted(world):
    build(world)
    report = workflow.draft(world.users["station-bp"], "station", world.station_bp, Q2)
    report.shortcomings, report.direction = "Chậm cập nhật.", "Củng cố chi bộ."
    report.save()
    workflow.submit(report, world.users["station-bp"])
    return report


def houses_in(figures: dict) -> Decimal:
    return Decimal(figures["indicators"]["houses"]["now"])


def test_a_house_recorded_after_the_last_rebuild_is_in_the_approved_figures(world, submitted):
    drafted = houses_in(content.snapshot(submitted.level, submitted.unit.pk, Q2))
    houses(world, world.loc_thanh, world.station_bp, IN_Q2, 2, 1)

    workflow.approve(submitted, world.users["commissar-station-bp"])

    submitted.refresh_from_db()
    assert submitted.state == State.APPROVED
    assert houses_in(submitted.frozen) == drafted + 2


def test_a_rebuild_under_way_holds_the_approval_back(world, submitted, monkeypatch):
    houses(world, world.loc_thanh, world.station_bp, IN_Q2, 2, 1)

    def held_by_another_run():
        raise rebuilding.AlreadyRunning

    monkeypatch.setattr(rebuilding, "lock_or_raise", held_by_another_run)
    with pytest.raises(ValidationError, match="đang được tính lại"):
        workflow.approve(submitted, world.users["commissar-station-bp"])
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED
    assert submitted.approved_by is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no change marks")
def test_figures_no_write_has_touched_are_frozen_without_counting_again(world, submitted):
    # A write after the quarter (its mark starts in Q3) leaves Q2's figures as they are.
    houses(world, world.loc_thanh, world.station_bp, datetime.date(2025, 8, 20), 5, 1)
    runs = RebuildRun.objects.count()

    workflow.approve(submitted, world.users["commissar-station-bp"])

    assert RebuildRun.objects.count() == runs
    submitted.refresh_from_db()
    assert submitted.state == State.APPROVED
