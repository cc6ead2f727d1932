"""'Rebuild now': who may press it, and the polled status that says when it finished."""

import re

import pytest
from django.urls import reverse

from borderwork.indicators import rebuild as rebuild_module
from borderwork.indicators.models import IndicatorValue, RebuildRun, RunStatus
from tests.indicators.dashboard_world import add_work

# The world's work is dated 2025: today must stay within the rebuild's five years of it.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": "http://testserver/bang-tin/?quy=2025-3"}


def press(client, user, **headers):
    client.force_login(user)
    return client.post(reverse("indicators:rebuild"), {"next": "/bang-tin/"}, **headers)


def test_a_commissar_queues_a_rebuild_and_the_status_polls_until_it_is_done(
    client, world, django_capture_on_commit_callbacks
):
    add_work(world)
    user = world.users["commissar-bp"]

    with django_capture_on_commit_callbacks(execute=True):
        response = press(client, user, **HTMX)
        fragment = response.content.decode()
        assert response.status_code == 200
        assert "Đang tính…" in fragment
        assert 'hx-trigger="every 2s"' in fragment

    run = RebuildRun.objects.get()
    assert run.requested_by == user
    assert run.status == RunStatus.SUCCESS
    assert IndicatorValue.objects.exists()
    status = client.get(reverse("indicators:rebuild-status", args=[run.pk]), **HTMX)
    text = status.content.decode()
    assert re.search(r"Xong lúc \d\d:\d\d \d\d/\d\d/\d{4}", text)
    assert "hx-trigger" not in text  # polling stops
    assert 'href="http://testserver/bang-tin/?quy=2025-3"' in text


@pytest.mark.django_db(transaction=True)
def test_without_a_broker_the_rebuild_runs_inline_and_the_answer_says_it_is_done(client, world):
    add_work(world)

    response = press(client, world.users["staff-bp"], **HTMX)

    assert "Xong lúc" in response.content.decode()
    assert RebuildRun.objects.get().status == RunStatus.SUCCESS
    html = client.get(reverse("indicators:home") + "?quy=2025-3").content.decode()
    assert "Số liệu tính đến" in html
    assert "160.000.000 đ" in html


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_that_fails_says_so_and_keeps_the_previous_figures(client, world, monkeypatch):
    add_work(world)
    rebuild_module.rebuild()
    before = IndicatorValue.objects.count()

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(rebuild_module, "compute", broken)
    response = press(client, world.users["admin"], **HTMX)

    assert "Tính lại không thành công" in response.content.decode()
    assert "the database went away" in response.content.decode()  # the administrator sees why
    assert RebuildRun.objects.filter(status=RunStatus.FAILED).count() == 1
    assert IndicatorValue.objects.count() == before


def test_without_htmx_the_button_goes_back_to_the_page_with_a_message(client, world):
    response = press(client, world.users["commissar-station-bp"])

    assert response.status_code == 302
    assert response["Location"] == "/bang-tin/"
    assert RebuildRun.objects.count() == 1


def test_a_second_press_joins_the_rebuild_under_way(client, world):
    press(client, world.users["commissar-bp"], **HTMX)
    response = press(client, world.users["staff-bp"], **HTMX)

    run = RebuildRun.objects.get()
    assert run.status == RunStatus.QUEUED
    assert reverse("indicators:rebuild-status", args=[run.pk]) in response.content.decode()


@pytest.mark.parametrize("username", ["station-bp", "station-qb", "national"])
def test_station_staff_and_national_reviewers_may_not_ask_for_a_rebuild(client, world, username):
    response = press(client, world.users[username], **HTMX)

    assert response.status_code == 403
    assert not RebuildRun.objects.exists()


def test_a_page_opened_during_a_rebuild_shows_it_and_polls(client, world):
    run = RebuildRun.objects.create(status=RunStatus.RUNNING)
    client.force_login(world.users["station-bp"])

    html = client.get(reverse("indicators:home")).content.decode()

    assert reverse("indicators:rebuild-status", args=[run.pk]) in html
    assert "Đang tính…" in html


def test_a_failed_run_tells_other_users_it_failed_but_not_why(client, world):
    run = RebuildRun.objects.create(status=RunStatus.FAILED, error="secret details")
    client.force_login(world.users["commissar-bp"])

    text = client.get(reverse("indicators:rebuild-status", args=[run.pk])).content.decode()

    assert "Tính lại không thành công" in text
    assert "secret details" not in text


def test_the_rebuild_address_answers_only_posts(client, world):
    client.force_login(world.users["admin"])

    assert client.get(reverse("indicators:rebuild")).status_code == 405
    assert client.get(reverse("indicators:rebuild-status", args=[999])).status_code == 404
