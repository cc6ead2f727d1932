"""The figures are true (issue 19): units add up to their parent in every quarter and view,
no unit counts outside its life, and a write never moves a quarter that ended before it."""

import datetime
from decimal import Decimal

import pytest

from borderwork.indicators.models import IndicatorValue, Level, View
from borderwork.indicators.rebuild import rebuild
from borderwork.indicators.values import Quarter
from communes.forms import RegulationReviewForm
from communes.models import CoordinationRegulation, RegulationStatus
from tests.demo import demo_fixture

pytestmark = pytest.mark.django_db

demo = demo_fixture()
TODAY = datetime.date(2026, 12, 1)


def nation(column: str, view: str, year: int, quarter: int) -> Decimal | None:
    return (
        IndicatorValue.objects.filter(
            view=view, level=Level.NATION, unit_id=None, year=year, quarter=quarter
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
    held_on = datetime.date(2026, 11, 20)
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
