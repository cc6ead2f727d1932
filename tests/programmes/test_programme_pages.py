"""The programmes list and a programme's page with what it gave, as far as the user may see."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from tests import factories

pytestmark = pytest.mark.django_db


def total(page: str, name: str) -> str:
    """The figure shown under one of the programme's totals."""
    return re.search(rf'data-testid="total-{name}">([^<]*)<', page).group(1)


@pytest.fixture
def cows(world):
    """Two gifts in Bình Phước's communes and one in Quảng Bình."""
    programme = factories.ProgrammeFactory()
    factories.SupportRecordFactory(
        programme=programme, commune=world.merged, station=world.station_bp, quantity=2
    )
    factories.SupportRecordFactory(
        programme=programme,
        commune=world.loc_thanh,
        station=world.station_bp,
        given_on="2025-03-01",
        value_vnd=20_000_000,
    )
    factories.SupportRecordFactory(
        programme=programme, commune=world.dan_hoa, station=world.station_qb, value_vnd=5_000_000
    )
    return programme


def test_everyone_reads_the_programmes_but_nobody_adds_one_here(client, world, cows):
    factories.ProgrammeFactory(name="Nâng bước em tới trường", slug="nang-buoc", kind="education")
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("programmes:programme-list")).content.decode()

    assert "Nuôi bò vì người nghèo nơi biên giới" in page and "Sinh kế" in page
    assert "Nâng bước em tới trường" in page and "Giáo dục" in page
    assert "Thêm mới" not in page
    with pytest.raises(NoReverseMatch):
        reverse("programmes:programme-create")


def test_a_programme_shows_what_it_gave_in_the_users_province_only(client, world, cows):
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("programmes:programme-detail", args=[cows.pk])).content.decode()

    assert total(page, "records") == "2"
    assert total(page, "quantity") == "3" and "con bò" in page  # in the programme's unit
    assert total(page, "value") == "38.000.000 đ"


def test_the_national_reviewer_sees_the_totals_of_every_province(client, world, cows):
    client.force_login(world.users["national"])

    page = client.get(reverse("programmes:programme-detail", args=[cows.pk])).content.decode()

    assert total(page, "records") == "3"
    assert total(page, "value") == "43.000.000 đ"
    assert "Ghi nhận hỗ trợ" not in page  # a reviewer only reads


def test_the_totals_cost_one_query_however_many_records_there_are(client, world, cows):
    client.force_login(world.users["national"])
    url = reverse("programmes:programme-detail", args=[cows.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _n in range(10):
        factories.SupportRecordFactory(
            programme=cows, commune=world.merged, station=world.station_bp
        )

    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()

    assert len(many.captured_queries) == len(few.captured_queries)
    assert total(page, "value") == "223.000.000 đ"


def test_support_is_recorded_from_the_programme_page(client, world, cows):
    client.force_login(world.users["station-bp"])
    detail = client.get(reverse("programmes:programme-detail", args=[cows.pk])).content.decode()
    add_link = f"{reverse('programmes:support-create')}?programme={cows.pk}"
    assert add_link in detail

    form = client.get(add_link).content.decode()

    assert f'<option value="{cows.pk}" selected>' in form
