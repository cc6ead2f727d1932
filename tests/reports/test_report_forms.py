"""The report's forms answer garbage with a form error, never a server error."""

import pytest
from django.urls import reverse

from borderwork.periods import Quarter
from borderwork.reports import workflow
from tests.indicators.dashboard_world import build

pytestmark = pytest.mark.django_db

GARBAGE = [
    "",
    "x",
    "-1",
    "0",
    "99999999999999999999",
    "2025-13",
    "province:",
    "station:abc",
    "\x00",
    "'; DROP TABLE x; --",
    "ü" * 5000,
]


@pytest.mark.parametrize("value", GARBAGE)
def test_the_new_report_form(client, world, value):
    client.force_login(world.users["staff-bp"])
    response = client.post(reverse("reports:new"), {"unit": value, "quarter": value})
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()


@pytest.mark.parametrize("value", GARBAGE)
def test_the_report_edit_form(client, world, value):
    build(world)
    report = workflow.draft(world.users["staff-dn"], "province", world.dn, Quarter(2025, 3))
    client.force_login(world.users["staff-dn"])
    data = {
        "number": value,
        "place": value,
        "dated": value,
        "situation": value,
        "recipients": value,
    }
    response = client.post(reverse("reports:edit", args=[report.pk]), data)
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    report.refresh_from_db()
    assert report.place != value or value == report.place


def test_a_report_may_not_be_dated_before_its_quarter(client, world):
    build(world)
    report = workflow.draft(world.users["staff-dn"], "province", world.dn, Quarter(2025, 3))
    client.force_login(world.users["staff-dn"])
    response = client.post(
        reverse("reports:edit", args=[report.pk]), {"place": "Đồng Nai", "dated": "2025-06-30"}
    )
    assert "không thể trước kỳ" in response.content.decode()
