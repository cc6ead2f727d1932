"""rebuild_indicators on the command line, and the nightly schedule that runs the same rebuild."""

import datetime
from io import StringIO

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone, translation

from borderwork.celery import app as celery_app
from borderwork.indicators import rebuild as rebuild_module
from borderwork.indicators.models import IndicatorValue, RebuildRun, RunStatus
from borderwork.indicators.tasks import rebuild_task
from borderwork.ops.tasks import nightly_rebuild
from borderwork.periods import Quarter
from tests import factories


def rebuild_indicators(*args) -> str:
    out = StringIO()
    with translation.override("vi"):
        call_command("rebuild_indicators", *args, stdout=out)
    return out.getvalue()


def test_beat_runs_the_rebuild_task_every_night_at_one_in_ho_chi_minh_city():
    entry = settings.CELERY_BEAT_SCHEDULE["rebuild-indicators"]
    schedule = entry["schedule"]

    # The nightly entry rebuilds once a night however many beats run (tests/ops/test_beat.py).
    assert entry["task"] == nightly_rebuild.name == "ops.nightly_rebuild"
    assert nightly_rebuild.name in celery_app.tasks and rebuild_task.name in celery_app.tasks
    assert isinstance(schedule, crontab)
    assert schedule.hour == {1} and schedule.minute == {0}
    assert schedule.day_of_week == set(range(7))
    assert celery_app.conf.beat_schedule == settings.CELERY_BEAT_SCHEDULE
    assert str(celery_app.timezone) == settings.CELERY_TIMEZONE == "Asia/Ho_Chi_Minh"


def test_after_midnight_the_next_run_is_at_one_local_time_which_is_six_in_the_evening_utc():
    entry = celery_app.conf.beat_schedule["rebuild-indicators"]["schedule"]
    schedule = crontab(hour=entry.hour, minute=entry.minute, app=celery_app)
    last_run = datetime.datetime(2026, 11, 23, 0, 30, tzinfo=celery_app.timezone)

    start, delta, _now = schedule.remaining_delta(last_run)

    next_run = start + delta
    assert next_run == datetime.datetime(2026, 11, 23, 1, 0, tzinfo=celery_app.timezone)
    assert next_run.astimezone(datetime.UTC) == datetime.datetime(
        2026, 11, 22, 18, 0, tzinfo=datetime.UTC
    )


@pytest.mark.django_db
def test_rebuild_indicators_says_how_many_rows_it_wrote_and_how_long_it_took(world):
    factories.SupportRecordFactory(
        commune=world.loc_an, station=world.station_bp_other, given_on=datetime.date(2025, 8, 1)
    )

    output = rebuild_indicators()

    run = RebuildRun.objects.get()
    assert run.status == RunStatus.SUCCESS
    assert run.rows == IndicatorValue.objects.count() > 0
    assert f"Lần tính {run.pk}: Hoàn thành, {run.rows} dòng" in output
    assert f"(tính lại từ 01/01/{timezone.localdate().year - 5})" in output
    assert "giây" in output


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="marks are PostgreSQL triggers")
def test_the_second_run_recomputes_this_quarter_only_unless_told_full(world):
    factories.SupportRecordFactory(
        commune=world.loc_an, station=world.station_bp_other, given_on=datetime.date(2025, 8, 1)
    )
    rebuild_indicators()
    this_quarter = Quarter.of(timezone.localdate()).first_day

    nightly = rebuild_indicators()
    full = rebuild_indicators("--full")

    assert f"(tính lại từ {this_quarter:%d/%m/%Y})" in nightly
    assert f"(tính lại từ 01/01/{timezone.localdate().year - 5})" in full


@pytest.mark.django_db
def test_a_failed_rebuild_exits_with_an_error_and_keeps_the_previous_figures(world, monkeypatch):
    factories.SupportRecordFactory(
        commune=world.loc_an, station=world.station_bp_other, given_on=datetime.date(2025, 8, 1)
    )
    rebuild_indicators()
    before = IndicatorValue.objects.count()

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(rebuild_module, "compute", broken)
    with pytest.raises(CommandError, match="the database went away"):
        rebuild_indicators()

    assert RebuildRun.objects.order_by("-pk").first().status == RunStatus.FAILED
    assert IndicatorValue.objects.count() == before


@pytest.mark.django_db
def test_a_rebuild_skipped_because_another_runs_exits_with_an_error(monkeypatch):
    def locked():
        raise rebuild_module.AlreadyRunning

    monkeypatch.setattr(rebuild_module, "lock_or_raise", locked)
    with pytest.raises(CommandError, match="Bỏ qua"):
        rebuild_indicators()

    assert RebuildRun.objects.get().status == RunStatus.SKIPPED
