"""Every communes list costs the same few queries however many rows it shows."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communes.models import PartyCellRating, PartyCommitteeRating, RegulationReview
from tests import factories

pytestmark = pytest.mark.django_db

LISTS = [
    "commune",
    "profile",
    "committee",
    "cell",
    "committeerating",
    "cellrating",
    "regulation",
    "review",
    "directive",
]


def add_rows(world, count: int) -> None:
    for _n in range(count):
        commune = factories.CommuneFactory(
            province=world.dn, district=factories.DistrictFactory(province=world.dn)
        )
        factories.StationCoverageFactory(station=world.station_bp, commune=commune)
        factories.ProfileFactory(commune=commune)
        committee = factories.PartyCommitteeFactory(commune=commune)
        village = factories.VillageFactory(commune=commune)
        cell = factories.PartyCellFactory(commune=commune, village=village)
        PartyCommitteeRating.objects.create(committee=committee, year=2025, rating="good")
        PartyCellRating.objects.create(cell=cell, year=2025, rating="good")
        regulation = factories.CoordinationRegulationFactory(
            commune=commune, station=world.station_bp, review_due=datetime.date(2026, 1, 1)
        )
        RegulationReview.objects.create(regulation=regulation, held_on=datetime.date(2025, 12, 1))
        factories.DirectiveFactory(code=f"{commune.pk}-KH/TU")


def total_and_queries(client, url: str) -> tuple[int, int]:
    """The number of records the list says it holds, and the queries it took."""
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    total = re.search(r'data-testid="total">(\d+) hồ sơ', page)
    return int(total.group(1)), len(queries)


@pytest.mark.parametrize("name", LISTS)
def test_a_longer_list_needs_no_more_queries(client, world, name):
    client.force_login(world.users["station-bp"])
    url = reverse(f"communes:{name}-list")
    add_rows(world, 1)
    few_rows, few_queries = total_and_queries(client, url)

    add_rows(world, 4)
    many_rows, many_queries = total_and_queries(client, url)

    assert many_rows == few_rows + 4
    assert many_queries == few_queries
