"""python manage.py quarterly_report --unit province:binh-phuoc --quarter 2025Q2 -o report.pdf

The report of a unit and quarter as a PDF (and, with --xlsx, its tables): the approved
report's frozen figures and words if there is one; otherwise the draft's words, or a draft
written now from the snapshot, over the live figures (marked DỰ THẢO). A unit that has since
merged is reported under its name of the time.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from borderwork.periods import Quarter
from borderwork.reports import content, workflow
from borderwork.reports.document import Document, render_context
from borderwork.reports.models import Report
from communes.models import Province, Station

UNITS = {"province": Province, "station": Station}


def parse_unit(text: str):
    """'province:<slug>' | 'station:<slug>' | 'nation' -> (level, unit or None)."""
    if text == "nation":
        return "nation", None
    level, _colon, slug = text.partition(":")
    model = UNITS.get(level)
    if model is None or not slug:
        raise CommandError(
            f"--unit: expected province:<slug>, station:<slug> or nation, got {text!r}"
        )
    unit = model.objects.filter(slug=slug).first()
    if unit is None:
        raise CommandError(f"--unit: no {level} with slug {slug!r}")
    return level, unit


def parse_quarter(text: str) -> Quarter:
    match = re.fullmatch(r"(\d{4})Q([1-4])", text.strip().upper())
    if not match:
        raise CommandError(f"--quarter: expected YYYYQn such as 2025Q2, got {text!r}")
    return Quarter(int(match[1]), int(match[2]))


def document_for(level: str, unit, quarter: Quarter) -> tuple[Document, dict, str]:
    """(the document, its figures, where they come from)."""
    report = Report.objects.of(level, unit, quarter).first() if unit is not None else None
    if report is not None:
        origin = "approved report" if report.is_approved else "draft report"
        return workflow.document_of(report), workflow.figures_of(report), origin
    data = content.snapshot(level, unit.pk if unit else None, quarter)
    name = str(unit) if unit else "Bộ đội Biên phòng"
    document = Document(
        level=level,
        unit=unit,
        number="",
        place=getattr(unit, "name", "Hà Nội")
        if level == "province"
        else (unit.province.name if unit else "Hà Nội"),
        dated=timezone.localdate(),
        texts={
            **content.draft_texts(content.Numbers(data), name),
            "shortcomings": "",
            "direction": "",
        },
        recipients=[],
        signer_name="",
        draft=True,
    )
    return document, data, "snapshot"


class Command(BaseCommand):
    help = "Write a unit's quarterly report as a PDF in the administrative layout."

    def add_arguments(self, parser):
        parser.add_argument(
            "--unit", required=True, help="province:<slug>, station:<slug> or nation"
        )
        parser.add_argument("--quarter", required=True, help="YYYYQn, e.g. 2025Q2")
        parser.add_argument("-o", "--output", required=True, help="the PDF file to write")
        parser.add_argument("--xlsx", help="also write the report's tables to this XLSX file")

    def handle(self, *args, unit, quarter, output, xlsx=None, **options):
        from borderwork.reports.pdf import render_pdf
        from borderwork.reports.workbook import render_xlsx

        level, found = parse_unit(unit)
        period = parse_quarter(quarter)
        started = time.perf_counter()
        try:
            document, data, origin = document_for(level, found, period)
        except content.NoFigures:
            raise CommandError(
                f"the indicator snapshot has no figures for {unit} in {quarter}; "
                "run `python manage.py rebuild_indicators` first"
            ) from None
        context = render_context(document, data)
        Path(output).write_bytes(render_pdf(context))
        if xlsx:
            Path(xlsx).write_bytes(render_xlsx(context))
        seconds = time.perf_counter() - started
        self.stdout.write(f"{output}: {context['title']} ({origin}, {seconds:.2f} s)")
