"""Every indicator of the catalogue counted again, independently, with the ORM and Python on
the demo, and compared with the snapshot the rebuild wrote: numerator and denominator of each
commune, in the quarter's own units, in quarters before the 2025 merger and after it.

Written from each indicator's definition ("Cách tính"), not from `sources.py`: where a commune
ended, its records count at the commune it merged into, walked here through `merged_into`.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

import pytest

from borderwork.indicators.catalogue import CATALOGUE
from borderwork.indicators.models import IndicatorValue, UnitLevel, View
from borderwork.indicators.rebuild import rebuild
from borderwork.periods import Quarter
from cadres.models import (
    Assignment,
    AssignmentKind,
    CadreCandidate,
    CourseParticipant,
    PartyAdmission,
)
from communes.models import (
    Commune,
    CommuneProfile,
    CoordinationRegulation,
    PartyCell,
    RegulationReview,
)
from programmes.models import (
    Activity,
    GroupKind,
    MassMobilisationModel,
    OutputUnit,
    SelfManagementGroup,
    SupportRecord,
)
from tests.demo import demo_fixture

pytestmark = pytest.mark.django_db

demo = demo_fixture()
# Candidates are identified in the first quarters of the year in the demo.
QUARTERS = [Quarter(2025, 1), Quarter(2025, 2), Quarter(2025, 3), Quarter(2026, 1)]
Counts = dict[int, tuple[Decimal, Decimal | None]]


@pytest.fixture(scope="module")
def built(demo, django_db_blocker):
    with django_db_blocker.unblock():
        rebuild(full=True)


def snapshot(code: str, ratio: bool, quarter: Quarter) -> Counts:
    columns = ("unit_id", code, f"{code}_of") if ratio else ("unit_id", code)
    rows = IndicatorValue.objects.filter(
        view=View.PERIOD, level=UnitLevel.COMMUNE, year=quarter.year, quarter=quarter.number
    ).values_list(*columns)
    return _kept({row[0]: (row[1], row[2] if ratio else None) for row in rows})


def _kept(counts: dict) -> Counts:
    """Without the communes where there is nothing to count (a zero count, no denominator)."""
    kept = {}
    for unit, (numerator, denominator) in counts.items():
        numerator = Decimal(numerator or 0)
        denominator = None if denominator is None else Decimal(denominator)
        if numerator or denominator:
            kept[unit] = (numerator, denominator)
    return kept


# --- what a day and a commune mean, written again -------------------------------------------


def exists(commune: Commune, day: datetime.date) -> bool:
    return (commune.valid_from is None or commune.valid_from <= day) and (
        commune.valid_until is None or commune.valid_until >= day
    )


def serving(assignment, day: datetime.date) -> bool:
    return assignment.started_on <= day and (
        assignment.ended_on is None or assignment.ended_on >= day
    )


def during(day: datetime.date | None, quarter: Quarter) -> bool:
    return day is not None and quarter.first_day <= day <= quarter.last_day


class Places:
    """The commune a commune's records count at on a day: itself while it exists, then the one
    it merged into; None before it began."""

    def __init__(self) -> None:
        self.communes = {commune.pk: commune for commune in Commune.objects.all()}

    def on(self, pk: int, day: datetime.date) -> int | None:
        commune = self.communes[pk]
        while commune is not None:
            if commune.valid_from is not None and day < commune.valid_from:
                return None
            if commune.valid_until is None or day <= commune.valid_until:
                return commune.pk
            commune = self.communes.get(commune.merged_into_id)
        return None

    def existing_border(self, day: datetime.date) -> list[Commune]:
        return [c for c in self.communes.values() if c.is_border and exists(c, day)]


def added_up(pairs, places: Places, day: datetime.date) -> Counts:
    """Sum (commune, amount) at the commune each counts at on `day`."""
    total: dict[int, Decimal] = defaultdict(Decimal)
    for commune, amount in pairs:
        place = places.on(commune, day)
        if place is not None:
            total[place] += Decimal(amount)
    return _kept({place: (amount, None) for place, amount in total.items()})


# --- each indicator from its definition -----------------------------------------------------


def committee_officer(quarter: Quarter, places: Places) -> Counts:
    end = quarter.last_day
    with_officer = {
        a.commune_id
        for a in Assignment.objects.filter(kind=AssignmentKind.PARTY_COMMITTEE)
        if serving(a, end)
    }
    return _kept({c.pk: (int(c.pk in with_officer), 1) for c in places.existing_border(end)})


def seats(kind: str) -> Callable[[Quarter, Places], Counts]:
    """Officers in post at the quarter's end, once per commune."""

    def count(quarter: Quarter, places: Places) -> Counts:
        end = quarter.last_day
        seated = {
            (a.commune_id, a.officer_id)
            for a in Assignment.objects.filter(kind=kind, commune__isnull=False)
            if serving(a, end)
        }
        return added_up(((commune, 1) for commune, _officer in seated), places, end)

    return count


def cells_with_bg_member(quarter: Quarter, places: Places) -> Counts:
    end = quarter.last_day
    cells: dict[int, int] = defaultdict(int)
    for cell in PartyCell.objects.all():
        if (cell.founded_on is None or cell.founded_on <= end) and (
            cell.dissolved_on is None or cell.dissolved_on >= end
        ):
            cells[cell.commune_id] += 1
    with_member: dict[int, set] = defaultdict(set)
    for a in Assignment.objects.filter(kind=AssignmentKind.PARTY_CELL).select_related("party_cell"):
        if serving(a, end):
            with_member[a.party_cell.commune_id].add(a.party_cell_id)
    return _kept(
        {
            pk: (len(with_member[pk]), count)
            for pk, count in cells.items()
            if exists(places.communes[pk], end)
        }
    )


def regulations_in_force_at(end: datetime.date, places: Places) -> list:
    return [
        r
        for r in CoordinationRegulation.objects.all()
        if r.signed_on <= end
        and (r.expires_on is None or r.expires_on >= end)
        and exists(places.communes[r.commune_id], end)
    ]


def regulations_in_force(quarter: Quarter, places: Places) -> Counts:
    rows = regulations_in_force_at(quarter.last_day, places)
    return added_up(((r.commune_id, 1) for r in rows), places, quarter.last_day)


def regulations_due(quarter: Quarter, places: Places) -> Counts:
    """Due as the review date stood on the quarter's last day: a later review kept it."""
    end = quarter.last_day
    due = []
    for regulation in regulations_in_force_at(end, places):
        later = (
            RegulationReview.objects.filter(
                regulation=regulation, held_on__gt=end, previous_due__isnull=False
            )
            .order_by("held_on", "pk")
            .first()
        )
        then = later.previous_due if later else regulation.review_due
        if then is not None and then <= end:
            due.append((regulation.commune_id, 1))
    return added_up(due, places, end)


def dated(model, field: str) -> Callable[[Quarter, Places], Counts]:
    """Records dated within the quarter, at their commune."""

    def count(quarter: Quarter, places: Places) -> Counts:
        rows = [
            (row.commune_id, 1)
            for row in model.objects.all()
            if during(getattr(row, field), quarter)
        ]
        return added_up(rows, places, quarter.last_day)

    return count


def participants(minority_only: bool) -> Callable[[Quarter, Places], Counts]:
    """At the commune they come from, the host commune's when none is named."""

    def count(quarter: Quarter, places: Places) -> Counts:
        rows = []
        for p in CourseParticipant.objects.select_related("course", "ethnic_group"):
            if not during(p.course.started_on, quarter):
                continue
            if minority_only and not (p.ethnic_group and p.ethnic_group.is_minority):
                continue
            rows.append((p.commune_id or p.course.commune_id, 1))
        return added_up(rows, places, quarter.last_day)

    return count


def support(amount: Callable) -> Callable[[Quarter, Places], Counts]:
    def count(quarter: Quarter, places: Places) -> Counts:
        rows = [
            (s.commune_id, amount(s))
            for s in SupportRecord.objects.select_related("programme")
            if during(s.given_on, quarter)
        ]
        return added_up(rows, places, quarter.last_day)

    return count


def given(unit: str) -> Callable[[Quarter, Places], Counts]:
    return support(lambda s: s.quantity if s.programme.unit == unit else 0)


def groups_in_force(end: datetime.date):
    return [
        g
        for g in SelfManagementGroup.objects.prefetch_related("landmarks")
        if g.registered_on <= end and (g.ended_on is None or g.ended_on >= end)
    ]


def groups(kind: str) -> Callable[[Quarter, Places], Counts]:
    def count(quarter: Quarter, places: Places) -> Counts:
        rows = [(g.commune_id, 1) for g in groups_in_force(quarter.last_day) if g.kind == kind]
        return added_up(rows, places, quarter.last_day)

    return count


def landmarks(quarter: Quarter, places: Places) -> Counts:
    """Distinct landmarks the groups in force look after, per commune of the group."""
    looked_after: dict[int, set] = defaultdict(set)
    for g in groups_in_force(quarter.last_day):
        looked_after[g.commune_id].update(landmark.pk for landmark in g.landmarks.all())
    rows = [(commune, len(marks)) for commune, marks in looked_after.items()]
    return added_up(rows, places, quarter.last_day)


def models_recognised(quarter: Quarter, places: Places) -> Counts:
    """Cumulative: recognised by the quarter's year and started by its last day."""
    rows = [
        (m.commune_id, 1)
        for m in MassMobilisationModel.objects.all()
        if m.recognised_year is not None
        and m.recognised_year <= quarter.year
        and m.started_on <= quarter.last_day
    ]
    return added_up(rows, places, quarter.last_day)


def poor_rate(quarter: Quarter, places: Places) -> Counts:
    """Poor households over households, from the year's profiles of communes existing then."""
    end = quarter.last_day
    counts = {}
    for p in CommuneProfile.objects.filter(year=quarter.year, poor_household_rate__isnull=False):
        if exists(places.communes[p.commune_id], end):
            poor = Decimal(p.poor_household_rate) * p.households / 100
            counts[p.commune_id] = (poor.quantize(Decimal("0.0001")), Decimal(p.households))
    return _kept(counts)


def completeness(quarter: Quarter, places: Places) -> Counts:
    """Five parts per border commune existing at the quarter's end."""
    end = quarter.last_day
    counts = {}
    for c in places.existing_border(end):
        parts = [
            CommuneProfile.objects.filter(commune=c, year=quarter.year).exists(),
            any(during(s.given_on, quarter) for s in SupportRecord.objects.filter(commune=c)),
            any(during(a.held_on, quarter) for a in Activity.objects.filter(commune=c)),
            any(
                serving(a, end)
                for a in Assignment.objects.filter(commune=c, kind=AssignmentKind.PARTY_COMMITTEE)
            ),
            bool([r for r in regulations_in_force_at(end, places) if r.commune_id == c.pk]),
        ]
        counts[c.pk] = (sum(parts), 5)
    return _kept(counts)


BY_ORM: dict[str, Callable[[Quarter, Places], Counts]] = {
    "committee_officer": committee_officer,
    "officers_reinforced": seats(AssignmentKind.PARTY_COMMITTEE),
    "cells_with_bg_member": cells_with_bg_member,
    "council_delegates": seats(AssignmentKind.PEOPLES_COUNCIL),
    "front_members": seats(AssignmentKind.FATHERLAND_FRONT),
    "regulations_in_force": regulations_in_force,
    "regulations_due": regulations_due,
    "party_admissions": dated(PartyAdmission, "admitted_on"),
    "cadre_candidates": dated(CadreCandidate, "identified_on"),
    "course_participants": participants(minority_only=False),
    "course_minority": participants(minority_only=True),
    "houses": given(OutputUnit.HOUSES),
    "cows": given(OutputUnit.COWS),
    "goats": given(OutputUnit.GOATS),
    "children": given(OutputUnit.CHILDREN),
    "support_value": support(lambda s: s.value_vnd),
    "collectives": groups(GroupKind.COLLECTIVE),
    "households": groups(GroupKind.HOUSEHOLD),
    "landmarks": landmarks,
    "models_recognised": models_recognised,
    "poor_rate": poor_rate,
    "completeness": completeness,
}
# The indicators of this file: those of the catalogue when it was written (22). An indicator
# added since is checked by its own test; this list keeps the ids stable.
INDICATORS = [indicator for indicator in CATALOGUE if indicator.code in BY_ORM]


def test_every_indicator_written_here_is_still_in_the_catalogue():
    assert {indicator.code for indicator in INDICATORS} == set(BY_ORM)


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
@pytest.mark.parametrize("indicator", INDICATORS, ids=lambda indicator: indicator.code)
def test_the_snapshot_holds_what_the_records_say(built, indicator, quarter):
    expected = BY_ORM[indicator.code](quarter, Places())
    assert snapshot(indicator.code, indicator.ratio, quarter) == expected


@pytest.mark.parametrize("indicator", INDICATORS, ids=lambda indicator: indicator.code)
def test_the_demo_has_something_to_count(built, indicator):
    """An indicator zero everywhere would compare equal however wrong its query was."""
    counted = [BY_ORM[indicator.code](quarter, Places()) for quarter in QUARTERS]
    assert any(numerator for counts in counted for numerator, _denominator in counts.values()), (
        f"the demo gives {indicator.code} nothing to count"
    )
