"""The dashboard's figures are computed once per snapshot and scope, and dropped by a rebuild."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from borderwork.indicators.rebuild import rebuild
from communes.models import CoordinationRegulation
from tests import factories
from tests.indicators.dashboard_world import TODAY, build, houses
from tests.indicators.test_dashboard import card

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(world):
    return build(world)


def visit(client, user, url: str) -> tuple[str, int]:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_a_second_visit_reads_the_figures_from_the_cache(client, work):
    url = reverse("indicators:home") + "?quy=2025-3"
    first, cold = visit(client, work.users["staff-bp"], url)
    again, warm = visit(client, work.users["staff-bp"], url)

    assert warm < cold
    assert card(again, "houses") == card(first, "houses")


def test_a_second_visit_renders_the_figures_from_the_cache_too(client, work):
    """Rendering the cards, tables and gaps was most of a national page's time (issue 14)."""
    url = reverse("indicators:home") + "?quy=2025-3"
    client.force_login(work.users["staff-bp"])
    first = client.get(url)
    again = client.get(url)

    rendered = [template.name for template in again.templates]
    assert "indicators/_card.html" in [template.name for template in first.templates]
    assert "indicators/_card.html" not in rendered
    assert "indicators/_units_table.html" not in rendered
    assert card(again.content.decode(), "houses") == card(first.content.decode(), "houses")
    assert again.content.decode().count('data-testid="table-') == first.content.decode().count(
        'data-testid="table-'
    )
    # What is the user's own stays outside: the rebuild button's CSRF field.
    assert 'name="csrfmiddlewaretoken"' in again.content.decode()


def test_another_user_of_the_same_unit_shares_them_and_another_unit_does_not(client, work):
    url = reverse("indicators:home") + "?quy=2025-3"
    _html, cold = visit(client, work.users["station-bp"], url)
    other = factories.UserFactory(
        username="station-bp-2",
        role=work.users["station-bp"].role,
        station=work.users["station-bp"].station,
    )
    _html, shared = visit(client, other, url)
    qb, _queries = visit(client, work.users["station-qb"], url)

    assert shared < cold
    assert "Lộc Thạnh" not in qb


def test_a_finished_rebuild_drops_the_cached_figures(client, work, world):
    url = reverse("indicators:home") + "?quy=2025-3"
    before, _queries = visit(client, work.users["station-bp"], url)
    given = card(before, "houses")
    assert given.startswith("Nhà tặng người nghèo 2 ")
    houses(world, world.merged, world.station_bp, datetime.date(2025, 8, 2), 1, 50_000_000)
    cached, _queries = visit(client, work.users["station-bp"], url)
    assert card(cached, "houses") == given  # the snapshot has not changed yet

    rebuild(today=TODAY)
    after, _queries = visit(client, work.users["station-bp"], url)

    assert card(after, "houses").startswith("Nhà tặng người nghèo 3 ")


def committee_gaps(html: str) -> str:
    return re.search(r'data-testid="gap-committee"(.*?)</ul>', html, re.S).group(1)


def test_the_gap_lists_are_read_live_while_the_cards_wait_for_the_next_rebuild(client, work, world):
    url = reverse("indicators:home") + "?quy=2025-3"
    before, _queries = visit(client, work.users["staff-bp"], url)
    assert str(work.loc_an) in committee_gaps(before)
    committee = card(before, "committee_officer")

    factories.AssignmentFactory(
        officer=factories.OfficerFactory(station=world.station_bp_other),
        commune=work.loc_an,
        started_on=datetime.date(2025, 7, 1),
    )
    after, _queries = visit(client, work.users["staff-bp"], url)

    assert str(work.loc_an) not in committee_gaps(after)
    assert card(after, "committee_officer") == committee  # the snapshot's, as the page says
    assert "Mục “Cần xử lý” đọc trực tiếp từ hồ sơ hiện tại." in after


def test_a_warm_visit_reads_neither_the_figures_nor_the_gaps(client, work):
    """Issue 14's throughput: once rendered, the page reads the session, the user and the runs,
    and unpickles no figures; the gaps are read again only after a write."""
    url = reverse("indicators:home") + "?quy=2025-3"
    client.force_login(work.users["staff-bp"])
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)

    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert len(queries) <= 3, tables
    assert "cadres_assignment" not in tables and "communes_coordinationregulation" not in tables
    assert committee_gaps(again.content.decode()) == committee_gaps(first.content.decode())


def test_a_bulk_write_leaves_the_gap_list_at_once(client, work):
    """A write that sends no signal (a queryset's update, as an import or a script makes it)
    moves the records' version too: the cached body is not shown after it."""
    url = reverse("indicators:home") + "?quy=2025-3"
    before, _queries = visit(client, work.users["staff-bp"], url)
    assert "07/QC-LA" in regulations_due(before)

    CoordinationRegulation.objects.filter(number="07/QC-LA").update(
        review_due=datetime.date(2030, 1, 1)
    )
    after, _queries = visit(client, work.users["staff-bp"], url)

    assert "07/QC-LA" not in regulations_due(after)


def regulations_due(html: str) -> str:
    return re.search(r'data-testid="gap-regulations"(.*?)</ul>', html, re.S).group(1)
