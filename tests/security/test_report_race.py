"""Six people press "Lập báo cáo" for the same unit and quarter at once: one report, no 500."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from borderwork.reports.models import Report
from tests.indicators.dashboard_world import build


@pytest.mark.django_db(transaction=True)
def test_six_simultaneous_drafts_make_one_report_and_no_server_error(world):
    build(world)
    user = world.users["staff-dn"]
    start = threading.Barrier(6)
    statuses = []

    def press():
        client = Client()
        client.force_login(user)
        start.wait()
        try:
            response = client.post(
                reverse("reports:new"), {"unit": f"province:{world.dn.pk}", "quarter": "2025-3"}
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=press) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(statuses) == 6 and all(status in (200, 302) for status in statuses), statuses
    assert Report.objects.filter(province=world.dn, year=2025, quarter=3).count() == 1


@pytest.mark.django_db
def test_a_draft_made_since_the_check_is_the_forms_message(client, world, monkeypatch):
    build(world)
    client.force_login(world.users["staff-dn"])
    data = {"unit": f"province:{world.dn.pk}", "quarter": "2025-3"}
    assert client.post(reverse("reports:new"), data).status_code == 302
    # The check before the save sees nothing, as when another request is between them.
    monkeypatch.setattr(Report.objects.__class__, "of", lambda *a, **k: Report.objects.none())

    response = client.post(reverse("reports:new"), data)

    assert response.status_code == 200
    assert "đã có báo cáo của kỳ này" in response.content.decode()
    assert Report.objects.filter(province=world.dn).count() == 1
