"""What needs attention today in a dashboard's unit, read live from the records.

Unlike the figures, gaps are about today: a commissar must see at once a commune that has
just lost its officer. Each list is one query, scoped by `visible_to(user)` and by the unit.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from borderwork.indicators.figures import Unit
from borderwork.indicators.models import UnitLevel
from cadres.models import Assignment, AssignmentKind
from communes.models import Commune, CoordinationRegulation, StationCoverage

REVIEW_WITHIN = datetime.timedelta(days=60)
TERM_WITHIN = datetime.timedelta(days=90)
LIMIT = 30


@dataclass
class GapList:
    items: list
    more: bool  # there are more than the list shows

    def __bool__(self) -> bool:
        return bool(self.items)


@dataclass
class Gaps:
    today: datetime.date
    no_committee_officer: GapList
    regulations_due: GapList
    terms_ending: GapList

    def __bool__(self) -> bool:
        return any((self.no_committee_officer, self.regulations_due, self.terms_ending))


def _communes_of(unit: Unit, today: datetime.date, path: str = "") -> Q:
    """Rows whose commune lies in the unit today ('' for communes themselves)."""
    prefix = f"{path}__" if path else ""
    pk = path or "pk"
    if unit.level == UnitLevel.NATION:
        return Q()
    if unit.level == UnitLevel.PROVINCE:
        return Q(**{f"{prefix}province__in": unit.family})
    if unit.level == UnitLevel.STATION:
        covered = StationCoverage.objects.filter(station__in=unit.family).on(today)
        return Q(**{f"{pk}__in": covered.values("commune_id")})
    return Q(**{f"{pk}__in": unit.family})


def _officers_of(unit: Unit, today: datetime.date) -> Q:
    """Assignments of the unit's officers (stations, province) or in the unit's communes."""
    if unit.level == UnitLevel.PROVINCE:
        return Q(officer__station__province__in=unit.family)
    if unit.level == UnitLevel.STATION:
        return Q(officer__station__in=unit.family)
    return _communes_of(unit, today, "commune")


def _listed(queryset, limit: int) -> GapList:
    items = list(queryset[: limit + 1])
    return GapList(items[:limit], len(items) > limit)


def gaps(user, unit: Unit, today: datetime.date | None = None, limit: int = LIMIT) -> Gaps:
    """Border communes without an officer on the committee, regulations due for review,
    assignment terms about to end: three queries."""
    today = today or timezone.localdate()
    # Whoever the officer is, the commune has one; the gap is about the commune.
    on_committee = Assignment.objects.current_on(today).filter(
        kind=AssignmentKind.PARTY_COMMITTEE, commune=OuterRef("pk")
    )
    communes = (
        Commune.objects.visible_to(user)
        .border()
        .existing_on(today)
        .filter(_communes_of(unit, today))
        .exclude(Exists(on_committee))
        .select_related("province")
        .order_by("province__name", "name")
    )
    regulations = (
        CoordinationRegulation.objects.visible_to(user)
        .in_force()
        .filter(review_due__isnull=False, review_due__lte=today + REVIEW_WITHIN)
        .filter(_communes_of(unit, today, "commune"))
        .select_related("commune")
        .order_by("review_due", "number")
    )
    terms = (
        Assignment.objects.visible_to(user)
        .current_on(today)
        # current_on() already keeps terms ending today or later; saying it as a range lets
        # the index on ended_on read just these 90 days (its "or no end" cannot).
        .filter(ended_on__gte=today, ended_on__lte=today + TERM_WITHIN)
        .filter(_officers_of(unit, today))
        .select_related("officer", "commune", "district")
        .order_by("ended_on", "pk")
    )
    return Gaps(today, _listed(communes, limit), _listed(regulations, limit), _listed(terms, limit))
