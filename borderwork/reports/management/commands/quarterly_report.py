"""python manage.py quarterly_report --unit province:binh-phuoc --quarter 2025Q2 -o report.pdf

The short form of `manage.py report` for a quarter (see `report.py`).
"""

from __future__ import annotations

from borderwork.periods import AnyPeriod
from borderwork.reports.management.commands.report import Command as ReportCommand
from borderwork.reports.management.commands.report import parse_quarter


class Command(ReportCommand):
    help = "Write a unit's quarterly report as a PDF in the administrative layout."

    def add_period_argument(self, parser) -> None:
        parser.add_argument("--quarter", required=True, help="YYYYQn, e.g. 2025Q2")

    def period_of(self, options) -> AnyPeriod:
        return parse_quarter(options["quarter"])
