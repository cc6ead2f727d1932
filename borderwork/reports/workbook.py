"""The quarterly report's tables as an XLSX workbook: one sheet per `ReportTable`.

Figures are numbers (`raw`) shown with as many decimals as the PDF's text, so both read alike.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from borderwork.reports.tables import ReportTable

NUMBERS = (int, float, Decimal)
TITLE_LIMIT = 31  # Excel's longest sheet name
NOT_IN_TITLES = re.compile(r"[\[\]:*?/\\]")
DECIMALS = re.compile(r",(\d+)")


def tables(context: dict) -> Iterator[ReportTable]:
    for section in context["sections"]:
        for part in section.get("parts", []):
            yield from part.get("tables", [])


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters, cut between words where a word boundary is near."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0]
    return (cut if len(cut) > limit // 2 else text[:limit]).rstrip(" .,;-")


def sheet_title(caption: str, taken: set[str]) -> str:
    """The caption as a sheet name: without the characters Excel refuses, at most 31
    characters, unique in the workbook (case does not count)."""
    base = " ".join(NOT_IN_TITLES.sub(" ", caption).split()).strip("'") or "Bảng"
    title, count = _cut(base, TITLE_LIMIT), 1
    while title.casefold() in taken:
        count += 1
        suffix = f" ({count})"
        title = _cut(base, TITLE_LIMIT - len(suffix)) + suffix
    taken.add(title.casefold())
    return title


def number_format(text: str) -> str:
    """'1.234' -> '#,##0', '12,5' -> '#,##0.0': as many decimals as the PDF shows."""
    decimals = DECIMALS.search(text or "")
    return "#,##0" + ("." + "0" * len(decimals.group(1)) if decimals else "")


def _write_row(sheet: Worksheet, row: int, texts: list, raws: list, numeric: list[bool]) -> None:
    for column, (text, raw, num) in enumerate(zip(texts, raws, numeric, strict=True), start=1):
        cell = sheet.cell(row, column)
        if num:
            cell.value = raw if isinstance(raw, NUMBERS) else None
            cell.number_format = number_format(text)
        else:
            cell.value = text


def _widths(sheet: Worksheet, table: ReportTable) -> None:
    """Wide enough for the longest text of a column, within reason."""
    texts = [table.columns, *table.rows]
    if table.total:
        texts.append(table.total)
    for column in range(len(table.columns)):
        longest = max(len(str(row[column] or "")) for row in texts)
        sheet.column_dimensions[get_column_letter(column + 1)].width = min(max(longest + 2, 8), 60)


def _sheet(workbook: Workbook, table: ReportTable, taken: set[str]) -> None:
    sheet = workbook.create_sheet(sheet_title(table.caption, taken))
    columns, numeric = table.columns, table.numeric
    sheet.cell(1, 1, table.caption).font = Font(bold=True, size=12)
    for column, name in enumerate(columns, start=1):
        cell = sheet.cell(2, column, name)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    row = 3
    for texts, raws in zip(table.rows, table.raw, strict=True):
        _write_row(sheet, row, texts, raws, numeric)
        row += 1
    if table.total:
        _write_row(sheet, row, table.total, table.raw_total, numeric)
        for cell in sheet[row]:
            cell.font = Font(bold=True)
    sheet.freeze_panes = "A3"
    _widths(sheet, table)


def render_xlsx(context: dict) -> bytes:
    """The report's tables, a sheet each, as XLSX bytes."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = context["title"]
    workbook.properties.creator = context.get("issuer", "")
    taken: set[str] = set()
    for table in tables(context):
        _sheet(workbook, table, taken)
    if not workbook.worksheets:  # a workbook must hold a sheet; say why this one is empty
        workbook.create_sheet("Bảng").cell(1, 1, "Báo cáo không có bảng số liệu.")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
