"""The rebuild's numbers equal hand-computed ones, across the 1 July 2025 merger."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from borderwork.indicators import rebuild as rebuild_module
from borderwork.indicators.models import IndicatorValue, RebuildRun, RunStatus, UnitLevel, View
from borderwork.indicators.rebuild import rebuild
from cadres.models import AssignmentKind
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 9, 30)


@pytest.fixture
def work(world):
    """Officers on two Bình Phước committees and one in Quảng Bình; support on both sides."""
    officer = factories.OfficerFactory(station=world.station_bp)
    factories.AssignmentFactory(
        officer=officer,
        commune=world.loc_thanh,
        started_on=datetime.date(2024, 1, 1),
        ended_on=datetime.date(2025, 6, 30),
    )
    factories.AssignmentFactory(
        officer=factories.OfficerFactory(station=world.station_bp),
        commune=world.merged,
        started_on=datetime.date(2025, 7, 1),
    )
    factories.AssignmentFactory(
        officer=factories.OfficerFactory(station=world.station_qb),
        commune=world.dan_hoa,
        started_on=datetime.date(2024, 1, 1),
    )
    factories.SupportRecordFactory(
        commune=world.loc_thanh,
        station=world.station_bp,
        given_on=datetime.date(2025, 5, 10),
        value_vnd=18_000_000,
    )
    factories.SupportRecordFactory(
        commune=world.merged,
        station=world.station_bp,
        given_on=datetime.date(2025, 8, 1),
        value_vnd=20_000_000,
    )
    factories.SupportRecordFactory(
        commune=world.dan_hoa,
        station=world.station_qb,
        given_on=datetime.date(2025, 8, 15),
        value_vnd=5_000_000,
    )
    return world


def value(indicator, view, level, unit, year, quarter):
    row = IndicatorValue.objects.get(
        view=view, level=level, unit_id=unit, year=year, quarter=quarter
    )
    return row.amount(indicator)


def test_a_rebuild_records_a_successful_run_with_its_rows(work):
    run = rebuild(today=TODAY)

    assert run.status == RunStatus.SUCCESS
    assert run.rows == IndicatorValue.objects.count() > 0
    assert run.started_at <= run.finished_at


def test_before_the_merger_each_old_commune_counts_for_itself(work):
    rebuild(today=TODAY)

    # 30/06/2025: Lộc Thạnh has its officer, Lộc Tấn and Lộc An none, Dân Hóa one.
    assert value(
        "committee_officer", View.PERIOD, UnitLevel.COMMUNE, work.loc_thanh.pk, 2025, 2
    ) == (
        1,
        1,
    )
    assert value("committee_officer", View.PERIOD, UnitLevel.COMMUNE, work.loc_tan.pk, 2025, 2) == (
        0,
        1,
    )
    assert value("committee_officer", View.PERIOD, UnitLevel.PROVINCE, work.bp.pk, 2025, 2) == (
        1,
        3,
    )


def test_ratios_roll_up_from_summed_numerators_not_averaged_ratios(work):
    rebuild(today=TODAY)

    # Bình Phước 1 of 3, Quảng Bình 1 of 1: the nation is 2 of 4 (50 %), not the mean 66.7 %.
    numerator, denominator = value(
        "committee_officer", View.PERIOD, UnitLevel.NATION, None, 2025, 2
    )
    assert (numerator, denominator) == (2, 4)
    row = IndicatorValue.objects.get(view=View.PERIOD, level=UnitLevel.NATION, year=2025, quarter=2)
    assert row.value("committee_officer") == Decimal(50)


def test_in_todays_units_the_old_communes_count_toward_the_merged_one(work):
    rebuild(today=TODAY)

    # The second quarter of 2025, seen as today's units: Lộc Thạnh and Lộc Tấn are the new commune.
    assert value("committee_officer", View.CURRENT, UnitLevel.COMMUNE, work.merged.pk, 2025, 2) == (
        1,
        2,
    )
    assert value("support_value", View.CURRENT, UnitLevel.COMMUNE, work.merged.pk, 2025, 2) == (
        18_000_000,
        None,
    )
    # ...and Bình Phước's communes belong to Đồng Nai.
    assert value("committee_officer", View.CURRENT, UnitLevel.PROVINCE, work.dn.pk, 2025, 2) == (
        1,
        3,
    )
    assert not IndicatorValue.objects.filter(
        view=View.CURRENT, level=UnitLevel.PROVINCE, unit_id=work.bp.pk
    ).exists()


def test_in_the_quarters_own_units_records_stay_with_the_commune_and_station_of_the_day(work):
    rebuild(today=TODAY)

    assert value("support_value", View.PERIOD, UnitLevel.COMMUNE, work.loc_thanh.pk, 2025, 2) == (
        18_000_000,
        None,
    )
    assert value("support_value", View.PERIOD, UnitLevel.STATION, work.station_bp.pk, 2025, 3) == (
        20_000_000,
        None,
    )
    assert value("support_value", View.PERIOD, UnitLevel.NATION, None, 2025, 3) == (
        25_000_000,
        None,
    )
    # After the merger, 2 of the 3 border communes then existing have an officer.
    assert value("committee_officer", View.PERIOD, UnitLevel.NATION, None, 2025, 3) == (2, 3)


def test_officers_and_cells_count_once_at_each_quarters_end_and_today_in_the_quarter_running(
    world,
):
    def council(started_on, ended_on=None, officer=None):
        return factories.AssignmentFactory(
            officer=officer or factories.OfficerFactory(station=world.station_qb),
            commune=world.dan_hoa,
            kind=AssignmentKind.PEOPLES_COUNCIL,
            started_on=started_on,
            ended_on=ended_on,
        )

    twice = factories.OfficerFactory(station=world.station_qb)
    council(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31), officer=twice)
    council(datetime.date(2024, 6, 1), officer=twice)  # overlaps: still one officer
    council(datetime.date(2024, 4, 1), datetime.date(2024, 6, 30))  # to the quarter's last day
    council(datetime.date(2024, 4, 1), datetime.date(2024, 9, 29))  # a day short of Q3's end
    council(datetime.date(2025, 7, 1), datetime.date(2025, 8, 15))  # until today
    council(datetime.date(2025, 7, 1), datetime.date(2025, 8, 14))  # ended yesterday
    council(datetime.date(2025, 8, 20))  # not started yet
    cell, _empty = factories.PartyCellFactory.create_batch(2, commune=world.dan_hoa)
    for started_on in (datetime.date(2024, 1, 1), datetime.date(2024, 2, 1)):
        factories.AssignmentFactory(
            officer=factories.OfficerFactory(station=world.station_qb),
            commune=world.dan_hoa,
            kind=AssignmentKind.PARTY_CELL,
            party_cell=cell,
            started_on=started_on,
            ended_on=datetime.date(2024, 6, 30),
        )

    rebuild(today=datetime.date(2025, 8, 15))

    def delegates(year, quarter):
        unit = world.dan_hoa.pk
        return value("council_delegates", View.PERIOD, UnitLevel.COMMUNE, unit, year, quarter)

    assert [delegates(2024, q)[0] for q in (1, 2, 3, 4)] == [1, 3, 1, 1]
    assert delegates(2025, 3)[0] == 2
    cells = ("cells_with_bg_member", View.PERIOD, UnitLevel.COMMUNE, world.dan_hoa.pk)
    assert value(*cells, 2024, 2) == (1, 2)
    assert value(*cells, 2024, 3) == (0, 2)


def test_the_rebuild_reads_with_a_fixed_number_of_queries_whatever_the_data(work):
    def reads() -> int:
        with CaptureQueriesContext(connection) as captured:
            rebuild(today=TODAY)
        return sum(
            1 for q in captured.captured_queries if q["sql"].lstrip().startswith(("SELECT", "WITH"))
        )

    rebuild(today=TODAY)  # the first ever run need not ask for the previous one's tables
    small = reads()
    for _ in range(30):
        commune = factories.CommuneFactory(province=work.bp)
        factories.StationCoverageFactory(station=work.station_bp, commune=commune)
        factories.AssignmentFactory(
            officer=factories.OfficerFactory(station=work.station_bp),
            commune=commune,
            kind=AssignmentKind.PEOPLES_COUNCIL,
            started_on=datetime.date(2024, 3, 1),
        )

    assert reads() == small


def test_a_rebuild_that_fails_midway_leaves_the_previous_snapshot(work, monkeypatch):
    rebuild(today=TODAY)
    before = list(IndicatorValue.objects.order_by("pk").values_list("pk", "support_value"))

    real = rebuild_module.compute

    def broken(*args):
        # The new rows are all written, then something fails before the commit.
        assert real(*args) == IndicatorValue.objects.count() > 0
        raise RuntimeError("nguồn dữ liệu hỏng")

    monkeypatch.setattr(rebuild_module, "compute", broken)
    with pytest.raises(RuntimeError):
        rebuild(today=TODAY, full=True)

    assert list(IndicatorValue.objects.order_by("pk").values_list("pk", "support_value")) == before
    failed = RebuildRun.objects.latest("queued_at")
    assert failed.status == RunStatus.FAILED
    assert "nguồn dữ liệu hỏng" in failed.error
    assert RebuildRun.objects.last_success().rows == len(before)


def test_a_second_rebuild_while_one_holds_the_lock_is_skipped(work, monkeypatch):
    def locked():
        raise rebuild_module.AlreadyRunning

    monkeypatch.setattr(rebuild_module, "lock_or_raise", locked)

    run = rebuild(today=TODAY)

    assert run.status == RunStatus.SKIPPED
    assert not IndicatorValue.objects.exists()
