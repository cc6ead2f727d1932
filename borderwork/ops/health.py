"""GET /healthz: what a monitor or a load balancer asks, without signing in."""

from __future__ import annotations

import time

import redis
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from borderwork.indicators.models import RebuildRun
from borderwork.ops import heartbeat


def database() -> dict:
    started = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return {"ok": False, "error": str(error).strip().splitlines()[0][:200]}
    return {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}


def broker() -> dict:
    if not settings.REDIS_URL:
        return {"ok": True, "eager": True}
    started = time.monotonic()
    try:
        heartbeat.client().ping()
    except redis.RedisError as error:
        return {"ok": False, "error": str(error)[:200]}
    return {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}


def worker() -> dict:
    if not settings.REDIS_URL:
        return {"ok": True, "eager": True}
    try:
        seen = heartbeat.last_seen()
    except redis.RedisError:
        return {"ok": False, "workers": [], "last_heartbeat_age_s": None}
    latest = max(seen.values(), default=None)
    return {
        "ok": bool(seen),
        "workers": sorted(seen),
        "last_heartbeat_age_s": round(time.time() - latest, 1) if latest else None,
    }


def rebuild() -> dict:
    run = RebuildRun.objects.last_success()
    if run is None or run.finished_at is None:
        return {"last_success": None, "age_s": None}
    return {
        "last_success": run.finished_at.isoformat(),
        "age_s": round((timezone.now() - run.finished_at).total_seconds()),
    }


@never_cache
@require_GET
@login_not_required
def healthz(request):
    """200 with each part's state; 503 when the database cannot be reached."""
    db = database()
    body = {"database": db, "broker": broker(), "worker": worker()}
    body["rebuild"] = rebuild() if db["ok"] else {"last_success": None, "age_s": None}
    healthy = all(body[part]["ok"] for part in ("database", "broker", "worker"))
    body["status"] = "ok" if healthy else ("degraded" if db["ok"] else "down")
    return JsonResponse(body, status=200 if db["ok"] else 503)
