"""Crafted parameters against every URL that parses a number or a quarter: never a 5xx."""

import pytest
from django.urls import reverse

from tests.demo import record_types

pytestmark = pytest.mark.django_db

CRAFTED = [
    "²⁰²⁵-1",  # superscript digits pass str.isdigit()
    "٢٠٢٥-١",  # Arabic-Indic digits pass int()
    "２０２５-1",  # full-width digits
    "2025-²",
    "99999999999999999999999999",
    "-1",
    "1_000",
    " 2025-1",
    "2025\x00-1",
    "\x00",
    "9" * 5000,
    "ü" * 5000,
]
HUGE = 10**30


def assert_no_server_error(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code < 500, (url, params, response.status_code)
    return response


@pytest.fixture
def admin_client(client, world):
    client.force_login(world.users["admin"])
    return client


@pytest.mark.parametrize("value", CRAFTED, ids=repr)
def test_the_dashboards_and_their_exports_ignore_a_crafted_quarter(admin_client, world, value):
    urls = [
        reverse("indicators:home"),
        reverse("indicators:export-home", args=["csv"]),
        reverse("indicators:export-home", args=["xlsx"]),
        reverse("indicators:nation"),
        reverse("indicators:unit", args=["tinh", world.dn.pk]),
        reverse("indicators:export", args=["tinh", world.dn.pk, "csv"]),
        reverse("indicators:export", args=["don", world.station_bp.pk, "xlsx"]),
    ]
    for url in urls:
        response = assert_no_server_error(admin_client, url, {"quy": value, "cach": value})
        assert response.status_code in (200, 400, 404), url


def test_superscript_digits_are_not_a_quarter():
    from borderwork.periods import Quarter
    from borderwork.periods import bounds as period_bounds

    assert Quarter.parse("²⁰²⁵-1") is None
    assert Quarter.parse("٢٠٢٥-1") is None
    assert Quarter.parse("2025-1") is not None
    assert period_bounds("٢٠٢٥") is None
    assert period_bounds("2025-²") is None
    assert period_bounds("2025-3") is not None


@pytest.mark.parametrize("value", CRAFTED, ids=repr)
def test_every_list_answers_crafted_filters_sorting_and_pages(admin_client, world, value):
    for kind in record_types():
        url = reverse(kind.url_name("list"))
        names = list(kind.filterset.base_filters) if kind.filterset else []
        params = {name: value for name in names}
        params.update({"page": value, "sort": value, "per_page": value})
        assert_no_server_error(admin_client, url, params)


@pytest.mark.parametrize("value", CRAFTED, ids=repr)
def test_every_create_page_answers_crafted_initial_values(admin_client, world, value):
    for kind in record_types():
        if kind.form is None:
            continue
        params = dict.fromkeys(kind.initial_from_query, value)
        assert_no_server_error(admin_client, reverse(kind.url_name("create")), params)


def test_huge_primary_keys_are_not_found(admin_client, world):
    urls = [reverse("indicators:unit", args=["xa", HUGE])]
    urls += [reverse("indicators:rebuild-status", args=[HUGE])]
    urls += [reverse("reports:detail", args=[HUGE]), reverse("reports:edit", args=[HUGE])]
    urls += [reverse("reports:issued-file", args=[HUGE, "pdf"])]
    urls += [reverse("record-file", args=["communes.coordinationregulation", HUGE, "document"])]
    for kind in record_types():
        urls.append(reverse(kind.url_name("detail"), args=[HUGE]))
        if kind.form is not None:
            urls.append(reverse(kind.url_name("update"), args=[HUGE]))
    for url in urls:
        assert assert_no_server_error(admin_client, url).status_code == 404, url


@pytest.mark.parametrize("value", CRAFTED, ids=repr)
def test_the_new_report_form_refuses_a_crafted_quarter(client, world, value):
    client.force_login(world.users["staff-dn"])
    response = client.post(
        reverse("reports:new"), {"unit": f"province:{world.dn.pk}", "quarter": value}
    )
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
