"""What needs doing before it is late, for one user.

The in-app list, the count in the menu bar and the weekly e-mail read these functions alone:
reviews of coordination regulations due within 30 days (or overdue), officers' terms ending
within 90 days, reports not submitted 15 days after their period ended, and, for a commissar,
the reports awaiting his approval. Every query is scoped through `visible_to(user)` or the
report rules; each list is one query.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from borderwork.periods import Quarter
from borderwork.reports import rules
from borderwork.reports.models import PeriodKind, Report, ReportLevel, State
from cadres.models import Assignment
from communes.models import CoordinationRegulation, Province, Station

REVIEW_WITHIN = datetime.timedelta(days=30)
TERM_WITHIN = datetime.timedelta(days=90)
REPORT_GRACE = datetime.timedelta(days=15)
# A list shows this many; the count says how many there are in all.
LIMIT = 100
# The menu count is read on every page: computed once per scope and day, kept this long.
COUNT_SECONDS = 5 * 60


@dataclass(frozen=True)
class LateReport:
    """A unit's report for an ended period, not submitted in time: a draft, or none at all."""

    level: str
    unit: Province | Station
    period: Quarter
    report: Report | None

    @property
    def due_on(self) -> datetime.date:
        return self.period.end + REPORT_GRACE


@dataclass
class Section:
    items: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)


@dataclass
class Reminders:
    today: datetime.date
    awaiting: Section
    reviews: Section
    terms: Section
    reports: Section
    sections: tuple[str, ...] = field(default=("awaiting", "reviews", "terms", "reports"))

    @property
    def total(self) -> int:
        return sum(getattr(self, name).total for name in self.sections)

    def __bool__(self) -> bool:
        return self.total > 0


def reviews_due(user, today: datetime.date):
    """Regulations in force whose review is due within 30 days or is overdue."""
    return (
        CoordinationRegulation.objects.visible_to(user)
        .in_force()
        .filter(review_due__isnull=False, review_due__lte=today + REVIEW_WITHIN)
        .select_related("commune", "station")
        .order_by("review_due", "number", "pk")
    )


def terms_ending(user, today: datetime.date):
    """Assignments in progress whose term ends within 90 days."""
    return (
        Assignment.objects.visible_to(user)
        # A range on ended_on alone, so the index on it reads just these days.
        .filter(started_on__lte=today, ended_on__gte=today, ended_on__lte=today + TERM_WITHIN)
        .select_related("officer", "commune", "district")
        .order_by("ended_on", "pk")
    )


def report_due_period(today: datetime.date) -> Quarter:
    """The latest period whose report is late today: it ended more than 15 days ago."""
    return Quarter.of(today - REPORT_GRACE).shift(-1)


def _reporting_units(user) -> tuple[Q, Q, Q] | None:
    """(provinces, stations, reports) the user answers for: a station's people their station,
    a province's people their province family and its stations, national readers all."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.reads_everything:
        return Q(), Q(), Q()
    if user.station_id:
        return Q(pk__in=[]), Q(pk=user.station_id), Q(station_id=user.station_id)
    if user.province_id:
        family = user.province_family_ids()
        return Q(pk__in=family), Q(province__in=family), Q(province_id__in=family)
    return None


def _late_querysets(user, today: datetime.date):
    """(drafts, provinces, stations, period): the three queries behind `late_reports`."""
    units = _reporting_units(user)
    if units is None:
        return Report.objects.none(), Province.objects.none(), Station.objects.none(), None
    provinces_q, stations_q, reports_q = units
    due = report_due_period(today)
    # A draft is late once its period ended by `due`'s end: a quarter up to `due`, the first
    # half from the second quarter on, the year at its fourth.
    ended = Q(year__lt=due.year)
    drafts = (
        Report.objects.visible_to(user)
        .filter(reports_q, state=State.DRAFT)
        .filter(
            Q(kind=PeriodKind.QUARTER) & (ended | Q(year=due.year, quarter__lte=due.number))
            | Q(kind=PeriodKind.HALF) & (ended | Q(year=due.year) if due.number >= 2 else ended)
            | Q(kind=PeriodKind.YEAR) & (ended | Q(year=due.year) if due.number == 4 else ended)
        )
        .select_related("province", "station")
        .order_by("year", "quarter", "level", "pk")
    )
    of_due = Report.objects.filter(kind=PeriodKind.QUARTER, year=due.year, quarter=due.number)
    provinces = (
        Province.objects.existing_on(due.end)
        .filter(provinces_q)
        .exclude(Exists(of_due.filter(station__isnull=True, province=OuterRef("pk"))))
        .order_by("name", "pk")
    )
    stations = (
        Station.objects.existing_on(due.end)
        .filter(stations_q)
        .exclude(Exists(of_due.filter(station=OuterRef("pk"))))
        .select_related("province")
        .order_by("name", "pk")
    )
    return drafts, provinces, stations, due


def late_reports(user, today: datetime.date) -> tuple[list[LateReport], int]:
    """Reports not submitted 15 days after their period ended, and how many in all.

    Drafts of any ended period past the grace, and units existing at the end of the latest
    such period with no quarterly report for it. Drafts of a six-month or annual review are late
    once their period ended (`_late_querysets`).
    """
    drafts, provinces, stations, due = _late_querysets(user, today)
    found = [
        LateReport(report.level, report.unit, report.period, report) for report in drafts[:LIMIT]
    ]
    found += [LateReport(ReportLevel.PROVINCE, p, due, None) for p in provinces[:LIMIT]]
    found += [LateReport(ReportLevel.STATION, s, due, None) for s in stations[:LIMIT]]
    total = drafts.count() + provinces.count() + stations.count()
    return found[:LIMIT], total


def _section(queryset) -> Section:
    items = list(queryset[:LIMIT])
    return Section(items, len(items) if len(items) < LIMIT else queryset.count())


def reminders(user, today: datetime.date | None = None) -> Reminders:
    """Everything that needs doing for this user, as the list page and the e-mail show it."""
    today = today or timezone.localdate()
    late, late_total = late_reports(user, today)
    return Reminders(
        today=today,
        awaiting=_section(rules.awaiting(user).order_by("year", "quarter", "pk")),
        reviews=_section(reviews_due(user, today)),
        terms=_section(terms_ending(user, today)),
        reports=Section(late, late_total),
    )


def scope_key(user) -> str:
    """What decides a user's reminders: users alike in it share the menu count."""
    if user.reads_everything:
        return "all"
    return f"{user.role}-s{user.station_id or 0}-p{user.province_id or 0}"


def total(user, today: datetime.date) -> int:
    """How many things need doing: counts only, no rows read."""
    drafts, provinces, stations, _due = _late_querysets(user, today)
    querysets = (
        rules.awaiting(user),
        reviews_due(user, today),
        terms_ending(user, today),
        drafts,
        provinces,
        stations,
    )
    return sum(queryset.count() for queryset in querysets)


def count(user, today: datetime.date | None = None) -> int:
    """The menu bar's count, cached per scope and day for a few minutes."""
    today = today or timezone.localdate()
    key = f"reminders:count:{scope_key(user)}:{today.isoformat()}"
    found = cache.get(key)
    if found is None:
        found = total(user, today)
        cache.set(key, found, COUNT_SECONDS)
    return found
