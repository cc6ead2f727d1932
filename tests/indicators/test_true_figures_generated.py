"""The invariants of issue 19 over generated data (hypothesis): records of every kind in
communes that merged, ended, or no station covers, at random dates around the 2025 merger."""

import datetime

import pytest
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from borderwork.indicators.catalogue import CATALOGUE
from borderwork.indicators.figures import figures
from borderwork.indicators.models import IndicatorValue, UnitLevel, View
from borderwork.indicators.rebuild import rebuild
from borderwork.indicators.values import ZERO
from borderwork.periods import Quarter
from communes.models import Commune, Province, Station
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 31)
QUARTERS = [Quarter(2025, 1), Quarter(2025, 2), Quarter(2025, 3), Quarter(2025, 4)]
days = st.dates(datetime.date(2024, 10, 1), datetime.date(2026, 3, 31))
record = st.tuples(
    st.sampled_from(["collective", "household", "model", "support", "regulation"]),
    st.integers(0, 5),  # which commune
    days,
    st.one_of(st.none(), st.integers(0, 400)),  # days until it ended, if it did
)


@pytest.fixture
def places(world):
    """The conftest world's communes, and one no station covers."""
    uncovered = factories.CommuneFactory(name="Xã chưa có đồn", province=world.dn)
    return world, [
        world.loc_thanh,
        world.loc_tan,
        world.merged,
        world.loc_an,
        world.dan_hoa,
        uncovered,
    ]


def make(world, commune: Commune, kind: str, day: datetime.date, length: int | None) -> None:
    station = world.station_qb if commune == world.dan_hoa else world.station_bp
    end = day + datetime.timedelta(days=length) if length is not None else None
    if kind in ("collective", "household"):
        group = factories.SelfManagementGroupFactory(
            kind=kind, commune=commune, station=station, registered_on=day, ended_on=end
        )
        group.landmarks.add(factories.LandmarkFactory(commune=commune))
    elif kind == "model":
        factories.MassMobilisationModelFactory(
            commune=commune, station=station, started_on=day, recognised_year=day.year
        )
    elif kind == "support":
        factories.SupportRecordFactory(
            commune=commune, station=station, given_on=day, value_vnd=1_000_000
        )
    else:
        factories.CoordinationRegulationFactory(
            commune=commune, station=station, signed_on=day, expires_on=end, review_due=end
        )


def pages(user):
    units = [(UnitLevel.NATION, None)]
    units += [(UnitLevel.PROVINCE, pk) for pk in Province.objects.values_list("pk", flat=True)]
    units += [(UnitLevel.STATION, pk) for pk in Station.objects.values_list("pk", flat=True)]
    for view in View.values:
        for quarter in QUARTERS:
            for level, pk in units:
                data = figures(user, level, pk, view, quarter, table_indicators=CATALOGUE)
                if data.quarter == quarter:
                    yield data


KEY = ["view", "level", "unit_id", "year", "quarter"]


def snapshot() -> dict[tuple, tuple]:
    """Every row of the snapshot by (view, level, unit, year, quarter)."""
    fields = [f.attname for f in IndicatorValue._meta.concrete_fields if f.attname != "id"]
    fields = KEY + [field for field in fields if field not in KEY]
    return {tuple(row[:5]): tuple(row[5:]) for row in IndicatorValue.objects.values_list(*fields)}


@settings(
    max_examples=8,
    deadline=None,
    # Each example rebuilds twice; shrinking a failure would take many minutes.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(records=st.lists(record, min_size=1, max_size=8), later=record)
def test_generated_records_add_up_stay_in_their_units_life_and_never_move_the_past(
    places, records, later
):
    world, communes = places
    with transaction.atomic():
        for kind, which, day, length in records:
            make(world, communes[which], kind, day, length)
        rebuild(today=TODAY, full=True)

        # Every table adds up to its unit on the page: the rows, plus the remainder row
        # ("Chưa thuộc đồn nào") where a commune counts in the unit but in none of the rows.
        for data in pages(world.users["national"]):
            for table in data.tables:
                for figure in data.figures:
                    if figure.indicator.ratio:
                        continue
                    code = figure.indicator.code
                    added = sum((row.value(code) or ZERO for row in table.all_rows), ZERO)
                    assert added == (figure.now or ZERO), (data.view, data.quarter, code)

        # No unit has figures in the quarter's own units outside its life.
        life = {
            level: dict(
                (pk, (start, end))
                for pk, start, end in model.objects.values_list("pk", "valid_from", "valid_until")
            )
            for level, model in [
                (UnitLevel.PROVINCE, Province),
                (UnitLevel.STATION, Station),
                (UnitLevel.COMMUNE, Commune),
            ]
        }
        period = IndicatorValue.objects.filter(view=View.PERIOD).exclude(level=UnitLevel.NATION)
        for level, pk, year, number in period.values_list("level", "unit_id", "year", "quarter"):
            start, end = life[level][pk]
            counted_to = min(Quarter(year, number).last_day, TODAY)
            assert start is None or start <= counted_to, (level, pk, year, number)
            assert end is None or end >= counted_to, (level, pk, year, number)

        # A record whose effect starts on day D leaves every quarter ended before D alone.
        before = snapshot()
        kind, which, day, length = later
        make(world, communes[which], kind, day, length)
        rebuild(today=TODAY, full=True)
        after = snapshot()
        ended = [key for key in before if Quarter(key[3], key[4]).last_day < day]
        ended += [key for key in after if Quarter(key[3], key[4]).last_day < day]
        assert [key for key in ended if before.get(key) != after.get(key)] == []
        transaction.set_rollback(True)
