"""Quarters, half-years and years: their days, labels, and the choices record lists offer."""

import datetime
from unittest import mock

from django.utils import timezone, translation

from borderwork import periods
from borderwork.periods import HalfYear, Quarter, Year

# 18:00 UTC on 31 March is already 1 April in Hà Nội (UTC+7).
HANOI_FIRST_OF_APRIL = datetime.datetime(2026, 3, 31, 18, 0, tzinfo=datetime.UTC)


def test_a_quarter_knows_its_days_and_neighbours():
    quarter = Quarter(2025, 4)
    assert quarter.first_day == datetime.date(2025, 10, 1)
    assert quarter.end == datetime.date(2025, 12, 31)
    assert Quarter(2024, 1).end == datetime.date(2024, 3, 31)
    assert quarter.shift(1) == Quarter(2026, 1)
    assert quarter.shift(-4) == Quarter(2024, 4)
    assert Quarter.of(datetime.date(2025, 7, 1)) == Quarter(2025, 3)
    assert Quarter.parse("2025-3") == Quarter(2025, 3)
    assert Quarter.parse("2025-5") is None


def test_the_quarter_in_progress_ends_today():
    with mock.patch("django.utils.timezone.now", return_value=HANOI_FIRST_OF_APRIL):
        assert Quarter.today() == Quarter(2026, 2)
        assert Quarter(2026, 2).in_progress
        assert Quarter(2026, 2).last_day == datetime.date(2026, 4, 1)
        assert Quarter(2026, 1).last_day == datetime.date(2026, 3, 31)


def test_half_years_and_years_are_made_of_quarters():
    assert HalfYear.of(datetime.date(2025, 6, 30)) == HalfYear(2025, 1)
    assert HalfYear.of(datetime.date(2025, 7, 1)) == HalfYear(2025, 2)
    assert HalfYear(2025, 2).quarters == (Quarter(2025, 3), Quarter(2025, 4))
    assert (HalfYear(2025, 2).first_day, HalfYear(2025, 2).end) == (
        datetime.date(2025, 7, 1),
        datetime.date(2025, 12, 31),
    )
    assert Year(2025).quarters[-1] == Quarter(2025, 4)
    assert (Year(2025).first_day, Year(2025).end) == (
        datetime.date(2025, 1, 1),
        datetime.date(2025, 12, 31),
    )


def test_labels_are_written_in_vietnamese_and_translated():
    with translation.override("vi"):
        assert Quarter(2025, 3).label == "Quý III/2025"
        assert HalfYear(2025, 1).label == "6 tháng đầu năm 2025"
        assert Year(2025).label == "Năm 2025"
    with translation.override("en"):
        assert HalfYear(2025, 2).label == "Second half of 2025"


def test_list_choices_run_up_to_the_local_today_not_the_servers():
    # The server's clock (UTC) still says March; in Hà Nội the second quarter has begun.
    with mock.patch("django.utils.timezone.now", return_value=HANOI_FIRST_OF_APRIL):
        assert timezone.localdate() == datetime.date(2026, 4, 1)
        choices = [value for value, _label in periods.choices()]
    assert choices[:3] == ["2026", "2026-2", "2026-1"]
    assert choices[-1] == "2020-1"
    assert len(choices) == 7 * 1 + 2 + 6 * 4


def test_bounds_read_a_year_or_a_quarter_and_nothing_else():
    assert periods.bounds("2025") == (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert periods.bounds("2025-2") == (datetime.date(2025, 4, 1), datetime.date(2025, 6, 30))
    assert periods.bounds("2019") is None
    assert periods.bounds("2025-5") is None
    assert periods.bounds("nonsense") is None


def test_a_period_is_written_and_read_back_by_its_code():
    assert periods.parse_code("2025q2") == Quarter(2025, 2)
    assert periods.parse_code("2025H1") == HalfYear(2025, 1)
    assert periods.parse_code(" 2024 ") == Year(2024)
    for bad in ("2025Q5", "2025H3", "25", "2025-2", "", None, "２０２５"):
        assert periods.parse_code(bad) is None
    for period in (Quarter(2025, 2), HalfYear(2025, 1), Year(2024)):
        assert periods.parse_code(period.code) == period
        assert periods.period_from(period.kind, period.year, period.number) == period
    assert Year(2025).year_before() == Year(2024)
    assert HalfYear(2025, 1).year_before().quarters == (Quarter(2024, 1), Quarter(2024, 2))
