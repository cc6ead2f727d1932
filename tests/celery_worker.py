"""A real Celery worker for the tests marked `celery_worker`: a subprocess on a queue of its
own, reading the test database that pytest-django created (the tests commit their data,
transaction=True), and sending through the Redis of REDIS_URL or one given.

Needs REDIS_URL and a PostgreSQL DATABASE_URL (CI sets both); without them the tests skip,
except under CI=true, where they fail.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.test import override_settings

from borderwork.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120
HOW_TO_RUN = (
    "The real-worker tests need Redis and PostgreSQL: DATABASE_URL=postgresql://postgres@"
    "127.0.0.1:5432/borderwork REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python -m pytest "
    "tests/indicators/test_worker.py"
)


class Worker:
    """A `celery worker` subprocess on its own queue, and what it printed."""

    def __init__(
        self, queue: str, database_url: str, media_root: str, redis_url: str, env: dict
    ) -> None:
        self.queue = queue
        self.name = f"{queue}@{socket.gethostname()}"
        self.log = tempfile.NamedTemporaryFile(prefix="celery-worker-", suffix=".log")  # noqa: SIM115
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": media_root,
            "REDIS_URL": redis_url,
            "BORDERWORK_TESTING": "true",
            "DJANGO_SETTINGS_MODULE": "borderwork.settings",
            **env,
        }
        command = [sys.executable, "-m", "celery", "-A", "borderwork", "worker"]
        command += ["--pool=solo", "--concurrency=1", "-Q", queue, "-n", self.name]
        command += ["--without-heartbeat", "--without-gossip", "--without-mingle"]
        command += ["--loglevel=INFO"]
        self.process = subprocess.Popen(  # noqa: S603 (our own command line)
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-5000:]

    def wait_for(self, what: str, done: Callable[[], bool], timeout: float = TIMEOUT) -> None:
        """Poll until `done()`; fail with the worker's output if it exits or time runs out."""
        deadline = time.monotonic() + timeout
        while not done():
            if self.process.poll() is not None:
                pytest.fail(
                    f"The Celery worker exited ({self.process.returncode}):\n{self.output()}"
                )
            if time.monotonic() > deadline:
                pytest.fail(f"{what}: not within {timeout} s. Worker output:\n{self.output()}")
            time.sleep(0.2)

    def answers(self) -> bool:
        return bool(celery_app.control.ping(destination=[self.name], timeout=0.5))

    def kill(self) -> None:
        """kill -9: no warm shutdown, no message handed back, no failure written."""
        self.process.kill()
        self.process.wait()

    def stop(self) -> None:
        self.process.terminate()  # a warm shutdown: the solo pool finishes its task first
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def worker_database_url() -> str:
    """The URL of the database pytest-django created, for the worker to read."""
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgresql://{user}{password}@{host}/{db['NAME']}"


def skip_without_redis_and_postgresql() -> None:
    missing = [
        name
        for name, there in (
            ("REDIS_URL", bool(settings.REDIS_URL)),
            ("a PostgreSQL DATABASE_URL", connection.vendor == "postgresql"),
        )
        if not there
    ]
    if missing:
        message = f"Missing {' and '.join(missing)}. {HOW_TO_RUN}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    assert not celery_app.conf.task_always_eager, "with REDIS_URL set, tasks must not run eagerly"


@contextmanager
def running_worker(django_db_blocker, redis_url: str | None = None, **env: str) -> Iterator[Worker]:
    """A worker answering pings on a queue of its own; the tasks this process sends without
    a queue (as queue_rebuild() sends them) go to it. `env`: settings for the worker."""
    skip_without_redis_and_postgresql()
    redis_url = redis_url or settings.REDIS_URL
    queue = f"borderwork-test-{uuid.uuid4().hex[:12]}"
    default_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    # Files the worker writes (issued reports) go where this process reads them.
    media = tempfile.TemporaryDirectory(prefix="borderwork-media-")
    media_settings = override_settings(MEDIA_ROOT=media.name)
    media_settings.enable()
    with django_db_blocker.unblock():
        worker = Worker(queue, worker_database_url(), media.name, redis_url, env)
    try:
        worker.wait_for("The Celery worker answering a ping", worker.answers, timeout=60)
        yield worker
    finally:
        media_settings.disable()
        media.cleanup()
        worker.stop()
        celery_app.conf.task_default_queue = default_queue
        # The queue and kombu's bookkeeping of it (key names vary with kombu's version).
        try:
            client = redis.Redis.from_url(redis_url, socket_connect_timeout=2)
            for key in client.scan_iter(match=f"*{queue}*"):
                client.delete(key)
            client.close()
        except redis.ConnectionError:
            pass  # a Redis the test stopped keeps nothing
