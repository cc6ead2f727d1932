"""What each role sees on the dashboard: their unit's numbers, drill-down within their scope."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from borderwork.indicators.models import RebuildRun
from tests import factories
from tests.indicators.dashboard_world import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(world):
    return build(world)


def page(client, user, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def card(html: str, code: str) -> str:
    """The text of one indicator card, tags stripped."""
    match = re.search(rf'data-testid="card-{code}">(.*?)</article>', html, re.S)
    assert match, code
    text = re.sub(r"<figcaption>.*?</figcaption>|<svg.*?</svg>", " ", match.group(1), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def table_row(html: str, level: str, name: str) -> str:
    section = re.search(rf'data-testid="table-{level}"(.*?)</section>', html, re.S)
    assert section, level
    row = re.search(
        rf"<tr>\s*<th[^>]*><a [^>]*>{re.escape(name)}</a></th>(.*?)</tr>", section.group(1), re.S
    )
    assert row, name
    return " ".join(re.sub(r"<[^>]+>", " ", row.group(1)).split())


def test_station_staff_see_their_station_quarter_with_the_change_since_last_quarter(client, work):
    html = page(client, work.users["station-bp"], reverse("indicators:home"))

    assert "Đồn Biên phòng Lộc Thạnh" in html
    assert "Quý III/2025" in html
    houses = card(html, "houses")
    assert houses.startswith("Nhà tặng người nghèo 2 ")
    assert "So với quý trước +1 " in houses
    value = card(html, "support_value")
    assert "100.000.000 đ" in value
    assert "+60.000.000 đ" in value
    committee = card(html, "committee_officer")
    assert "100,0 %" in committee
    assert "Đạt mục tiêu" in committee
    assert "+100,0 điểm phần trăm" in committee


def test_station_staff_see_their_communes_with_a_status_colour(client, work):
    html = page(client, work.users["station-bp"], reverse("indicators:home"))

    row = table_row(html, "commune", str(work.merged))
    assert row.startswith("100,0 % (Đạt mục tiêu)")
    assert "bw-cell-good" in html
    assert str(work.loc_an) not in html  # another station's commune


def test_province_staff_see_todays_province_with_the_merged_one_inside(client, work):
    html = page(client, work.users["staff-bp"], reverse("indicators:home"))

    assert "Đồng Nai" in html
    assert "Bình Phước đã sáp nhập vào Đồng Nai" in html
    assert "Nhà tặng người nghèo 3 " in card(html, "houses")
    assert "160.000.000 đ" in card(html, "support_value")
    committee = card(html, "committee_officer")
    assert "50,0 %" in committee
    assert "Chưa đạt mục tiêu" in committee
    assert table_row(html, "station", "Đồn Biên phòng Hoa Lư").startswith("0,0 % (Chưa đạt")
    assert table_row(html, "commune", str(work.loc_an)).startswith("0,0 %")
    assert "Dân Hóa" not in html


def test_the_national_reviewer_sees_the_nation_and_every_todays_province(client, work):
    html = page(client, work.users["national"], reverse("indicators:home"))

    assert "Toàn quốc" in html
    assert "Nhà tặng người nghèo 6 " in card(html, "houses")
    assert "310.000.000 đ" in card(html, "support_value")
    assert "66,7 %" in card(html, "committee_officer")
    assert table_row(html, "province", "Quảng Trị").startswith("100,0 %")
    assert table_row(html, "province", "Đồng Nai").startswith("50,0 %")
    assert 'data-testid="table-province"' in html
    assert ">Bình Phước</a>" not in html  # merged: not one of today's provinces


def test_the_period_view_lists_the_communes_as_they_were_in_the_quarter(client, work):
    url = reverse("indicators:home") + "?cach=period&quy=2025-2"
    html = page(client, work.users["station-bp"], url)

    assert "Quý II/2025" in html
    assert table_row(html, "commune", str(work.loc_thanh))
    assert "Nhà tặng người nghèo 1 " in card(html, "houses")
    assert str(work.merged) not in re.search(
        r'data-testid="table-commune"(.*?)</section>', html, re.S
    ).group(1)


def test_drilling_down_from_the_province_reaches_a_station_and_a_commune(client, work):
    user = work.users["commissar-bp"]
    province = page(client, user, reverse("indicators:home"))
    station_url = reverse("indicators:unit", args=["station", work.station_bp.pk])
    assert station_url in province

    station = page(client, user, station_url + "?cach=current&quy=2025-3")
    commune_url = reverse("indicators:unit", args=["commune", work.merged.pk])
    assert commune_url in station
    assert "100.000.000 đ" in card(station, "support_value")

    commune = page(client, user, commune_url)
    assert str(work.merged) in commune
    assert "Nhà tặng người nghèo 2 " in card(commune, "houses")
    assert reverse("communes:commune-detail", args=[work.merged.pk]) in commune


def test_a_merged_commune_shows_its_successor_in_todays_units(client, work):
    url = reverse("indicators:unit", args=["commune", work.loc_thanh.pk])
    html = page(client, work.users["station-bp"], url)

    assert f"{work.loc_thanh} đã sáp nhập vào {work.merged}" in html
    period = page(client, work.users["station-bp"], url + "?cach=period&quy=2025-2")
    assert "Nhà tặng người nghèo 1 " in card(period, "houses")


@pytest.mark.parametrize(
    "url_name, unit",
    [
        ("unit", ("station", "station_bp_other")),
        ("unit", ("station", "station_qb")),
        ("unit", ("commune", "dan_hoa")),
        ("unit", ("commune", "loc_an")),
        ("unit", ("province", "qb")),
        ("nation", None),
    ],
)
def test_station_staff_cannot_open_another_units_dashboard(client, work, url_name, unit):
    args = [unit[0], getattr(work, unit[1]).pk] if unit else []
    client.force_login(work.users["station-bp"])

    assert client.get(reverse(f"indicators:{url_name}", args=args)).status_code == 404


def test_province_staff_cannot_open_another_provinces_station_or_its_export(client, work):
    client.force_login(work.users["staff-bp"])

    station = reverse("indicators:unit", args=["station", work.station_qb.pk])
    assert client.get(station).status_code == 404
    export = reverse("indicators:export", args=["station", work.station_qb.pk, "csv"])
    assert client.get(export).status_code == 404
    assert client.get(reverse("indicators:unit", args=["province", 99999])).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "?quy=abc&cach=zzz",
        "?quy=1999-9",
        "?quy=2031-1&cach=PERIOD",
        "?quy=%00&cach=%00",
        "?quy=2025-3-1&cach[]=current",
        "?quy=" + "9" * 400,
    ],
)
def test_a_dashboard_with_garbage_in_its_address_shows_the_defaults(client, work, query):
    html = page(client, work.users["commissar-bp"], reverse("indicators:home") + query)

    assert "Quý III/2025" in html
    assert 'value="current" selected' in html


def test_without_a_rebuild_the_page_says_so_and_offers_the_button(client, world):
    html = page(client, world.users["commissar-bp"], reverse("indicators:home"))

    assert "Chưa có lần tính chỉ tiêu nào hoàn thành" in html
    assert "Bảng chỉ tiêu chưa có số liệu của đơn vị này." in html
    assert 'data-testid="rebuild"' in html


def test_the_page_says_when_the_figures_were_computed(client, work):
    run = RebuildRun.objects.get()
    html = page(client, work.users["station-qb"], reverse("indicators:home"))

    local = run.finished_at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Ho_Chi_Minh"))
    assert f"Số liệu tính đến {local:%H:%M %d/%m/%Y}" in html
    assert 'data-testid="rebuild"' not in html  # station staff do not rebuild


def test_the_gap_list_names_what_needs_attention_today_in_the_unit(client, work):
    html = page(client, work.users["staff-bp"], reverse("indicators:home"))
    gaps = re.search(r'data-testid="gaps"(.*?)</section>', html, re.S).group(1)

    assert str(work.loc_an) in re.search(r'gap-committee"(.*?)</ul>', gaps, re.S).group(1)
    assert str(work.merged) not in gaps  # it has its officer
    assert "07/QC-LA" in gaps
    assert "quá hạn từ" in gaps
    assert "Hồ Văn Cường" not in gaps  # Quảng Bình's officer


def test_the_gap_list_shows_terms_ending_within_ninety_days(client, work):
    html = page(client, work.users["station-qb"], reverse("indicators:home"))
    terms = re.search(r'data-testid="gap-terms"(.*?)</ul>', html, re.S).group(1)

    assert "Hồ Văn Cường" in terms
    assert str(work.dan_hoa) not in re.search(r'gap-committee"(.*?)</ul>', html, re.S).group(1)


def test_the_term_list_runs_from_today_to_the_ninetieth_day(client, work):
    today = timezone.localdate()
    for name, days in (("Hôm Qua", -1), ("Hôm Nay", 0), ("Ngày Chín Mươi", 90), ("Ngày 91", 91)):
        factories.AssignmentFactory(
            officer=factories.OfficerFactory(station=work.station_qb, full_name=name),
            commune=work.dan_hoa,
            ended_on=today + datetime.timedelta(days=days),
        )

    html = page(client, work.users["station-qb"], reverse("indicators:home"))
    terms = re.search(r'data-testid="gap-terms"(.*?)</ul>', html, re.S).group(1)

    assert "Hôm Nay" in terms
    assert "Ngày Chín Mươi" in terms
    assert "Hôm Qua" not in terms
    assert "Ngày 91" not in terms


def test_the_chart_of_each_card_carries_its_numbers_as_text(client, work):
    html = page(client, work.users["station-bp"], reverse("indicators:home"))
    houses = re.search(r'data-testid="card-houses">(.*?)</article>', html, re.S).group(1)

    assert "<svg" in houses
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", houses, re.S).group(1)
    assert "II/25 1; III/25 2." in desc
    assert "<table" in houses


def test_in_the_period_view_a_province_commissar_reads_todays_province_with_the_old_inside(
    client, work
):
    home = reverse("indicators:home") + "?cach=period&quy=2025-2"
    html = page(client, work.users["commissar-bp"], home)

    assert re.search(r'data-testid="unit">Đồng Nai ', html)
    assert "số liệu gồm cả Bình Phước, mỗi quý theo đơn vị tại thời điểm đó" in html
    assert "Nhà tặng người nghèo 1 " in card(html, "houses")  # Lộc Thạnh's, then in Bình Phước
    assert table_row(html, "commune", str(work.loc_thanh))


def test_in_the_period_view_a_merged_province_ends_with_its_last_quarter(client, work):
    url = reverse("indicators:unit", args=["province", work.bp.pk]) + "?cach=period&quy=2025-3"
    html = page(client, work.users["commissar-bp"], url)

    # Bình Phước ended on 30/06/2025: its last quarter is II/2025, with Lộc Thạnh's house.
    assert re.search(r'data-testid="unit">Bình Phước ', html)
    assert "Quý III/2025" not in html
    assert "Nhà tặng người nghèo 1 " in card(html, "houses")
    assert "40.000.000 đ" in card(html, "support_value")
    assert table_row(html, "commune", str(work.loc_thanh))
    assert f">{work.merged}</a>" not in html


def test_in_the_period_view_a_province_left_in_a_merged_one_counts_there(client, work):
    url = reverse("indicators:unit", args=["province", work.dn.pk]) + "?cach=period&quy=2025-3"
    html = page(client, work.users["commissar-bp"], url)

    # Lộc An, a commune of Bình Phước that did not merge, counts in Đồng Nai from III/2025.
    assert "Nhà tặng người nghèo 3 " in card(html, "houses")
    assert "160.000.000 đ" in card(html, "support_value")
    assert "60.000.000" in table_row(html, "commune", str(work.loc_an))
