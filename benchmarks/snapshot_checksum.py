"""The md5 of the indicator snapshot, row by row in a fixed order, and its row count.

A refactoring must not change a figure: seed the demo (or generate scale data), rebuild,
and compare this checksum on the branch and on main, each on a fresh database:

    export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bw_check
    DEBUG=true .venv/bin/python manage.py migrate
    DEBUG=true .venv/bin/python manage.py seed_demo --force
    .venv/bin/python manage.py rebuild_indicators --full
    .venv/bin/python benchmarks/snapshot_checksum.py

Ids are compared as they are, so both databases must be filled the same way from empty.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "borderwork.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

from borderwork.indicators.models import IndicatorValue  # noqa: E402


def checksum() -> tuple[str, int]:
    table = connection.ops.quote_name(IndicatorValue._meta.db_table)
    order = ", ".join(
        connection.ops.quote_name(column)
        for column in ("view", "level", "unit_id", "year", "quarter")
    )
    digest, rows = hashlib.md5(usedforsecurity=False), 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} ORDER BY {order}")  # noqa: S608 (names quoted)
        names = [column.name for column in cursor.description]
        for row in cursor:
            values = {name: value for name, value in zip(names, row, strict=True) if name != "id"}
            digest.update(repr(sorted(values.items())).encode())
            rows += 1
    return digest.hexdigest(), rows


if __name__ == "__main__":
    value, count = checksum()
    print(f"{value} {count} rows")
