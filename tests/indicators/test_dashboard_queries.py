"""Every dashboard page and export costs a fixed handful of queries, whatever the data."""

import re

import pytest
from django.urls import reverse

from tests.indicators.dashboard_world import build

pytestmark = pytest.mark.django_db

# 15, and the unit's yearly targets (read beside the cached figures: they change without a rebuild).
MAX_QUERIES = 16


@pytest.fixture
def tenfold(world):
    """Ten times the small world's communes and records, rebuilt."""
    return build(world, copies=10)


def urls(world) -> list[tuple[str, str]]:
    station = reverse("indicators:unit", args=["station", world.station_bp.pk])
    return [
        ("station-bp", reverse("indicators:home")),
        ("station-bp", reverse("indicators:unit", args=["province", world.bp.pk])),
        ("station-bp", reverse("indicators:unit", args=["commune", world.merged.pk])),
        ("staff-bp", reverse("indicators:home")),
        ("staff-bp", reverse("indicators:home") + "?cach=period&quy=2025-2"),
        ("commissar-bp", station),
        ("commissar-station-bp", reverse("indicators:home")),
        ("staff-qb", reverse("indicators:home")),
        ("national", reverse("indicators:home")),
        ("national", reverse("indicators:unit", args=["province", world.dn.pk])),
        ("national", station + "?cach=period"),
        ("admin", reverse("indicators:unit", args=["commune", world.loc_an.pk])),
        ("staff-bp", reverse("indicators:export-home", args=["csv"])),
        ("national", reverse("indicators:export-nation", args=["xlsx"])),
        (
            "commissar-bp",
            reverse("indicators:export", args=["station", world.station_bp.pk, "csv"]),
        ),
    ]


def test_every_dashboard_page_costs_at_most_sixteen_queries_at_ten_times_the_data(
    client, tenfold, django_assert_max_num_queries
):
    for username, url in urls(tenfold):
        client.force_login(tenfold.users[username])
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(url)
        assert response.status_code == 200, (username, url)


def test_ten_times_the_data_shows_ten_times_the_communes(client, tenfold):
    client.force_login(tenfold.users["staff-bp"])

    html = client.get(reverse("indicators:home")).content.decode()

    communes = re.search(r'data-testid="table-commune"(.*?)</section>', html, re.S).group(1)
    assert communes.count("Xã thêm ") == 9 * 2  # nine more in each of Bình Phước's stations
