"""The database itself refuses impossible commune records, whatever the form let through."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from communes.models import PartyCellRating, QualityRating
from tests import factories

pytestmark = pytest.mark.django_db


def refused(make) -> bool:
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


def test_a_commune_cannot_end_before_it_began():
    assert refused(
        lambda: factories.CommuneFactory(
            valid_from=datetime.date(2025, 7, 1), valid_until=datetime.date(2025, 6, 30)
        )
    )


def test_a_negative_border_length_is_refused():
    assert refused(lambda: factories.ProvinceFactory(border_length_km=Decimal("-1.000")))
    assert not refused(lambda: factories.ProvinceFactory(border_length_km=Decimal("258.939")))


def test_one_profile_per_commune_per_year():
    profile = factories.ProfileFactory(year=2025)

    assert refused(lambda: factories.ProfileFactory(commune=profile.commune, year=2025))
    assert not refused(lambda: factories.ProfileFactory(commune=profile.commune, year=2026))


def test_profile_figures_are_not_negative_and_rates_stay_within_100_percent():
    assert refused(lambda: factories.ProfileFactory(population=-5))
    assert refused(lambda: factories.ProfileFactory(poor_household_rate=Decimal("120")))
    assert not refused(lambda: factories.ProfileFactory(poor_household_rate=Decimal("12.5")))


def test_one_rating_per_cell_per_year():
    cell = factories.PartyCellFactory()
    PartyCellRating.objects.create(cell=cell, year=2025, rating=QualityRating.GOOD)

    assert refused(
        lambda: PartyCellRating.objects.create(cell=cell, year=2025, rating=QualityRating.EXCELLENT)
    )
    assert PartyCellRating.objects.get(cell=cell, year=2025).rating == QualityRating.GOOD


def test_a_station_covers_a_commune_for_a_period_in_order():
    assert refused(
        lambda: factories.StationCoverageFactory(
            valid_from=datetime.date(2025, 7, 1), valid_until=datetime.date(2024, 1, 1)
        )
    )
