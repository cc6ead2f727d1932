"""The worker's heartbeat, a key in Redis that /healthz reads.

Celery sends a worker heartbeat every two seconds; each one also sets a key holding the
time, for a minute. No key: no worker has been alive for a minute.
"""

from __future__ import annotations

import contextlib
import time

import redis
from celery import signals
from django.conf import settings

KEY_PREFIX = "borderwork:worker-heartbeat:"
TTL_SECONDS = 60


def client() -> redis.Redis:
    return redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)


def beat(hostname: str) -> None:
    client().set(KEY_PREFIX + hostname, f"{time.time():.3f}", ex=TTL_SECONDS)


def _on_heartbeat(sender=None, **kwargs) -> None:
    # sender is the worker's Heart; its event dispatcher knows the worker's name.
    hostname = getattr(getattr(sender, "eventer", None), "hostname", None) or "worker"
    if settings.REDIS_URL:
        # The broker is down: the worker's own reconnect handles it, and so do we.
        with contextlib.suppress(redis.RedisError):
            beat(hostname)


def _on_ready(sender=None, **kwargs) -> None:
    if settings.REDIS_URL:
        beat(getattr(sender, "hostname", None) or "worker")


def connect() -> None:
    signals.heartbeat_sent.connect(_on_heartbeat, weak=False, dispatch_uid="bw-heartbeat")
    signals.worker_ready.connect(_on_ready, weak=False, dispatch_uid="bw-worker-ready")


def last_seen() -> dict[str, float]:
    """Each live worker's hostname and the Unix time of its last heartbeat."""
    conn = client()
    seen = {}
    for key in conn.scan_iter(match=KEY_PREFIX + "*", count=100):
        value = conn.get(key)
        if value is not None:
            seen[key.decode()[len(KEY_PREFIX) :]] = float(value)
    return seen
