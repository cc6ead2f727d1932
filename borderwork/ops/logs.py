"""One log line per request and per task, with its duration, as key=value pairs."""

from __future__ import annotations

import logging
import time

from celery import signals

request_log = logging.getLogger("borderwork.request")
task_log = logging.getLogger("borderwork.task")


def pairs(**fields) -> str:
    """key=value pairs; a value with a space or quote is quoted, so a line splits cleanly."""
    out = []
    for key, value in fields.items():
        text = "-" if value is None or value == "" else str(value)
        if any(c in text for c in ' "=\\'):
            text = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
        out.append(f"{key}={text}")
    return " ".join(out)


class RequestLogMiddleware:
    """Outermost middleware: method, path, status, user and milliseconds of every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            return response
        finally:
            user = getattr(request, "user", None)
            signed_in = user is not None and user.is_authenticated
            request_log.info(
                pairs(
                    method=request.method,
                    path=request.path,
                    status=status,
                    ms=round((time.monotonic() - started) * 1000),
                    user=user.get_username() if signed_in else None,
                    ip=request.META.get("REMOTE_ADDR"),
                )
            )


_started: dict[str, float] = {}


def _task_started(task_id=None, **kwargs) -> None:
    _started[task_id] = time.monotonic()


def _task_finished(task_id=None, task=None, state=None, **kwargs) -> None:
    started = _started.pop(task_id, None)
    seconds = round(time.monotonic() - started, 3) if started is not None else None
    task_log.info(pairs(task=task.name if task else None, id=task_id, state=state, s=seconds))


def connect_task_log() -> None:
    signals.task_prerun.connect(_task_started, weak=False, dispatch_uid="bw-task-start")
    signals.task_postrun.connect(_task_finished, weak=False, dispatch_uid="bw-task-end")
