"""/healthz for a monitor, the one-line request log, and settings a production install relies on."""

import json
import logging
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.db import OperationalError
from django.utils import timezone

from borderwork.indicators.models import RebuildRun, RunStatus
from borderwork.ops import health, heartbeat

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_sign_in_with_the_database_and_the_last_rebuild(client):
    RebuildRun.objects.create(
        status=RunStatus.SUCCESS,
        finished_at=timezone.now() - timezone.timedelta(hours=2),
    )

    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["database"]["ok"] is True
    assert 7190 <= body["rebuild"]["age_s"] <= 7300
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_is_503_when_the_database_cannot_be_reached(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 port 5432 failed")

    monkeypatch.setattr(health.connection, "cursor", refuse)

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["database"] == {
        "ok": False,
        "error": "connection to server at 127.0.0.1 port 5432 failed",
    }


@pytest.mark.skipif(not os.getenv("REDIS_URL"), reason="needs REDIS_URL")
def test_healthz_reports_the_broker_and_a_workers_heartbeat(client, settings):
    settings.REDIS_URL = os.environ["REDIS_URL"]
    conn = heartbeat.client()
    conn.delete(*conn.keys(heartbeat.KEY_PREFIX + "*") or ["-"])

    before = client.get("/healthz").json()
    heartbeat.beat("celery@test-host")
    after = client.get("/healthz").json()
    conn.delete(heartbeat.KEY_PREFIX + "celery@test-host")

    assert before["broker"]["ok"] is True
    assert before["worker"] == {"ok": False, "workers": [], "last_heartbeat_age_s": None}
    assert after["worker"]["ok"] is True
    assert after["worker"]["workers"] == ["celery@test-host"]
    assert after["worker"]["last_heartbeat_age_s"] < 5
    assert after["status"] == "ok"


def test_healthz_says_the_broker_is_down_but_still_answers_200(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:18399/0"  # nothing listens there

    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["broker"]["ok"] is False and body["status"] == "degraded"


def test_each_request_is_one_key_value_line_with_its_duration(client, world, caplog):
    client.force_login(world.users["staff-bp"])
    with caplog.at_level(logging.INFO, logger="borderwork.request"):
        client.get("/healthz?x=1")

    lines = [r.getMessage() for r in caplog.records if r.name == "borderwork.request"]
    assert len(lines) == 1
    fields = dict(pair.split("=", 1) for pair in lines[0].split(" "))
    assert fields["method"] == "GET" and fields["path"] == "/healthz"
    assert fields["status"] == "200" and fields["user"] == "staff-bp"
    assert int(fields["ms"]) >= 0


def test_each_task_is_one_line_with_its_state_and_seconds(caplog):
    from borderwork.indicators.tasks import rebuild_task

    with caplog.at_level(logging.INFO, logger="borderwork.task"):
        rebuild_task.delay()

    lines = [r.getMessage() for r in caplog.records if r.name == "borderwork.task"]
    assert len(lines) == 1
    assert lines[0].startswith("task=indicators.rebuild id=")
    assert " state=SUCCESS s=" in lines[0]


def test_database_connections_are_checked_before_reuse():
    assert django_settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def production_settings(**env) -> dict:
    """Settings as a production process reads them, from a clean environment."""
    script = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps({'proxy': s.SECURE_PROXY_SSL_HEADER, 'admins': s.ADMINS,"
        " 'storage': s.STORAGES['default']['BACKEND'],"
        " 'mail': s.LOGGING['loggers']['django.request']['handlers']}))"
    )
    base = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "borderwork.settings",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "borderwork.intranet",
    }
    out = subprocess.run(  # noqa: S603 (this Python and the test's own script, no shell)
        [sys.executable, "-c", script],
        env={**base, **env},
        capture_output=True,
        text=True,
        check=True,
        cwd=django_settings.BASE_DIR,
    )
    return json.loads(out.stdout)


def test_the_proxy_header_is_trusted_only_behind_a_proxy():
    assert production_settings()["proxy"] is None
    assert production_settings(BEHIND_PROXY="true")["proxy"] == [
        "HTTP_X_FORWARDED_PROTO",
        "https",
    ]


def test_server_errors_are_mailed_only_when_smtp_and_admins_are_set():
    assert production_settings(ADMINS="ops@bdbp.vn")["mail"] == []
    configured = production_settings(
        EMAIL_HOST="mail.bdbp.intranet", ADMINS="Trực ban <ops@bdbp.vn>,it@bdbp.vn"
    )
    assert configured["mail"] == ["mail_admins"]
    assert configured["admins"] == [["Trực ban", "ops@bdbp.vn"], ["it@bdbp.vn", "it@bdbp.vn"]]


def test_file_storage_is_chosen_by_the_environment():
    assert production_settings()["storage"] == "borderwork.storage.backends.DatabaseStorage"
    assert (
        production_settings(FILE_STORAGE="filesystem")["storage"]
        == "django.core.files.storage.FileSystemStorage"
    )
    assert (
        production_settings(FILE_STORAGE="s3", S3_BUCKET="scans")["storage"]
        == "storages.backends.s3.S3Storage"
    )
