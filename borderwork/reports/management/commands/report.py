"""python manage.py report --unit province:quang-binh --period 2024 -o report.pdf

The report of a unit and period (2025Q2 a quarter, 2025H1 the six-month review, 2025 the
annual review) as a PDF (and, with --xlsx, its tables): the approved report's frozen figures
and words if there is one; otherwise the draft's words, or a draft written now from the
snapshot, over the live figures (marked DỰ THẢO). A unit that has since merged is reported
under its name of the time, for the periods it existed at the end of; `quarterly_report
--quarter 2025Q2` is the short form for a quarter.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from borderwork.periods import AnyPeriod, HalfYear, Quarter, parse_code
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
    period = parse_code(text)
    if not isinstance(period, Quarter):
        raise CommandError(f"--quarter: expected YYYYQn such as 2025Q2, got {text!r}")
    return period


def parse_period(text: str) -> AnyPeriod:
    period = parse_code(text)
    if period is None or (isinstance(period, HalfYear) and period.number != 1):
        raise CommandError(
            "--period: expected YYYYQn (a quarter), YYYYH1 (the first six months; the second "
            f"are the annual review's) or YYYY (a year), such as 2025Q2, 2025H1, 2024; got {text!r}"
        )
    return period


def document_for(level: str, unit, period: AnyPeriod) -> tuple[Document, dict, str]:
    """(the document, its figures, where they come from)."""
    report = Report.objects.of(level, unit, period).first() if unit is not None else None
    if report is not None:
        origin = "approved report" if report.is_approved else "draft report"
        return workflow.document_of(report), workflow.figures_of(report), origin
    if unit is not None:
        try:
            unit.validate_period(period)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
    data = content.snapshot(level, unit.pk if unit else None, period)
    name = content.subject(level, unit)
    signer = content.political_officer(level, unit)
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
        signer_name=signer.full_name if signer else "",
        signer_rank=signer.rank if signer else "",
        draft=True,
    )
    return document, data, "snapshot"


class Command(BaseCommand):
    help = (
        "Write a unit's report (a quarter, the six-month or the annual review) as a PDF in the "
        "administrative layout."
    )

    def add_period_argument(self, parser) -> None:
        parser.add_argument(
            "--period",
            required=True,
            help="2025Q2 (a quarter), 2025H1 (the six-month review) or 2025 (the annual one)",
        )

    def period_of(self, options) -> AnyPeriod:
        return parse_period(options["period"])

    def add_arguments(self, parser):
        parser.add_argument(
            "--unit", required=True, help="province:<slug>, station:<slug> or nation"
        )
        self.add_period_argument(parser)
        parser.add_argument("-o", "--output", required=True, help="the PDF file to write")
        parser.add_argument("--xlsx", help="also write the report's tables to this XLSX file")

    def handle(self, *args, unit, output, xlsx=None, **options):
        from borderwork.reports.pdf import render_pdf
        from borderwork.reports.workbook import render_xlsx

        level, found = parse_unit(unit)
        period = self.period_of(options)
        started = time.perf_counter()
        try:
            document, data, origin = document_for(level, found, period)
        except content.NoFigures:
            raise CommandError(
                f"the indicator snapshot has no figures for {unit} in {period.code}; "
                "run `python manage.py rebuild_indicators` first"
            ) from None
        context = render_context(document, data)
        Path(output).write_bytes(render_pdf(context))
        if xlsx:
            Path(xlsx).write_bytes(render_xlsx(context))
        seconds = time.perf_counter() - started
        self.stdout.write(f"{output}: {context['title']} ({origin}, {seconds:.2f} s)")
