"""What needs doing: reviews due, terms ending, late reports, scoped, in a list and a count."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from borderwork.periods import Quarter
from borderwork.reminders import due
from borderwork.reports.models import Report, ReportLevel, State
from tests import factories

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def regulation(world, review_due, **kwargs):
    return factories.CoordinationRegulationFactory(
        station=world.station_bp, commune=world.merged, review_due=review_due, **kwargs
    )


def term(world, ended_on):
    officer = factories.OfficerFactory(station=world.station_bp)
    return factories.AssignmentFactory(officer=officer, commune=world.merged, ended_on=ended_on)


def station_report(world, quarter: Quarter, state=State.DRAFT):
    return Report.objects.create(
        level=ReportLevel.STATION,
        province=world.bp,
        station=world.station_bp,
        year=quarter.year,
        quarter=quarter.number,
        state=state,
        place="Bình Phước",
        created_by=world.users["station-bp"],
    )


def test_a_review_due_within_30_days_or_overdue_is_listed_and_a_later_one_is_not(world):
    today = timezone.localdate()
    overdue = regulation(world, today - 10 * DAY)
    in_30 = regulation(world, today + 30 * DAY)
    regulation(world, today + 31 * DAY)
    regulation(world, today - 5 * DAY, status="expired")

    listed = list(due.reviews_due(world.users["station-bp"], today))

    assert listed == [overdue, in_30]


def test_a_term_ending_within_90_days_is_listed_and_a_longer_or_open_one_is_not(world):
    today = timezone.localdate()
    ending = term(world, today + 90 * DAY)
    term(world, today + 91 * DAY)
    term(world, None)
    term(world, today - DAY)  # already over

    assert list(due.terms_ending(world.users["station-bp"], today)) == [ending]


def test_a_report_is_late_from_the_sixteenth_day_after_its_quarter():
    assert due.report_due_period(datetime.date(2026, 10, 15)) == Quarter(2026, 2)
    assert due.report_due_period(datetime.date(2026, 10, 16)) == Quarter(2026, 3)
    assert due.report_due_period(datetime.date(2027, 1, 16)) == Quarter(2026, 4)


def test_drafts_and_missing_reports_are_late_and_submitted_ones_are_not(world):
    today = datetime.date(2026, 10, 16)
    draft = station_report(world, Quarter(2026, 2))
    station_report(world, Quarter(2026, 1), state=State.SUBMITTED)
    station_report(world, Quarter(2026, 4))  # not ended yet: not late

    late, total = due.late_reports(world.users["station-bp"], today)

    assert [(item.report, item.period) for item in late] == [
        (draft, Quarter(2026, 2)),
        (None, Quarter(2026, 3)),  # the station has no report for the third quarter at all
    ]
    assert late[1].unit == world.station_bp
    assert late[1].due_on == datetime.date(2026, 10, 15)
    assert total == 2

    station_report(world, Quarter(2026, 3), state=State.SUBMITTED)
    _late, total = due.late_reports(world.users["station-bp"], today)
    assert total == 1


def test_province_staff_are_reminded_of_their_province_and_its_stations_not_another(world):
    today = datetime.date(2026, 10, 16)

    late, _total = due.late_reports(world.users["staff-qb"], today)

    units = {str(item.unit) for item in late}
    assert str(world.qt) in units and str(world.station_qb) in units
    assert not units & {str(world.dn), str(world.station_bp), str(world.station_bp_other)}


def test_station_staff_see_nothing_of_another_province(world):
    today = timezone.localdate()
    theirs = regulation(world, today)
    factories.CoordinationRegulationFactory(
        station=world.station_qb, commune=world.dan_hoa, review_due=today
    )

    found = due.reminders(world.users["station-bp"], today)

    assert found.reviews.items == [theirs]
    assert {str(item.unit) for item in found.reports.items} == {str(world.station_bp)}


def test_the_list_page_names_each_thing_to_do_with_its_date(client, world):
    today = timezone.localdate()
    overdue = regulation(world, today - 3 * DAY)
    ending = term(world, today + 20 * DAY)
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("reminders:list")).content.decode()

    reviews = page[page.index('data-testid="reminders-reviews"') :]
    assert overdue.number in reviews.split("</section>")[0]
    assert f"quá hạn từ {today - 3 * DAY:%d/%m/%Y}" in reviews
    terms = page[page.index('data-testid="reminders-terms"') :].split("</section>")[0]
    assert str(ending.officer) in terms and f"đến {ending.ended_on:%d/%m/%Y}" in terms
    reports = page[page.index('data-testid="reminders-reports"') :].split("</section>")[0]
    assert str(world.station_bp) in reports and "chưa lập" in reports


def test_the_menu_asks_for_its_count_after_the_page_and_the_count_is_cached(
    client, world, django_assert_num_queries, django_assert_max_num_queries
):
    today = timezone.localdate()
    regulation(world, today)
    term(world, today + DAY)
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("home")).content.decode()
    assert f'hx-get="{reverse("reminders:count")}"' in page

    # The first ask counts (one query per list, no rows read); the next ones read the cache.
    with django_assert_max_num_queries(12):
        badge = client.get(reverse("reminders:count")).content.decode()
    assert 'data-count="3"' in badge  # the review, the term and the station's missing report

    user = world.users["station-bp"]
    with django_assert_num_queries(0):
        assert due.count(user, today) == 3


def test_a_count_of_nothing_shows_no_badge(client, world):
    client.force_login(world.users["national"])
    # Every unit of the world submits its report: nothing late, and nothing else due.
    late, _total = due.late_reports(world.users["national"], timezone.localdate())
    for item in late:
        Report.objects.create(
            level=item.level,
            province=item.unit if item.level == ReportLevel.PROVINCE else item.unit.province,
            station=item.unit if item.level == ReportLevel.STATION else None,
            year=item.period.year,
            quarter=item.period.number,
            state=State.SUBMITTED,
            place="x",
            created_by=world.users["staff-bp"],
        )

    badge = client.get(reverse("reminders:count")).content.decode()

    assert "data-count" not in badge and "badge" not in badge


def test_a_commissar_lands_on_the_dashboard_with_the_reports_awaiting_him_on_top(client, world):
    commissar = world.users["commissar-station-bp"]
    awaiting = station_report(world, Quarter(2026, 2), state=State.SUBMITTED)
    client.force_login(commissar)

    response = client.get(reverse("landing"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("indicators:home")
    page = response.content.decode()
    # The list is asked right after the page, into a slot above everything else.
    top = page.index(f'hx-get="{reverse("reminders:awaiting")}"')
    assert top < page.index('data-testid="unit"')
    listed = client.get(reverse("reminders:awaiting")).content.decode()
    assert 'data-testid="awaiting-approval"' in listed
    assert reverse("reports:detail", args=[awaiting.pk]) in listed
    # Another unit's commissar has nothing awaiting him there.
    client.force_login(world.users["commissar-bp"])
    assert "awaiting-approval" not in client.get(reverse("reminders:awaiting")).content.decode()


def test_staff_land_on_the_home_page_and_see_no_approvals(client, world):
    station_report(world, Quarter(2026, 2), state=State.SUBMITTED)
    client.force_login(world.users["station-bp"])

    response = client.get(reverse("landing"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("home")
    assert 'data-testid="awaiting-approval"' not in response.content.decode()
    dashboard = client.get(reverse("indicators:home")).content.decode()
    assert reverse("reminders:awaiting") not in dashboard


def test_the_list_costs_the_same_queries_for_ten_times_the_records(
    client, world, django_assert_max_num_queries
):
    today = timezone.localdate()
    client.force_login(world.users["staff-bp"])
    for number in range(30):
        regulation(world, today + (number % 20) * DAY)
        term(world, today + (number % 80 + 1) * DAY)

    # Ten times the records, the same queries: one per list and one count per long list.
    with django_assert_max_num_queries(20):
        page = client.get(reverse("reminders:list")).content.decode()

    assert page.count("/QC-ĐBP</a>") == 30
    assert page.count("Nguyễn Văn") == 30
