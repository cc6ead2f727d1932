"""Time importing support records from a spreadsheet, and exporting a province's list.

    export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bw_scale
    .venv/bin/python benchmarks/imports.py [--rows 10000] [--province <slug>]

Import: a CSV of `--rows` new support records (copied from the province's recent records,
dated in the current quarter so no approved quarter refuses them) is previewed (the dry run)
and imported by a province staff member created for the run, as the import page does. Export:
the province's whole support list as XLSX and CSV, as the list's buttons do. Everything runs
in a transaction that is rolled back. It prints seconds, rows per second, the statements sent
and the peak memory (`ru_maxrss`). Goals on this 2-core machine: 10,000 rows imported in
under 30 s, a province's ~25,000 records exported in under 10 s.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "borderwork.settings")
os.environ.setdefault("BORDERWORK_TESTING", "true")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402

from borderwork.accounts.models import Role, User  # noqa: E402
from borderwork.records.exchange import resource_for  # noqa: E402
from borderwork.records.imports import run_import  # noqa: E402
from borderwork.records.registry import REGISTRY  # noqa: E402
from borderwork.records.sheets import CSVListExport, XLSXListExport  # noqa: E402
from communes.models import Province  # noqa: E402
from programmes.models import SupportRecord  # noqa: E402

SUPPORT = REGISTRY[SupportRecord]


class Counter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def measure(label: str, work, rows: int) -> None:
    counter = Counter()
    start, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(counter):
        result = work()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"{label}: {seconds:.1f} s ({cpu:.1f} s CPU), {rows / seconds:,.0f} rows/s, "
        f"{counter.count:,} statements, peak {peak_mb()} MB"
    )
    return result


def province_with_most_support() -> Province:
    top = (
        SupportRecord.objects.values("commune__province")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    return Province.objects.get(pk=top["commune__province"])


def import_file(user, rows: int) -> bytes:
    """`rows` new support records for the user's current communes and stations."""
    today = timezone.localdate()
    first = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    resource = resource_for(SUPPORT, user)
    headers = resource.headers()
    sources = list(
        SupportRecord.objects.editable_by(user)
        .filter(commune__valid_until__isnull=True, station__valid_until__isnull=True)
        .select_related("programme", "station", "commune", "ethnic_group")
        .order_by("-given_on")[:200]
    )
    # The same columns the export writes (and the template has), filled as staff would.
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for number in range(rows):
        source = sources[number % len(sources)]
        day = first + datetime.timedelta(days=number % max(1, (today - first).days + 1))
        values = dict.fromkeys(headers, "")
        values.update(
            {
                "Chương trình": str(source.programme),
                "Ngày trao": day.strftime("%d/%m/%Y"),
                "Đồn Biên phòng": str(source.station),
                "Xã": source.commune.slug,
                "Đối tượng": source.get_recipient_kind_display(),
                "Người nhận, chủ hộ": f"Hộ thử nghiệm {number + 1}",
                "Dân tộc": str(source.ethnic_group or ""),
                "Hoàn cảnh": source.get_poverty_status_display(),
                "Số lượng": source.quantity,
                "Giá trị (đồng)": source.value_vnd,
            }
        )
        writer.writerow([values[h] for h in headers])
    return out.getvalue().encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--province", help="slug; default: the one with most support records")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--skip-export", action="store_true")
    args = parser.parse_args()

    with transaction.atomic():
        province = (
            Province.objects.get(slug=args.province)
            if args.province
            else province_with_most_support()
        )
        province = province.today_unit()
        user = User.objects.create(
            username="benchmark-imports", role=Role.PROVINCE_STAFF, province=province
        )
        print(f"province: {province} ({province.slug}), user {user.username}")

        if not args.skip_export:
            total = SUPPORT.queryset(user).count()
            print(f"support records visible: {total:,}")
            for exporter in (XLSXListExport, CSVListExport):
                _name, _type, content = measure(
                    f"export {exporter.__name__}",
                    lambda exporter=exporter: exporter(SUPPORT, user, {}).render(),
                    total,
                )
                print(f"  {len(content):,} bytes")

        if not args.skip_import:
            content = import_file(user, args.rows)
            print(f"import file: {args.rows:,} rows, {len(content):,} bytes, peak {peak_mb()} MB")
            for dry_run in (True, False):
                outcome = measure(
                    "import preview (dry run)" if dry_run else "import",
                    lambda dry_run=dry_run: run_import(
                        SUPPORT, user, "benchmark.csv", content, dry_run=dry_run
                    ),
                    args.rows,
                )
                print(f"  {outcome.counts}; first errors: {[r.errors for r in outcome.errors[:2]]}")
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
