"""A number that moves on every write of a record, for what a page reads live and caches.

The dashboard's "Cần xử lý" lists and the year's plan are read from the records as they stand,
not from the nightly snapshot, and reading them was most of a warm dashboard's time. They are
cached under this number instead (`version()`): every save, delete and change of links of a
scoped model, whatever its path (forms, the admin, imports, the ORM in a shell), and the scoped
querysets' bulk writes move it (`moved()`), at once and again when the transaction commits, so
that a page that read the rows before the commit cannot keep them under the new number. A
write in plain SQL does not move it: what is cached under it also expires after
`LIVE_SECONDS`.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

KEY = "records:version"
LIVE_SECONDS = 5 * 60


def version() -> int:
    """The current number (one cache read)."""
    found = cache.get(KEY)
    if found is None:
        # A number no earlier one reached, should the cache have lost it.
        found = time.time_ns()
        cache.add(KEY, found, None)
        found = cache.get(KEY, found)
    return found


def _move() -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # not in the cache: a new number is as good
        cache.set(KEY, time.time_ns(), None)


def _on_commit() -> None:
    _move()


def moved(using: str | None = None) -> None:
    """Say that records changed: now, and once more when the transaction commits (once for
    all the writes of a transaction: an import saves thousands of rows in one)."""
    _move()
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and not any(
        func is _on_commit for _sids, func, _robust in connection.run_on_commit
    ):
        transaction.on_commit(_on_commit, using=using, robust=True)


def _after_write(sender, using=None, **kwargs) -> None:
    moved(using)


def install(model_classes) -> None:
    """Move the number after every save, delete and link change of these models."""
    for model in model_classes:
        label = model._meta.label_lower
        post_save.connect(_after_write, sender=model, dispatch_uid=f"changes-save-{label}")
        post_delete.connect(_after_write, sender=model, dispatch_uid=f"changes-del-{label}")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                _after_write, sender=through, dispatch_uid=f"changes-m2m-{through._meta}"
            )
