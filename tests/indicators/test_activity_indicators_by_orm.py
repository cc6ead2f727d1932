"""Issue 16's indicators (every recorded activity) computed again, independently, with the ORM
on the demo, and compared with the snapshot the rebuild wrote: each commune, in the quarter's
own units, before the 2025 merger, after it, and in a quarter of the current year."""

import re
from collections import Counter
from decimal import Decimal
from html import unescape

import pytest
from django.db.models import Q
from django.urls import reverse

from borderwork.indicators.catalogue import BY_CODE
from borderwork.indicators.models import IndicatorValue, UnitLevel, View
from borderwork.indicators.rebuild import rebuild
from borderwork.periods import Quarter
from borderwork.reports import document, workflow
from cadres.models import Assignment, AssignmentKind, Petition, PetitionStatus
from communes.models import (
    Commune,
    PartyCellRating,
    PartyCommitteeRating,
    Province,
    QualityRating,
)
from programmes.models import (
    Activity,
    ActivityKind,
    FollowUpStatus,
    GroupKind,
    ProgrammeKind,
    SelfManagementGroup,
    SupportFollowUp,
    SupportRecord,
)
from tests.demo import demo_fixture

pytestmark = pytest.mark.django_db

demo = demo_fixture()
QUARTERS = [Quarter(2024, 4), Quarter(2025, 2), Quarter(2025, 3), Quarter(2026, 2)]
GOOD = [QualityRating.EXCELLENT, QualityRating.GOOD]
UNIONS = [AssignmentKind.YOUTH_UNION, AssignmentKind.WOMENS_UNION, AssignmentKind.VETERANS]


@pytest.fixture(scope="module")
def built(demo, django_db_blocker):
    with django_db_blocker.unblock():
        rebuild(full=True)


def snapshot(code: str, quarter: Quarter) -> dict[int, Decimal]:
    rows = IndicatorValue.objects.filter(
        view=View.PERIOD, level=UnitLevel.COMMUNE, year=quarter.year, quarter=quarter.number
    ).values_list("unit_id", code)
    return {unit: Decimal(value) for unit, value in rows if value}


def snapshot_ratio(code: str, quarter: Quarter) -> dict[int, tuple[Decimal, Decimal]]:
    rows = IndicatorValue.objects.filter(
        view=View.PERIOD, level=UnitLevel.COMMUNE, year=quarter.year, quarter=quarter.number
    ).values_list("unit_id", code, f"{code}_of")
    return {unit: (Decimal(n), Decimal(d)) for unit, n, d in rows if d}


def where_it_counts(quarter: Quarter):
    """A commune's place at the quarter's end: itself, or the commune it merged into then."""
    communes = {
        pk: (merged, until)
        for pk, merged, until in Commune.objects.values_list("pk", "merged_into_id", "valid_until")
    }

    def place(pk: int) -> int:
        merged, until = communes[pk]
        while until is not None and until < quarter.last_day and merged is not None:
            pk = merged
            merged, until = communes[pk]
        return pk

    return place


def add_up(pairs, quarter: Quarter) -> dict[int, Decimal]:
    """(commune, amount) pairs summed where each commune counts; zeros left out."""
    place, totals = where_it_counts(quarter), Counter()
    for commune, amount in pairs:
        if commune is not None:
            totals[place(commune)] += amount
    return {pk: Decimal(n) for pk, n in totals.items() if n}


def during(quarter: Quarter, field: str) -> Q:
    return Q(**{f"{field}__range": (quarter.first_day, quarter.last_day)})


def in_force(quarter: Quarter, start: str, end: str) -> Q:
    day = quarter.last_day
    return Q(**{f"{start}__lte": day}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": day}))


def existing(quarter: Quarter, path: str) -> Q:
    day = quarter.last_day
    return (Q(**{f"{path}valid_from__isnull": True}) | Q(**{f"{path}valid_from__lte": day})) & (
        Q(**{f"{path}valid_until__isnull": True}) | Q(**{f"{path}valid_until__gte": day})
    )


def test_the_demo_has_every_new_activity_to_count(built):
    assert Petition.objects.filter(status=PetitionStatus.RESOLVED).exists()
    assert SupportRecord.objects.filter(programme__kind=ProgrammeKind.SCHOLARSHIP).count() > 20
    assert SupportRecord.objects.filter(programme__sponsorship=True).exists()
    assert SupportFollowUp.objects.filter(
        status=FollowUpStatus.ENDED, record__programme__sponsorship=True
    ).exists()
    assert SelfManagementGroup.objects.filter(kind=GroupKind.SECURITY_TEAM).exists()
    assert Assignment.objects.filter(kind__in=UNIONS).exists()


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_petitions_received_are_counted_at_the_delegates_commune(built, quarter):
    rows = Petition.objects.filter(during(quarter, "received_on"))
    expected = add_up(((p, 1) for p in rows.values_list("assignment__commune", flat=True)), quarter)
    assert expected, "the demo's delegates take up petitions in the quarter"
    assert snapshot("petitions_received", quarter) == expected


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_petitions_resolved_are_those_resolved_or_answered_in_the_quarter(built, quarter):
    rows = Petition.objects.filter(
        during(quarter, "resolved_on"),
        status__in=[PetitionStatus.RESOLVED, PetitionStatus.EXPLAINED],
    )
    expected = add_up(((p, 1) for p in rows.values_list("assignment__commune", flat=True)), quarter)
    assert snapshot("petitions_resolved", quarter) == expected


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_union_members_are_the_union_seats_at_the_quarters_end(built, quarter):
    rows = (
        Assignment.objects.filter(kind__in=UNIONS, commune__isnull=False)
        .filter(in_force(quarter, "started_on", "ended_on"))
        .values_list("commune", "kind", "officer")
        .distinct()
    )
    expected = add_up(((commune, 1) for commune, _kind, _officer in rows), quarter)
    assert expected, "the demo's officers take part in the unions"
    assert snapshot("union_members", quarter) == expected


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("security_teams", GroupKind.SECURITY_TEAM),
        ("reconciliation_teams", GroupKind.RECONCILIATION_TEAM),
    ],
)
def test_teams_are_those_active_at_the_quarters_end(built, quarter, code, kind):
    rows = SelfManagementGroup.objects.filter(kind=kind).filter(
        in_force(quarter, "registered_on", "ended_on")
    )
    expected = add_up(((c, 1) for c in rows.values_list("commune", flat=True)), quarter)
    assert expected, "the demo has teams"
    assert snapshot(code, quarter) == expected


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_self_management_counts_no_security_or_reconciliation_team(built, quarter):
    active = SelfManagementGroup.objects.filter(in_force(quarter, "registered_on", "ended_on"))
    assert active.filter(kind=GroupKind.SECURITY_TEAM).exists()
    for code, kind in (("collectives", GroupKind.COLLECTIVE), ("households", GroupKind.HOUSEHOLD)):
        rows = active.filter(kind=kind).values_list("commune", flat=True)
        assert snapshot(code, quarter) == add_up(((c, 1) for c in rows), quarter)


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
@pytest.mark.parametrize(
    ("code", "field", "kinds"),
    [
        ("propaganda_sessions", "sessions", [ActivityKind.PROPAGANDA]),
        ("propaganda_attendees", "attendees", [ActivityKind.PROPAGANDA]),
        ("prestigious_people", "prestigious_people", list(ActivityKind)),
    ],
)
def test_activities_add_up_what_was_held_in_the_quarter(built, quarter, code, field, kinds):
    rows = Activity.objects.filter(during(quarter, "held_on"), kind__in=kinds)
    expected = add_up(rows.values_list("commune", field), quarter)
    assert expected, "the demo holds activities every quarter"
    assert snapshot(code, quarter) == expected


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_committees_good_is_the_years_good_ratings_over_those_rated(built, quarter):
    rows = PartyCommitteeRating.objects.filter(year=quarter.year).filter(
        existing(quarter, "committee__commune__")
    )
    expected: dict[int, tuple[Decimal, Decimal]] = {}
    for commune, rating in rows.values_list("committee__commune", "rating"):
        good, rated = expected.get(commune, (Decimal(0), Decimal(0)))
        expected[commune] = (good + (rating in GOOD), rated + 1)
    assert snapshot_ratio("committees_good", quarter) == expected


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_cells_good_is_the_years_good_ratings_of_cells_existing_then(built, quarter):
    rows = (
        PartyCellRating.objects.filter(year=quarter.year)
        .filter(existing(quarter, "cell__commune__"))
        .filter(Q(cell__founded_on__isnull=True) | Q(cell__founded_on__lte=quarter.last_day))
        .filter(Q(cell__dissolved_on__isnull=True) | Q(cell__dissolved_on__gte=quarter.last_day))
    )
    expected: dict[int, tuple[Decimal, Decimal]] = {}
    for commune, rating in rows.values_list("cell__commune", "rating"):
        good, rated = expected.get(commune, (Decimal(0), Decimal(0)))
        expected[commune] = (good + (rating in GOOD), rated + 1)
    assert snapshot_ratio("cells_good", quarter) == expected


def test_ratings_are_counted_in_a_year_the_demo_rated(built):
    assert snapshot_ratio("committees_good", Quarter(2024, 4))
    assert snapshot_ratio("cells_good", Quarter(2024, 4))


@pytest.mark.parametrize("quarter", QUARTERS, ids=str)
def test_children_sponsored_are_those_taken_in_and_not_ended_by_the_quarters_end(built, quarter):
    day = quarter.last_day
    ended = SupportFollowUp.objects.filter(status=FollowUpStatus.ENDED, checked_on__lte=day)
    rows = SupportRecord.objects.filter(programme__sponsorship=True, given_on__lte=day).exclude(
        pk__in=ended.values("record")
    )
    expected = add_up(rows.values_list("commune", "quantity"), quarter)
    assert expected, "the demo's stations sponsor children"
    assert snapshot("children_sponsored", quarter) == expected
    # A stock, not the quarter's new records (the demo's first quarter has only those).
    if quarter == QUARTERS[0]:
        return
    given = SupportRecord.objects.filter(programme__sponsorship=True).filter(
        during(quarter, "given_on")
    )
    assert sum(expected.values()) > sum(given.values_list("quantity", flat=True))


@pytest.mark.parametrize("quarter", [Quarter(2025, 1), Quarter(2025, 3), Quarter(2026, 3)], ids=str)
def test_scholarships_are_the_grants_given_in_the_quarter(built, quarter):
    rows = SupportRecord.objects.filter(
        during(quarter, "given_on"), programme__kind=ProgrammeKind.SCHOLARSHIP
    )
    expected = add_up(rows.values_list("commune", "quantity"), quarter)
    assert expected, "the demo gives scholarships at the school year's start and before Tết"
    assert snapshot("scholarships", quarter) == expected


NEW_CODES = [
    "petitions_received",
    "petitions_resolved",
    "union_members",
    "security_teams",
    "reconciliation_teams",
    "propaganda_sessions",
    "propaganda_attendees",
    "prestigious_people",
    "committees_good",
    "cells_good",
    "children_sponsored",
    "scholarships",
]


def test_the_dashboard_lists_each_new_indicator_with_what_it_counts(client, built, demo):
    client.force_login(demo["commissar-qb"])

    html = unescape(client.get(reverse("indicators:home")).content.decode())

    for code in NEW_CODES:
        row = re.search(rf'<tr data-indicator="{code}">(.*?)</tr>', html, re.S).group(1)
        assert BY_CODE[code].name_vi in row
        assert "Cách tính" in row and BY_CODE[code].definition_vi in row


def test_the_quarterly_report_has_the_new_indicators_in_their_tables(built, demo):
    quang_binh = Province.objects.get(slug="quang-binh")
    report = workflow.draft(demo["staff-qb"], "province", quang_binh, Quarter(2025, 2))

    context = workflow.render_context(report)

    tables = {
        table.caption.split(". ", 1)[1]: [row[0] for row in table.rows]
        for section in context["sections"]
        for part in section["parts"]
        for table in part["tables"]
    }
    politics = tables["Đoàn thể, kiến nghị cử tri, xếp loại tổ chức đảng"]
    assert politics == [BY_CODE[code].name_vi for code in document.POLITICS_MORE]
    teams = tables["Tổ bảo vệ an ninh, trật tự và tổ hòa giải ở cơ sở"]
    assert teams == [BY_CODE[code].name_vi for code in document.TEAMS]
    assert (
        "Tổ bảo vệ an ninh, trật tự" not in tables["Các chỉ tiêu tự quản đường biên, mốc quốc giới"]
    )
    more = tables["Nhận đỡ đầu, hỗ trợ học tập, tuyên truyền, vận động"]
    assert more == [BY_CODE[code].name_vi for code in document.MOBILISATION]

    # Figures frozen before these indicators existed leave their tables out.
    data = workflow.figures_of(report)
    for code in NEW_CODES:
        del data["indicators"][code]
    older = document.render_context(workflow.document_of(report), data)
    captions = [t.caption for s in older["sections"] for p in s["parts"] for t in p["tables"]]
    assert not any("kiến nghị cử tri" in caption for caption in captions)
