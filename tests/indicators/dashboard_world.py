"""The conftest world with work to show on the dashboards, rebuilt as of 30/09/2025.

Quarter III/2025, today's units (hand-computed):
- Đồn Lộc Thạnh covers Lộc Tấn mới: 2 houses, 100.000.000 đ, its committee has an officer.
- Đồng Nai (Bình Phước merged into it): Lộc Tấn mới and Lộc An: 3 houses, 160.000.000 đ,
  one of two border communes with an officer (50 %).
- The nation adds Dân Hóa (Quảng Trị): 6 houses, 310.000.000 đ, two of three (66,7 %).
Quarter II/2025: Lộc Thạnh, since merged into Lộc Tấn mới, got 1 house, 40.000.000 đ.
"""

import datetime

from django.utils import timezone

from borderwork.indicators.rebuild import rebuild
from cadres.models import AssignmentKind
from communes.models import CoordinationRegulation
from tests import factories

TODAY = datetime.date(2025, 9, 30)


def houses(world, commune, station, day, quantity, value):
    programme = factories.ProgrammeFactory(
        slug="mai-am", name="Mái ấm biên cương", kind="housing", unit="houses"
    )
    return factories.SupportRecordFactory(
        programme=programme,
        commune=commune,
        station=station,
        given_on=day,
        quantity=quantity,
        value_vnd=value,
    )


def add_work(world, copies: int = 1) -> None:
    """The records above; with copies > 1, as many more communes doing the same."""
    q2, q3 = datetime.date(2025, 5, 10), datetime.date(2025, 8, 1)
    today = timezone.localdate()
    houses(world, world.loc_thanh, world.station_bp, q2, 1, 40_000_000)
    houses(world, world.merged, world.station_bp, q3, 1, 50_000_000)
    houses(world, world.merged, world.station_bp, q3, 1, 50_000_000)
    houses(world, world.loc_an, world.station_bp_other, q3, 1, 60_000_000)
    houses(world, world.dan_hoa, world.station_qb, q3, 3, 150_000_000)
    factories.AssignmentFactory(
        officer=factories.OfficerFactory(station=world.station_bp, full_name="Trần Văn Tăng"),
        commune=world.merged,
        started_on=datetime.date(2025, 7, 1),
    )
    factories.AssignmentFactory(
        officer=factories.OfficerFactory(station=world.station_qb, full_name="Hồ Văn Cường"),
        commune=world.dan_hoa,
        started_on=datetime.date(2025, 7, 1),
        # A term that ends within 90 days of the real today, for the gap list.
        ended_on=today + datetime.timedelta(days=30),
    )
    CoordinationRegulation.objects.create(
        number="07/QC-LA",
        title="Quy chế phối hợp với Đảng ủy xã Lộc An",
        commune=world.loc_an,
        station=world.station_bp_other,
        signed_on=datetime.date(2025, 8, 1),
        review_due=today - datetime.timedelta(days=10),
    )
    for copy in range(1, copies):
        _more(world, copy, q3)


def _more(world, copy: int, day: datetime.date) -> None:
    for station, province in (
        (world.station_bp, world.dn),
        (world.station_bp_other, world.bp),
        (world.station_qb, world.qb),
    ):
        commune = factories.CommuneFactory(name=f"Xã thêm {copy} {station.pk}", province=province)
        factories.StationCoverageFactory(station=station, commune=commune)
        houses(world, commune, station, day, 1, 10_000_000)
        factories.AssignmentFactory(
            officer=factories.OfficerFactory(station=station),
            commune=commune,
            kind=AssignmentKind.PARTY_COMMITTEE,
            started_on=datetime.date(2025, 7, 1),
        )
        CoordinationRegulation.objects.create(
            number=f"{copy}/QC-{station.pk}",
            title="Quy chế phối hợp",
            commune=commune,
            station=station,
            signed_on=day,
            review_due=timezone.localdate(),
        )


def build(world, copies: int = 1):
    add_work(world, copies)
    rebuild(today=TODAY)
    return world
