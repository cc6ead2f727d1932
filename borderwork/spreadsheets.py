"""Cells that stay what a person typed: no text in a CSV or XLSX the app writes is a formula.

A spreadsheet evaluates a cell that begins with =, +, -, @ (and, in a CSV, after a tab or a
carriage return): a recipient named `=HYPERLINK(...)` would become a live link. Every CSV and
XLSX the project writes passes its values through here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from openpyxl.cell.cell import ERROR_CODES, Cell, WriteOnlyCell

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A plain number ("-5", "+84", "-1.234,5") is read as a number, never as a formula.
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d[\d.,]*|[.,]\d+)(?:[eE][+-]?\d+)?")


def looks_like_formula(value: object) -> bool:
    return (
        isinstance(value, str) and value.startswith(TRIGGERS) and not PLAIN_NUMBER.fullmatch(value)
    )


def csv_value(value: object) -> object:
    """The value for a CSV cell: a formula-looking text gets a leading apostrophe.

    The apostrophe is what spreadsheets themselves use to mark a cell as text; numbers
    (including negative ones) pass unchanged.
    """
    return "'" + value if looks_like_formula(value) else value


def csv_row(values: Iterable[object]) -> list[object]:
    return [csv_value(value) for value in values]


def set_cell(cell: Cell, value: object) -> Cell:
    """Put a value in an XLSX cell; a text is stored as text, exactly as typed, never a formula."""
    cell.value = value
    if isinstance(value, str):
        # openpyxl makes any text beginning with '=' a formula; a cell typed as a string
        # shows the same characters and is never evaluated.
        cell.data_type = "s"
    return cell


def sheet_value(sheet, value: object) -> object:
    """A value for a write-only sheet's `append`: itself, or a text cell where openpyxl would
    make the text a formula (or an error value such as #N/A)."""
    if isinstance(value, str) and (value.startswith("=") or value in ERROR_CODES):
        return set_cell(WriteOnlyCell(sheet), value)
    return value


def append_row(sheet, values: Iterable[object]) -> None:
    """sheet.append, with every text cell stored as text."""
    row = sheet.max_row + 1 if sheet.max_row > 1 or sheet.cell(1, 1).value is not None else 1
    for column, value in enumerate(values, start=1):
        set_cell(sheet.cell(row, column), value)
