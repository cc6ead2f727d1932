"""The admin's import-export formats (EXPORT_FORMATS in settings): CSV and XLSX whose text
cells cannot become formulas (borderwork/spreadsheets.py)."""

from __future__ import annotations

import io

from import_export.formats import base_formats
from openpyxl import Workbook

from borderwork.spreadsheets import csv_row, set_cell


class CSV(base_formats.CSV):
    def export_data(self, dataset, **kwargs):
        safe = dataset.__class__(headers=dataset.headers)
        for row in dataset:
            safe.append(csv_row(row))
        return super().export_data(safe, **kwargs)


class XLSX(base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = (dataset.title or "Export")[:31]
        rows = [dataset.headers or [], *dataset]
        for row_number, row in enumerate(rows, start=1):
            for column, value in enumerate(row, start=1):
                set_cell(sheet.cell(row_number, column), value)
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()


# import-export keeps numbers as numbers only for the formats in BINARY_FORMATS (else it
# turns every value into text first); ours is the same XLSX.
if XLSX not in base_formats.BINARY_FORMATS:
    base_formats.BINARY_FORMATS.append(XLSX)

# Imports accept the same two formats; only what is written out needs neutralising.
FORMATS = [CSV, XLSX]
