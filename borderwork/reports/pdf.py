"""The quarterly report as a PDF in the layout of Decree 30/2020/NĐ-CP, drawn by WeasyPrint.

Only files under `static/` may be fetched; the same context gives the same bytes.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML, URLFetcher
from weasyprint.urls import FatalURLFetchingError

from borderwork.reports.tables import ReportTable


def static_dir() -> Path:
    return Path(settings.BASE_DIR) / "static"


def vietnamese_date(day: datetime.date) -> str:
    """'ngày 05 tháng 7 năm 2025': as the decree writes it, a leading zero on days 1–9 and on
    months 1 and 2 (so "tháng 01" cannot be read as "tháng 10" after a hand edit)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


class RefusedResource(ValueError):
    """The page asked for something other than a file under static/."""


class StaticOnlyFetcher(URLFetcher):
    """Serves files under `static/` and refuses every other URL, stopping the render."""

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols={"file"}, fail_on_errors=True)
        self.root = root.resolve()

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedResource(f"the report may only read files under static/, not {url}")
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise RefusedResource(f"the report may only read files under static/, not {url}")
        return super().fetch(path.as_uri(), headers)


def _cells(row: list, numeric: list[bool]) -> list[dict]:
    return [{"text": text, "numeric": num} for text, num in zip(row, numeric, strict=True)]


ORDINAL = "TT"  # the decree's "thứ tự" column: narrow, numbers centred


def _head(columns: list[str], numeric: list[bool], figure_width: int) -> list[dict]:
    cells = _cells(columns, numeric)
    for cell in cells:
        cell["ordinal"] = cell["text"] == ORDINAL
        cell["width"] = 6 if cell["ordinal"] else figure_width if cell["numeric"] else None
    return cells


def _table(table: ReportTable) -> dict:
    """The table with each cell paired with whether its column holds figures (right-aligned)."""
    numeric = table.numeric
    # A figure column gets room for a heading of two or three short lines, the figures
    # together at most 60 %; texts (names of communes, indicators) take the rest.
    figures = sum(num for num, name in zip(numeric, table.columns, strict=True) if name != ORDINAL)
    figure_width = min(14, 60 // max(figures, 1))
    return {
        "caption": table.caption,
        "figure_width": figure_width,
        "head_cells": _head(table.columns, numeric, figure_width),
        "cells": [_cells(row, numeric) for row in table.rows],
        "total_cells": _cells(table.total, numeric) if table.total else None,
    }


def page_context(context: dict) -> dict:
    """The render context as the template reads it: the date in words, cells paired."""
    sections = [
        {
            **section,
            "parts": [
                {**part, "tables": [_table(table) for table in part.get("tables", [])]}
                for part in section.get("parts", [])
            ],
        }
        for section in context["sections"]
    ]
    return {**context, "date_text": vietnamese_date(context["date"]), "sections": sections}


def render_pdf(context: dict) -> bytes:
    """The report's PDF for a render context (see the template for its keys)."""
    root = static_dir()
    html = render_to_string("reports/pdf.html", page_context(context))
    document = HTML(string=html, base_url=f"{root.as_uri()}/", url_fetcher=StaticOnlyFetcher(root))
    try:
        # No pdf_identifier: the file ID would be random; WeasyPrint writes no dates of its own.
        return document.write_pdf(pdf_identifier=False)
    except FatalURLFetchingError as error:  # a BaseException, which a task would not catch
        raise RefusedResource(str(error.__cause__ or error)) from error
