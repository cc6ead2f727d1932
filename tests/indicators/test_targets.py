"""Yearly targets: Quảng Bình's staff set 2025's, its commissar approves them, and the
dashboard and the report show target, actual and the rate of completion."""

import re
from decimal import Decimal

import pytest
from django.db.models import Count
from django.urls import reverse

from borderwork.indicators.catalogue import BY_CODE
from borderwork.indicators.models import IndicatorValue, UnitLevel, View
from borderwork.indicators.progress import completion
from borderwork.indicators.rebuild import rebuild
from borderwork.indicators.targets import PlanState, Target, TargetPlan, stations_of
from borderwork.periods import Quarter
from borderwork.reports import workflow
from borderwork.reports.content import snapshot
from borderwork.reports.document import Document, render_context
from communes.models import Province, Station
from tests.demo import demo_fixture

pytestmark = pytest.mark.django_db

demo = demo_fixture()

Q2 = Quarter(2025, 2)
# The targets screen of a province with 9 stations; with 90 it may cost no more.
PAGE_QUERIES = 20
SAVE_QUERIES = 30


@pytest.fixture(scope="module")
def figures_built(demo, django_db_blocker):
    with django_db_blocker.unblock():
        rebuild()


@pytest.fixture
def qb(demo):
    return Province.objects.get(slug="quang-binh")


def plan_url(province, year=2025):
    return reverse("indicators:target-plan", args=[province.pk, year])


def grid(client, province, year=2025, page="", **values) -> dict:
    """The formset's POST: every row as the page shows it, with `values` set as
    {"<code>__<unit key>": "90"}."""
    html = client.get(plan_url(province, year) + page).content.decode()
    data = {
        name: value
        for name, value in re.findall(r'name="(t-[^"]+)"[^>]*?value="([^"]*)"', html)
        if "csrf" not in name
    }
    data.update(
        {name: value for value, name in re.findall(r'value="([^"]*)"[^>]*name="(t-[^"]+)"', html)}
    )
    codes = {
        value: name.split("-")[1] for name, value in data.items() if name.endswith("-indicator")
    }
    for key, value in values.items():
        code, unit = key.split("__")
        data[f"t-{codes[code]}-{unit}"] = value
    return data


def province_sum(province, codes_quarters) -> dict:
    """The snapshot's values of a province in the period view, read straight from the table."""
    rows = IndicatorValue.objects.filter(
        view=View.PERIOD, level=UnitLevel.PROVINCE, unit_id=province.pk, year=2025
    )
    return {(row.quarter, code): row.value(code) for row in rows for code in codes_quarters}


def test_staff_set_quang_binh_2025_and_the_commissar_approves_then_dashboard_and_report_agree(
    client, demo, qb, figures_built
):
    station = stations_of(qb, 2025)[0]
    client.force_login(demo["staff-qb"])
    data = grid(
        client,
        qb,
        committee_officer__u0="90",
        houses__u0="10",
        support_value__u0="500000000",
        **{f"houses__u{station.pk}": "2"},
    )
    response = client.post(plan_url(qb), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    plan = TargetPlan.objects.get(province=qb, year=2025)
    assert plan.state == PlanState.DRAFT
    stored = {(t.station_id, t.indicator): t.value for t in plan.targets.all()}
    assert stored == {
        (None, "committee_officer"): Decimal(90),
        (None, "houses"): Decimal(10),
        (None, "support_value"): Decimal(500000000),
        (station.pk, "houses"): Decimal(2),
    }
    # Not approved yet: the dashboard keeps the catalogue's default of 100 %.
    dashboard = reverse("indicators:unit", args=["province", qb.pk]) + "?cach=period&quy=2025-2"
    page = client.get(dashboard).content.decode()
    assert 'data-testid="plan-defaults"' in page

    client.force_login(demo["commissar-qb"])
    response = client.post(reverse("indicators:target-decide", args=[qb.pk, 2025, "approve"]))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.state == PlanState.APPROVED
    assert plan.approved_by == demo["commissar-qb"] and plan.approved_at is not None

    values = province_sum(qb, ["committee_officer", "houses", "support_value"])
    committee = values[(2, "committee_officer")]
    houses = (values.get((1, "houses")) or 0) + (values.get((2, "houses")) or 0)
    support = (values.get((1, "support_value")) or 0) + (values.get((2, "support_value")) or 0)
    assert houses > 0 and support > 0  # the demo gave houses in the first half of 2025

    response = client.get(dashboard)
    rows = {row.indicator.code: row for row in response.context["plan"]().rows}
    assert rows["committee_officer"].target == Decimal(90)
    assert rows["committee_officer"].actual == committee
    assert rows["houses"].target == Decimal(10)
    assert rows["houses"].actual == houses  # the first two quarters added up
    assert rows["houses"].rate == houses * 10  # houses / 10 × 100
    assert rows["support_value"].actual == support
    assert rows["cells_with_bg_member"].set_here is False  # the catalogue's 50 %
    assert rows["cells_with_bg_member"].target == Decimal(50)
    page = response.content.decode()
    houses_row = re.search(r'<tr data-indicator="houses">(.*?)</tr>', page, re.S).group(1)
    assert f"{houses * 10:.1f}%".replace(".", ",") in houses_row
    # The table of every indicator names the approved target, not the catalogue's 100 %.
    every = page[page.index('data-testid="all-indicators"') :]
    committee_row = re.search(r'<tr data-indicator="committee_officer">(.*?)</tr>', every, re.S)
    assert committee_row.group(1).rstrip().endswith("90,0 %</td>")

    # The station's dashboard reads the station's own target.
    client.force_login(demo["commissar-qb"])
    station_page = client.get(
        reverse("indicators:unit", args=["station", station.pk]) + "?cach=period&quy=2025-2"
    )
    station_rows = {row.indicator.code: row for row in station_page.context["plan"]().rows}
    assert station_rows["houses"].target == Decimal(2)

    # The report of the quarter has the table, with the same numbers.
    report = workflow.draft(demo["staff-qb"], "province", qb, Q2)
    figures = snapshot("province", qb.pk, Q2)
    document = Document(
        "province", qb, "", "Quảng Bình", Q2.end, report_texts(report), [], "", True
    )
    tables = [
        table
        for section in render_context(document, figures)["sections"]
        for part in section["parts"]
        for table in part["tables"]
    ]
    table = next(t for t in tables if "Thực hiện chỉ tiêu năm 2025" in t.caption)
    assert table.columns[3:] == ["Chỉ tiêu năm", "Thực hiện", "Tỷ lệ hoàn thành"]
    by_name = {row[1]: row for row in table.raw}
    house_row = by_name[BY_CODE["houses"].name_vi]
    assert house_row[3:] == [10.0, float(houses), float(houses * 10)]
    committee_row = by_name[BY_CODE["committee_officer"].name_vi]
    expected_rate = completion(BY_CODE["committee_officer"], Decimal(90), committee)
    assert committee_row[3] == 90.0
    assert committee_row[5] == float(expected_rate.quantize(Decimal("0.1")))
    assert BY_CODE["cells_with_bg_member"].name_vi + " (mặc định)" in by_name


def report_texts(report) -> dict:
    names = ("situation", "politics", "programmes", "borders", "shortcomings", "direction")
    return {name: getattr(report, name) for name in names}


def test_an_approved_plan_is_refused_to_its_staff_until_the_commissar_reopens_it(client, demo, qb):
    plan = TargetPlan.objects.create(province=qb, year=2024)
    Target.objects.create(plan=plan, year=2024, indicator="houses", value=5)
    plan.approve(demo["commissar-qb"])
    client.force_login(demo["staff-qb"])

    page = client.get(plan_url(qb, 2024)).content.decode()
    assert 'data-testid="approved"' in page and 'data-testid="save-targets"' not in page
    response = client.post(plan_url(qb, 2024), grid(client, qb, 2024, houses__u0="50"))
    assert response.status_code == 403
    assert Target.objects.get(plan=plan).value == 5

    client.force_login(demo["commissar-qb"])
    client.post(reverse("indicators:target-decide", args=[qb.pk, 2024, "reopen"]))
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT and plan.approved_by is None
    assert plan.history.filter(history_change_reason="approved").exists()

    client.force_login(demo["staff-qb"])
    response = client.post(plan_url(qb, 2024), grid(client, qb, 2024, houses__u0="50"))
    assert response.status_code == 302
    target = Target.objects.get(plan=plan)
    assert target.value == 50
    assert [h.value for h in target.history.order_by("history_date")] == [5, 50]


def test_a_target_for_binh_phuoc_after_its_merger_is_refused_naming_dong_nai(client, demo):
    bp = Province.objects.get(slug="binh-phuoc")
    client.force_login(demo["staff-bp"])

    page = client.get(plan_url(bp, 2026)).content.decode()
    assert "Bình Phước chỉ tồn tại đến 30/06/2025, sau đó sáp nhập vào Đồng Nai" in page
    assert 'data-testid="target-grid"' not in page
    response = client.post(plan_url(bp, 2026), {"t-TOTAL_FORMS": "0", "t-INITIAL_FORMS": "0"})
    assert response.status_code == 403
    assert not TargetPlan.objects.filter(province=bp, year=2026).exists()
    # 2025 is Bình Phước's own until 30 June: its plan lists its stations.
    assert 'data-testid="target-grid"' in client.get(plan_url(bp, 2025)).content.decode()


def test_stations_follow_their_province_into_the_merged_one_the_year_after(demo, qb):
    quang_tri = Province.objects.get(slug="quang-tri")
    qb_stations = set(Station.objects.filter(province=qb))
    assert set(stations_of(qb, 2025)) == qb_stations
    assert stations_of(quang_tri, 2025) == []
    assert set(stations_of(quang_tri, 2026)) == qb_stations


@pytest.mark.parametrize("username", ["station-qb", "commissar-qb", "national"])
def test_only_a_province_staff_sets_its_targets(client, demo, qb, username):
    client.force_login(demo[username])
    page = client.get(plan_url(qb)).content.decode()
    assert 'data-testid="save-targets"' not in page
    response = client.post(plan_url(qb), grid(client, qb, houses__u0="3"))
    assert response.status_code == 403
    assert not Target.objects.filter(plan__province=qb, plan__year=2025).exists()


def test_only_the_province_commissar_approves(client, demo, qb):
    plan = TargetPlan.objects.create(province=qb, year=2023)
    Target.objects.create(plan=plan, year=2023, indicator="houses", value=5)
    url = reverse("indicators:target-decide", args=[qb.pk, 2023, "approve"])
    for username, status in (("staff-qb", 403), ("commissar-bp", 404), ("station-qb", 403)):
        client.force_login(demo[username])
        assert client.post(url).status_code == status, username
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT


def test_a_rate_over_a_hundred_is_refused_next_to_its_cell(client, demo, qb):
    client.force_login(demo["staff-qb"])
    response = client.post(plan_url(qb, 2022), grid(client, qb, 2022, committee_officer__u0="120"))
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert not TargetPlan.objects.filter(province=qb, year=2022).exists()


def test_the_targets_screen_costs_the_same_queries_with_ten_times_the_stations(
    client, demo, qb, django_assert_max_num_queries
):
    client.force_login(demo["staff-qb"])

    def every_station(value: str, page: str = "", **values) -> dict:
        data = grid(client, qb, 2021, page, **values)
        row = next(name for name, code in data.items() if code == "houses")[: -len("indicator")]
        for name in [name for name in data if name.startswith(row) and name[len(row)] == "u"]:
            if name != f"{row}u0":
                data[name] = value
        return data

    assert client.post(plan_url(qb, 2021), every_station("1", houses__u0="7")).status_code == 302
    with django_assert_max_num_queries(PAGE_QUERIES) as page:
        client.get(plan_url(qb, 2021))
    data = every_station("2", houses__u0="8", goats__u0="3")  # changes and additions
    with django_assert_max_num_queries(SAVE_QUERIES) as save:
        assert client.post(plan_url(qb, 2021), data).status_code == 302

    # The captured queries are a live slice of the connection's log: count them now.
    page_queries, save_queries = len(page), len(save)
    stations = len(stations_of(qb, 2021))
    Station.objects.bulk_create(
        Station(name=f"Đồn thêm {n:02d}", slug=f"don-them-{n}", province=qb)
        for n in range(stations * 9)
    )
    assert len(stations_of(qb, 2021)) == stations * 10
    for url in (plan_url(qb, 2021), plan_url(qb, 2021) + "?trang=6"):
        with django_assert_max_num_queries(page_queries):
            html = client.get(url).content.decode()
        assert 15 <= html.count('name="t-0-u') <= 16, url  # a page of stations at a time
    data = every_station("3", houses__u0="9", cows__u0="4")
    with django_assert_max_num_queries(save_queries):
        assert client.post(plan_url(qb, 2021), data).status_code == 302
    data = every_station("4", "?trang=6")
    with django_assert_max_num_queries(save_queries):
        assert client.post(plan_url(qb, 2021) + "?trang=6", data).status_code == 302
    houses = dict(
        Target.objects.filter(plan__year=2021, plan__province=qb, indicator="houses")
        .values("value")
        .annotate(count=Count("pk"))
        .values_list("value", "count")
    )
    # Page 1: the province and 15 stations; page 6: the last 15; the rest as they were.
    assert houses == {Decimal(9): 1, Decimal(3): 15, Decimal(4): 15}


@pytest.mark.parametrize(
    "change",
    [
        {"t-TOTAL_FORMS": "abc"},
        {"t-TOTAL_FORMS": "99999"},
        {"t-0-indicator": "houses"},
        {"t-0-u0": "1e999"},
        {"t-3-u0": "NaN"},
        {"t-3-u0": "-5"},
        {"t-3-u0": "1.000.000,5"},
    ],
)
def test_garbage_to_the_targets_screen_is_refused_without_a_500(client, demo, qb, change):
    client.force_login(demo["staff-qb"])
    data = grid(client, qb, 2020)
    data.update(change)
    response = client.post(plan_url(qb, 2020) + "?trang=x", data)
    assert response.status_code == 200
    assert not Target.objects.filter(plan__province=qb, plan__year=2020).exists()
