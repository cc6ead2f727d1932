"""The dashboard's table as CSV or XLSX, from the same `figures()` the page reads.

An exporter takes a `Figures` and `render()`s `(filename, content_type, bytes)`; views only
return those bytes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal

from django.utils.text import slugify
from django.utils.translation import gettext as _

from borderwork.indicators.figures import Figures
from borderwork.indicators.models import UnitLevel, View
from borderwork.indicators.values import rounded


class DashboardExporter:
    """One row for the unit, then one per child unit; a column per indicator."""

    extension = ""
    content_type = ""

    def __init__(self, figures: Figures) -> None:
        self.figures = figures

    @property
    def filename(self) -> str:
        unit = self.figures.unit
        # slugify() drops "Đ", which has no decomposition; it reads as "D".
        name = slugify(unit.name.replace("Đ", "D").replace("đ", "d")) if unit.obj else "toan-quoc"
        quarter = self.figures.quarter
        when = f"{quarter.year}-q{quarter.number}" if quarter else "chua-co-so-lieu"
        return f"bang-chi-tieu-{name}-{when}-{self.figures.view}.{self.extension}"

    def header(self) -> list[str]:
        indicators = self._indicators()
        return [
            _("Quý"),
            _("Cách tính"),
            _("Cấp"),
            _("Đơn vị"),
            *[f"{indicator.name} ({indicator.unit})" for indicator in indicators],
        ]

    def _indicators(self):
        if self.figures.tables:
            return self.figures.tables[0].indicators
        return [figure.indicator for figure in self.figures.figures]

    def rows(self) -> Iterator[list]:
        """Plain values: text, and numbers rounded as the page shows them (None if missing)."""
        quarter = self.figures.quarter
        if quarter is None:
            return
        indicators = self._indicators()
        view = str(View(self.figures.view).label)
        total = self.figures.total
        for row in [total, *(row for table in self.figures.tables for row in table.rows)]:
            yield [
                quarter.label,
                view,
                str(UnitLevel(row.level).label),
                row.name,
                *[rounded(indicator, row.value(indicator.code)) for indicator in indicators],
            ]

    def render(self) -> tuple[str, str, bytes]:
        raise NotImplementedError


class CSVExporter(DashboardExporter):
    extension = "csv"
    content_type = "text/csv; charset=utf-8"

    def render(self) -> tuple[str, str, bytes]:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(self.header())
        for row in self.rows():
            writer.writerow(["" if value is None else value for value in row])
        # The byte-order mark lets Excel open the Vietnamese text as UTF-8.
        return self.filename, self.content_type, out.getvalue().encode("utf-8-sig")


class XLSXExporter(DashboardExporter):
    extension = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def render(self) -> tuple[str, str, bytes]:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Bảng chỉ tiêu")[:31]
        sheet.append(self.header())
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        indicators = self._indicators()
        for row in self.rows():
            sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
            for offset, indicator in enumerate(indicators, start=5):
                sheet.cell(sheet.max_row, offset).number_format = (
                    "0.0" if indicator.ratio else "#,##0"
                )
        sheet.freeze_panes = "E2"
        sheet.column_dimensions["D"].width = 36
        out = io.BytesIO()
        workbook.save(out)
        return self.filename, self.content_type, out.getvalue()


EXPORTERS: dict[str, type[DashboardExporter]] = {"csv": CSVExporter, "xlsx": XLSXExporter}
