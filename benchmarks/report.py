"""Time the quarterly report at national scale: a province's report and the national summary.

Run it against a database that holds data and a built snapshot, e.g. the national-size dataset
of benchmarks/README.md after `benchmarks/rebuild.py` (or `manage.py rebuild_indicators`):

    export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bw_scale
    .venv/bin/python benchmarks/report.py [--quarter 2025Q2] [--province <slug>]

For each report it prints the seconds of its three stages (the figures read from the snapshot
and the records, the render context with its charts, WeasyPrint's PDF), the queries issued,
the pages and bytes of the PDF: the best of three runs after one to warm up. Goals on this
2-core machine: a province under 5 s, the national summary under 30 s.
"""

from __future__ import annotations

import argparse
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

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402

from borderwork.reports.document import render_context  # noqa: E402
from borderwork.reports.management.commands.report import (  # noqa: E402
    document_for,
    parse_period,
    parse_unit,
)
from borderwork.reports.pdf import render_pdf  # noqa: E402
from communes.models import Province  # noqa: E402
from programmes.models import SupportRecord  # noqa: E402

RUNS = 3


class Counter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def pages(pdf: bytes) -> str:
    """The page count, read with pypdf (a test dependency) when it is installed."""
    try:
        import io

        from pypdf import PdfReader
    except ImportError:
        return "?"
    return str(len(PdfReader(io.BytesIO(pdf)).pages))


def once(unit: str, quarter: str) -> dict:
    level, found = parse_unit(unit)
    period = parse_period(quarter)
    counter = Counter()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        document, data, _origin = document_for(level, found, period)
        read = time.perf_counter()
        context = render_context(document, data)
        laid_out = time.perf_counter()
    pdf = render_pdf(context)
    done = time.perf_counter()
    return {
        "figures": read - started,
        "context": laid_out - read,
        "pdf": done - laid_out,
        "total": done - started,
        "queries": counter.count,
        "bytes": len(pdf),
        "pages": pages(pdf),
    }


def measure(label: str, unit: str, quarter: str) -> float:
    once(unit, quarter)  # warm the caches
    runs = sorted((once(unit, quarter) for _ in range(RUNS)), key=lambda run: run["total"])
    best = runs[0]
    print(
        f"{label:<34} {best['total']:6.2f} s  (figures {best['figures']:.2f} s, context "
        f"{best['context']:.2f} s, PDF {best['pdf']:.2f} s; median {runs[RUNS // 2]['total']:.2f}"
        f" s)  {best['queries']} queries, {best['pages']} pages, {best['bytes'] // 1024} KiB"
    )
    return best["total"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quarter", default="2025Q2", help="YYYYQn, YYYYH1 or YYYY (default 2025Q2)"
    )
    parser.add_argument("--province", help="a province's slug (default: the one with most data)")
    args = parser.parse_args()
    records = SupportRecord.objects.count()
    slug = args.province
    if slug is None:
        busiest = (
            Province.objects.annotate(size=Count("communes")).order_by("-size", "slug").first()
        )
        slug = busiest.slug
    province = Province.objects.get(slug=slug)
    print(f"database: {connection.vendor}, {records:,} support records".replace(",", "."))
    print(f"province: {province.name} ({province.communes.count()} communes), {args.quarter}")
    print()
    province_seconds = measure("province report", f"province:{slug}", args.quarter)
    nation_seconds = measure("national summary", "nation", args.quarter)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print()
    print(f"goal: province < 5 s: {'met' if province_seconds < 5 else 'NOT met'}")
    print(f"goal: national < 30 s: {'met' if nation_seconds < 30 else 'NOT met'}")
    print(f"peak memory: {peak} MB")


if __name__ == "__main__":
    main()
