"""A malformed environment stops start-up with a message naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def start(code: str = "", **env: str) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter with the given environment."""
    clean = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    clean.pop("BORDERWORK_TESTING", None)
    clean.update({"DJANGO_SETTINGS_MODULE": "borderwork.settings", **env})
    return subprocess.run(  # noqa: S603 (this interpreter, our own code, no shell)
        [
            sys.executable,
            "-c",
            code
            or "import django; django.setup(); from django.conf import settings; "
            "print(settings.LANGUAGE_CODE, settings.TIME_ZONE, settings.CELERY_TASK_ALWAYS_EAGER)",
        ],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"DEBUG": "true", "DATABASE_URL": "not a url"}, "DATABASE_URL"),
        ({"DEBUG": "true", "REDIS_URL": "http://example.org"}, "REDIS_URL"),
        ({"SECRET_KEY": "x" * 60, "SECURE_HSTS_SECONDS": "a year"}, "SECURE_HSTS_SECONDS"),
        ({"DEBUG": "true", "SITE_URL": "borderwork.example.vn"}, "SITE_URL"),
    ],
)
def test_a_malformed_value_stops_start_up_naming_the_variable(env, named):
    result = start(**env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr.splitlines()[-1]


def test_the_defaults_are_vietnamese_hanoi_time_and_eager_tasks():
    result = start(DEBUG="true")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["vi", "Asia/Ho_Chi_Minh", "True"]


def test_a_redis_url_sends_tasks_to_the_broker():
    result = start(DEBUG="true", REDIS_URL="redis://127.0.0.1:6379/0")

    assert result.stdout.split()[-1] == "False"


def test_the_web_server_does_not_start_without_a_secret_in_production():
    result = start("import borderwork.wsgi", DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr.splitlines()[-1]


def test_migrations_and_checks_run_from_a_bare_checkout():
    result = start("import django; django.setup(); print('ready')")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ready"
