"""A province is named one way everywhere: its name at the time, with today's beside it where
they differ (`Province.name_and_today`), on the dashboard and its breadcrumbs, the commune hub
and the home page; the dashboard's breadcrumbs follow the way the reader came."""

import re
from html import unescape

import pytest
from django.urls import reverse

from borderwork.indicators.rebuild import rebuild
from communes.models import Commune, Province, Station
from tests.demo import demo_fixture

pytestmark = pytest.mark.django_db

demo = demo_fixture()
BP_NOW = "Bình Phước (nay thuộc Đồng Nai)"


@pytest.fixture(scope="module")
def built(demo, django_db_blocker):
    with django_db_blocker.unblock():
        rebuild(full=True)
    return demo


def page(client, user, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(response.content.decode())


def crumbs(html: str) -> list[str]:
    nav = re.search(r'<ol class="breadcrumb[^"]*">(.*?)</ol>', html, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li.*?</li>", nav, re.S)]


def test_a_merged_province_has_todays_name_beside_its_own(demo):
    binh_phuoc = Province.objects.get(slug="binh-phuoc")
    dong_nai = Province.objects.get(slug="dong-nai")

    assert binh_phuoc.name_and_today() == BP_NOW
    assert dong_nai.name_and_today() == "Đồng Nai"


def test_the_commune_hub_names_district_and_province_then_and_now(client, demo):
    commune = Commune.objects.filter(
        district__name="Bù Gia Mập", province__slug="binh-phuoc"
    ).first()

    html = page(client, demo["staff-bp"], reverse("communes:commune-detail", args=[commune.pk]))

    shown = re.search(r'data-testid="province">(.*?)</span>', html, re.S).group(1)
    assert shown == f"Bù Gia Mập · {BP_NOW}"


def test_the_home_page_names_each_communes_province_the_same_way(client, demo):
    html = page(client, demo["national"], reverse("home"))

    provinces = re.findall(r'data-testid="province">(.*?)</td>', html)
    assert BP_NOW in provinces
    assert "Quảng Bình (nay thuộc Quảng Trị)" in provinces
    assert "Đồng Nai" in provinces  # a commune formed by the 2025 merger
    assert "trước đây" not in html


def test_the_dashboard_of_a_merged_province_names_it_then_and_now(client, built):
    binh_phuoc = Province.objects.get(slug="binh-phuoc")
    url = reverse("indicators:unit", args=["province", binh_phuoc.pk]) + "?cach=period&quy=2025-2"

    html = page(client, built["national"], url)

    assert re.search(r'data-testid="unit">Bình Phước \(nay thuộc Đồng Nai\) <small', html)
    assert crumbs(html)[-1] == BP_NOW


def test_a_station_reached_directly_has_its_province_then_and_now_in_the_breadcrumbs(client, built):
    station = Station.objects.get(slug="don-loc-thanh")

    html = page(client, built["staff-bp"], reverse("indicators:unit", args=["station", station.pk]))

    assert crumbs(html) == ["Trang chủ", "Bảng chỉ tiêu", BP_NOW, str(station)]


def test_breadcrumbs_follow_the_way_from_todays_province_down_to_a_commune(client, built):
    user = built["commissar-bp"]
    home = page(client, user, reverse("indicators:home"))
    assert re.search(r'data-testid="unit">Đồng Nai <small', home)

    station = Station.objects.get(slug="don-loc-thanh")
    station_path = reverse("indicators:unit", args=["station", station.pk])
    station_url = re.search(rf'href="({re.escape(station_path)}\?[^"]*)"', home).group(1)
    assert "tu=province" in station_url
    at_station = page(client, user, station_url)
    assert crumbs(at_station) == ["Trang chủ", "Bảng chỉ tiêu", "Đồng Nai", str(station)]

    communes = reverse("indicators:unit", args=["commune", 999999]).split("999999")[0]
    commune_link = re.search(rf'href="({re.escape(communes)}\d+/\?[^"]*)"', at_station).group(1)
    at_commune = page(client, user, commune_link)
    assert crumbs(at_commune)[2:4] == ["Đồng Nai", str(station)]


def test_a_unit_the_reader_may_not_see_is_left_out_of_the_way_back(client, built):
    binh_phuoc = Province.objects.get(slug="binh-phuoc")
    station = Station.objects.filter(province__slug="quang-binh").first()
    url = reverse("indicators:unit", args=["station", station.pk])

    html = page(client, built["staff-qb"], f"{url}?tu=province:{binh_phuoc.pk}")

    assert "Bình Phước" not in " ".join(crumbs(html))
    assert crumbs(html)[2] == "Quảng Bình (nay thuộc Quảng Trị)"
