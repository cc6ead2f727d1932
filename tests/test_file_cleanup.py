"""Files nobody comes back for are deleted each night: an import never confirmed after a day,
a long export's file after a week (its page then says to export again)."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from borderwork.accounts.models import Role, User
from borderwork.celery import app
from borderwork.models import ExportStatus, ListExportRun
from borderwork.records.registry import REGISTRY
from borderwork.records.uploads import keep_pending
from borderwork.tasks import cleanup_task
from programmes.models import SupportRecord
from tests.factories import ProvinceFactory

pytestmark = pytest.mark.django_db

SUPPORT = REGISTRY[SupportRecord]
START = datetime.datetime(2026, 11, 2, 8, 0, tzinfo=datetime.UTC)


def test_an_import_never_confirmed_is_deleted_after_a_day():
    with time_machine.travel(START, tick=False):
        old = keep_pending("a" * 32, b"Ma so,Xa\n")
    with time_machine.travel(START + datetime.timedelta(hours=20), tick=False):
        recent = keep_pending("b" * 32, b"Ma so,Xa\n")

    with time_machine.travel(START + datetime.timedelta(hours=25), tick=False):
        assert cleanup_task()["pending_imports"] == 1

    assert not default_storage.exists(old)
    assert default_storage.exists(recent)  # still waiting for its "Nhập"


def finished_export(user, days_ago: int, query: str = "") -> ListExportRun:
    run = ListExportRun.objects.create(
        requested_by=user, segment=SUPPORT.segment, fmt="xlsx", query=query, rows_total=3
    )
    run.file.save(f"ho-tro-{run.pk}.xlsx", ContentFile(b"PK\x03\x04 an xlsx"), save=False)
    run.status = ExportStatus.DONE
    run.finished_at = timezone.now() - datetime.timedelta(days=days_ago)
    run.save()
    return run


def test_an_export_finished_a_week_ago_loses_its_file_and_says_to_export_again(client):
    user = User.objects.create(
        username="tinh", role=Role.PROVINCE_STAFF, province=ProvinceFactory()
    )
    old = finished_export(user, days_ago=8, query="period=2025-2&sort=-value_vnd")
    recent = finished_export(user, days_ago=6)
    old_file = old.file.name

    assert cleanup_task()["exports"] == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.status == ExportStatus.EXPIRED and not old.file
    assert not default_storage.exists(old_file)
    assert recent.status == ExportStatus.DONE and default_storage.exists(recent.file.name)

    client.force_login(user)
    url = reverse(SUPPORT.url_name("export-run"), args=[old.pk])
    page = client.get(url).content.decode()
    assert "Tệp đã hết hạn" in page and "hãy xuất lại" in page
    again = reverse(SUPPORT.url_name("export-xlsx")) + "?period=2025-2&amp;sort=-value_vnd"
    assert f'href="{again}"' in page
    assert client.get(url + "?tai=1").status_code == 404
    assert client.get(reverse(SUPPORT.url_name("export-run"), args=[recent.pk]) + "?tai=1")[
        "Content-Disposition"
    ].startswith("attachment")

    assert cleanup_task() == {"pending_imports": 0, "exports": 0}  # a second night: nothing


def test_beat_runs_the_cleanup_every_night():
    entry = next(
        e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "records.cleanup"
    )
    assert entry["task"] in app.tasks
    assert entry["schedule"].hour == {2} and entry["schedule"].minute == {30}
