"""Indicators computed again, independently, with the ORM on the demo, and compared with the
snapshot the rebuild wrote: each commune, in the quarter's own units, for two quarters."""

from decimal import Decimal

import pytest
from django.db.models import Q, Sum

from borderwork.indicators.models import IndicatorValue, UnitLevel, View
from borderwork.indicators.rebuild import rebuild
from borderwork.periods import Quarter
from cadres.models import CadreCandidate, PartyAdmission
from communes.models import Commune, CoordinationRegulation
from programmes.models import SupportRecord
from tests.demo import demo_fixture

pytestmark = pytest.mark.django_db

demo = demo_fixture()
QUARTERS = [Quarter(2025, 2), Quarter(2025, 3)]


@pytest.fixture(scope="module")
def built(demo, django_db_blocker):
    with django_db_blocker.unblock():
        rebuild(full=True)


def snapshot(code: str, quarter: Quarter) -> dict[int, Decimal]:
    rows = IndicatorValue.objects.filter(
        view=View.PERIOD, level=UnitLevel.COMMUNE, year=quarter.year, quarter=quarter.number
    ).values_list("unit_id", code)
    return {unit: Decimal(value) for unit, value in rows if value}


def during(quarter: Quarter, field: str) -> Q:
    return Q(**{f"{field}__range": (quarter.first_day, quarter.last_day)})


def per_commune(rows, value="pk", how=None) -> dict[int, Decimal]:
    from django.db.models import Count

    counted = rows.values("commune_id").annotate(n=how or Count(value))
    return {row["commune_id"]: Decimal(row["n"]) for row in counted if row["n"]}


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_party_admissions_are_the_admissions_dated_in_the_quarter(built, quarter):
    expected = per_commune(PartyAdmission.objects.filter(during(quarter, "admitted_on")))
    assert expected, "the demo admits someone in the quarter"
    assert snapshot("party_admissions", quarter) == expected


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_cadre_candidates_are_those_identified_in_the_quarter(built, quarter):
    expected = per_commune(CadreCandidate.objects.filter(during(quarter, "identified_on")))
    assert snapshot("cadre_candidates", quarter) == expected


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_support_value_is_the_value_given_in_the_quarter(built, quarter):
    rows = SupportRecord.objects.filter(during(quarter, "given_on"))
    expected = per_commune(rows, how=Sum("value_vnd"))
    assert expected, "the demo gives support in the quarter"
    assert snapshot("support_value", quarter) == expected


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_regulations_in_force_are_counted_at_the_quarters_end(built, quarter):
    end = quarter.last_day
    existing = Commune.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=end),
        Q(valid_until__isnull=True) | Q(valid_until__gte=end),
    )
    rows = CoordinationRegulation.objects.filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=end),
        signed_on__lte=end,
        commune__in=existing,
    )
    expected = per_commune(rows)
    assert expected, "the demo has regulations in force"
    assert snapshot("regulations_in_force", quarter) == expected
