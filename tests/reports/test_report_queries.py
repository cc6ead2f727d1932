"""A report's page costs a fixed number of queries, whatever the size of its unit."""

import pytest
from django.urls import reverse

from borderwork.periods import Quarter
from borderwork.reports import workflow
from tests.indicators.dashboard_world import build

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20  # 16 at both sizes when written


@pytest.mark.parametrize("copies", [1, 10])
def test_a_report_page_costs_a_fixed_number_of_queries_at_ten_times_the_data(
    client, world, copies, django_assert_max_num_queries
):
    build(world, copies=copies)
    report = workflow.draft(world.users["staff-dn"], "province", world.dn, Quarter(2025, 3))
    client.force_login(world.users["staff-dn"])
    url = reverse("reports:detail", args=[report.pk])

    with django_assert_max_num_queries(MAX_QUERIES):
        page = client.get(url).content.decode()

    assert "Lộc An" in page and "Lộc Tấn mới" in page
