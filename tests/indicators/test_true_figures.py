"""The figures are true (issue 19): units add up to their parent in every quarter and view,
no unit counts outside its life, and a write never moves a quarter that ended before it."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from borderwork.indicators.catalogue import BY_CODE, CATALOGUE
from borderwork.indicators.figures import figures
from borderwork.indicators.models import IndicatorValue, UnitLevel, View
from borderwork.indicators.rebuild import rebuild
from borderwork.indicators.values import ZERO
from borderwork.periods import Quarter
from communes.forms import RegulationReviewForm
from communes.models import (
    Commune,
    CoordinationRegulation,
    Province,
    RegulationStatus,
    Station,
)
from tests.demo import TODAY as DEMO_NOW
from tests.demo import demo_fixture

pytestmark = pytest.mark.django_db

demo = demo_fixture()
TODAY = DEMO_NOW.date()  # the day the demo's modules travel to


def nation(column: str, view: str, year: int, quarter: int) -> Decimal | None:
    return (
        IndicatorValue.objects.filter(
            view=view, level=UnitLevel.NATION, unit_id=None, year=year, quarter=quarter
        )
        .values_list(column, flat=True)
        .get()
    )


def snapshot() -> dict[tuple, tuple]:
    """Every row of the snapshot by (view, level, unit, year, quarter)."""
    fields = [
        f.attname
        for f in IndicatorValue._meta.concrete_fields
        if f.attname not in {"id", "view", "level", "unit_id", "year", "quarter"}
    ]
    return {
        tuple(row[:5]): tuple(row[5:])
        for row in IndicatorValue.objects.values_list(
            "view", "level", "unit_id", "year", "quarter", *fields
        )
    }


MODELS = {UnitLevel.PROVINCE: Province, UnitLevel.STATION: Station, UnitLevel.COMMUNE: Commune}
STOCKS = ["collectives", "households", "landmarks", "models_recognised"]


def quarters_in_snapshot() -> list[Quarter]:
    return sorted({Quarter(y, n) for y, n in IndicatorValue.objects.values_list("year", "quarter")})


def every_page(user, quarters):
    """Every dashboard the national reviewer can open: each view, quarter and unit."""
    units = [(UnitLevel.NATION, None)]
    units += [(UnitLevel.PROVINCE, pk) for pk in Province.objects.values_list("pk", flat=True)]
    units += [(UnitLevel.STATION, pk) for pk in Station.objects.values_list("pk", flat=True)]
    for view in View.values:
        for quarter in quarters:
            for level, pk in units:
                data = figures(user, level, pk, view, quarter, table_indicators=CATALOGUE)
                if data.quarter == quarter:
                    yield data


def assert_tables_add_up(data) -> None:
    """Each count of the unit is the sum of each of its tables' rows, with no remainder."""
    where = (data.view, str(data.quarter), data.unit.level, data.unit.pk)
    for table in data.tables:
        assert table.remainder is None, (*where, table.level)
        for figure in data.figures:
            if figure.indicator.ratio or figure.indicator not in table.indicators:
                continue
            added = sum((row.value(figure.indicator.code) or ZERO for row in table.rows), ZERO)
            assert added == (figure.now or ZERO), (*where, table.level, figure.indicator.code)


def stocks(data, obj=None) -> list[Decimal]:
    if obj is None:
        return [next(f.now for f in data.figures if f.indicator.code == c) for c in STOCKS]
    row = next(row for table in data.tables for row in table.rows if row.obj == obj)
    return [row.value(code) for code in STOCKS]


def test_every_station_and_commune_table_adds_up_to_its_unit_in_every_quarter_and_view(demo):
    rebuild(today=TODAY, full=True)
    pages = list(every_page(demo["national"], quarters_in_snapshot()))

    assert len(pages) > 500
    for data in pages:
        assert_tables_add_up(data)


def test_merged_communes_stocks_count_at_their_successor_in_the_quarters_own_units(demo):
    rebuild(today=TODAY, full=True)
    user, q3 = demo["national"], Quarter(2025, 3)
    dong_nai = Province.objects.get(slug="dong-nai")
    loc_thanh = Station.objects.get(name__endswith="Lộc Thạnh")
    loc_tan = Commune.objects.get(name="Lộc Tấn", valid_until__isnull=True)

    period = figures(
        user, UnitLevel.PROVINCE, dong_nai.pk, View.PERIOD, q3, table_indicators=CATALOGUE
    )
    current = figures(
        user, UnitLevel.PROVINCE, dong_nai.pk, View.CURRENT, q3, table_indicators=CATALOGUE
    )
    assert stocks(period) == [29, 197, 38, 17]
    assert_tables_add_up(period)
    # The station of the merged communes reads in the quarter's own units as today.
    assert stocks(period, loc_thanh) == stocks(current, loc_thanh) == [4, 26, 7, 2]
    # The merged commune reads the same on its own page and in its province's table.
    own = figures(user, UnitLevel.COMMUNE, loc_tan.pk, View.PERIOD, q3, children=False)
    assert stocks(own) == stocks(period, loc_tan)
    assert stocks(own)[0] == 4


def test_an_ended_province_is_not_in_the_quarters_own_units_after_it_ended(demo):
    rebuild(today=TODAY, full=True)
    for slug in ["binh-phuoc", "quang-binh"]:
        province = Province.objects.get(slug=slug)
        data = figures(demo["national"], UnitLevel.PROVINCE, province.pk, View.PERIOD)
        assert max(data.quarters) == Quarter(2025, 2)
    nation = figures(demo["national"], view=View.PERIOD, quarter=Quarter(2026, 3))
    provinces = {row.obj.slug for row in nation.tables[0].rows}
    assert provinces.isdisjoint({"binh-phuoc", "quang-binh"})


def test_no_unit_has_figures_in_the_quarters_own_units_outside_its_life(demo):
    rebuild(today=TODAY, full=True)
    life = {
        level: {
            pk: (start, end)
            for pk, start, end in model.objects.values_list("pk", "valid_from", "valid_until")
        }
        for level, model in MODELS.items()
    }
    rows = IndicatorValue.objects.filter(view=View.PERIOD).exclude(level=UnitLevel.NATION)
    for level, pk, year, number in rows.values_list("level", "unit_id", "year", "quarter"):
        start, end = life[level][pk]
        counted_to = min(Quarter(year, number).last_day, TODAY)
        assert start is None or start <= counted_to, (level, pk, year, number)
        assert end is None or end >= counted_to, (level, pk, year, number)


def test_regulations_due_in_a_past_quarter_read_the_date_that_quarter_saw(demo):
    rebuild(today=TODAY, full=True)

    # Regulations of the merged communes were due 30/06/2026; three were reviewed only in
    # July to September, so they were due at the end of 2026Q2 (with five others overdue).
    for view in View.values:
        assert nation("regulations_due", view, 2026, 2) == 8


def test_recording_a_late_review_today_leaves_the_quarters_before_it_alone(demo):
    rebuild(today=TODAY, full=True)
    before, due_now = snapshot(), nation("regulations_due", View.CURRENT, 2026, 4)
    late = CoordinationRegulation.objects.filter(
        status=RegulationStatus.IN_FORCE,
        review_due=datetime.date(2026, 6, 30),
        reviews__isnull=True,
    ).first()
    assert late is not None
    held_on = datetime.date(2026, 11, 10)
    form = RegulationReviewForm(
        data={
            "regulation": late.pk,
            "kind": "interim",
            "held_on": held_on.strftime("%d/%m/%Y"),
            "summary": "Sơ kết muộn",
            "next_review_due": "30/06/2027",
        },
        user=demo["admin"],
    )
    assert form.is_valid(), form.errors
    review = form.save()
    late.refresh_from_db()
    assert late.review_due == datetime.date(2027, 6, 30)
    assert review.previous_due == datetime.date(2026, 6, 30)

    rebuild(today=TODAY, full=True)
    after = snapshot()

    ended = {key for key in before if Quarter(key[3], key[4]).last_day < held_on}
    assert {key for key in ended if before[key] != after.get(key)} == set()
    assert nation("regulations_due", View.CURRENT, 2026, 3) == 5
    assert nation("regulations_due", View.CURRENT, 2026, 4) == due_now - 1


def test_course_participants_count_at_the_commune_they_come_from(demo):
    rebuild(today=TODAY, full=True)
    tan_tien = Commune.objects.get(name="Tân Tiến")

    for view in View.values:
        row = IndicatorValue.objects.get(
            view=view, level=UnitLevel.COMMUNE, unit_id=tan_tien.pk, year=2025, quarter=2
        )
        assert row.course_participants == 10


def test_every_indicator_says_what_it_counts_stock_or_flow(demo):
    for indicator in CATALOGUE:
        text = indicator.definition_vi
        assert text and indicator.definition_en, indicator.code
        flow = text.startswith("Phát sinh trong quý")
        assert flow or "trong quý" not in text.split(".")[0], indicator.code
        if indicator.ratio:
            assert "bình quân" not in text.replace("không phải bình quân", ""), indicator.code
    assert "lũy kế" in BY_CODE["models_recognised"].name_vi.lower()
    assert BY_CODE["officers_reinforced"].unit_vi == "lượt"
    assert "năm phần" in BY_CODE["completeness"].definition_vi


def test_the_cards_cach_tinh_opens_the_catalogues_definition(client, demo):
    rebuild(today=TODAY, full=True)
    client.force_login(demo["commissar-bp"])

    html = client.get(reverse("indicators:home")).content.decode()

    for code in ["regulations_due", "poor_rate", "completeness"]:
        card = re.search(rf'data-testid="card-{code}">(.*?)</article>', html, re.S).group(1)
        assert "Cách tính" in card
        assert escape(BY_CODE[code].definition_vi) in card
