"""A station's report: its staff draft it, the station's commissar approves it, and only
the records of the communes the station covered that quarter are closed."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from borderwork.periods import Quarter
from borderwork.reports import workflow
from borderwork.reports.locks import closing_report
from borderwork.reports.models import State
from borderwork.scoping import PeriodClosed
from tests.indicators.dashboard_world import build, houses

pytestmark = pytest.mark.django_db

Q2 = Quarter(2025, 2)


@pytest.fixture
def station_report(world):
    build(world)
    report = workflow.draft(world.users["station-bp"], "station", world.station_bp, Q2)
    report.shortcomings, report.direction = "Chậm cập nhật.", "Củng cố chi bộ."
    report.save()
    workflow.submit(report, world.users["station-bp"])
    return report


def test_the_province_commissar_may_not_approve_a_stations_report(world, station_report):
    with pytest.raises(PermissionDenied):
        workflow.approve(station_report, world.users["commissar-bp"])


def test_the_stations_commissar_closes_only_the_communes_it_covered(world, station_report):
    workflow.approve(station_report, world.users["commissar-station-bp"])
    station_report.refresh_from_db()
    assert station_report.state == State.APPROVED
    # Lộc Thạnh's house of 10/05/2025, counted by the report (1 house, since merged).
    assert Decimal(station_report.frozen["indicators"]["houses"]["now"]) == 1
    with pytest.raises(PeriodClosed, match="commissar-station-bp"), transaction.atomic():
        houses(world, world.loc_thanh, world.station_bp, datetime.date(2025, 5, 20), 1, 1)
    other = houses(world, world.loc_an, world.station_bp_other, datetime.date(2025, 5, 20), 1, 1)
    later = houses(world, world.merged, world.station_bp, datetime.date(2025, 8, 20), 1, 1)
    assert closing_report(other) is None
    assert closing_report(later) is None


def test_a_station_report_is_named_after_the_station_and_its_command(world, station_report):
    context = workflow.render_context(station_report)
    assert context["issuer"] == str(world.station_bp).upper()
    assert "BÌNH PHƯỚC" in context["issuer_parent"]
    assert context["draft"] is True
