"""A record list as a spreadsheet, the import template, and reading an uploaded file.

Exporters follow one contract: `render() -> (filename, content_type, bytes)`, and a CSV is
also given in pieces as it is written (`stream()`); views return those bytes and build
nothing themselves. The rows come from `export_rows`, in bulk. XLSX is for people
(Vietnamese headers, date cells shown dd/mm/yyyy, numbers as numbers, a totals row, frozen
header); CSV is for machines (UTF-8, commas, ISO dates, dot decimals). Both pass their text
through `borderwork.spreadsheets`, so no cell becomes a formula.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from tablib import Dataset

from borderwork.records.exchange import (
    TOTAL_LABEL,
    BooleanCell,
    ChoiceCell,
    DateCell,
    ManyCell,
    NumberCell,
    RecordResource,
    RelatedCell,
    TextCell,
    resource_for,
)
from borderwork.records.export_rows import export_rows
from borderwork.records.registry import RecordType
from borderwork.records.uploads import MAX_UPLOAD_BYTES
from borderwork.spreadsheets import csv_row, csv_value, set_cell, sheet_value

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
# Beyond this many rows a list is written by a background task, with its progress shown.
BACKGROUND_ROWS = 50_000
CHUNK = 2000


def list_rows(kind: RecordType, user, query: dict):
    """Exactly the rows the list shows for this query string (filters, sort), all pages."""
    rows = kind.queryset(user)
    filterset = kind.filterset(query, queryset=rows, request=SimpleNamespace(user=user))
    rows = filterset.qs if filterset.is_valid() else rows.none()
    table = kind.table(rows, order_by=query.get("sort") or None)
    return table.data.data


def base_name(kind: RecordType) -> str:
    return f"{kind.segment}-{timezone.localdate():%Y%m%d}"


@dataclass
class ListExport:
    """One list, filtered and sorted as on its page, as XLSX or CSV."""

    kind: RecordType
    user: object
    query: dict = field(default_factory=dict)
    progress: Callable[[int, int], None] | None = None

    content_type = ""
    extension = ""
    streams = False  # whether `stream()` gives the file in pieces as it is written

    def resource(self) -> RecordResource:
        return resource_for(self.kind, self.user)

    def rows(self):
        return list_rows(self.kind, self.user, self.query)

    def count(self) -> int:
        return self.rows().count()

    def filename(self) -> str:
        return f"{base_name(self.kind)}.{self.extension}"

    def _records(self, resource) -> Iterator[list]:
        rows = self.rows()
        total = rows.count() if self.progress else 0
        for done, values in enumerate(export_rows(resource, rows, CHUNK), start=1):
            yield values
            if self.progress and done % CHUNK == 0:
                self.progress(done, total)

    def stream(self) -> Iterator[bytes]:
        raise NotImplementedError

    def render(self) -> tuple[str, str, bytes]:
        return self.filename(), self.content_type, b"".join(self.stream())


class XLSXListExport(ListExport):
    content_type = XLSX_TYPE
    extension = "xlsx"

    def stream(self) -> Iterator[bytes]:
        resource = self.resource()
        widgets = [f.widget for f in resource.fields.values()]
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(str(self.kind.label)[:31])
        sheet.freeze_panes = "A2"
        for column, widget in enumerate(widgets, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = widget.width
        bold = Font(bold=True)
        header = []
        for title in resource.headers():
            cell = set_cell(WriteOnlyCell(sheet), title)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        # A styled cell per column of dates or numbers, filled again on every row (a
        # write-only sheet writes a row as it is appended); the other values go as they are.
        # Making a styled cell per value was most of the time a long list took.
        dates = {n: styled(sheet, DATE_FORMAT) for n, w in enumerate(widgets) if is_date(w)}
        numbers = {n: number_cells(sheet) for n, w in enumerate(widgets) if is_number(w)}
        totals = [0 if getattr(w, "numeric", False) else None for w in widgets]
        for values in self._records(resource):
            row = [sheet_value(sheet, value) for value in values]
            for column, cell in dates.items():
                if values[column] is not None:
                    cell.value = values[column]
                    row[column] = cell
            for column, (whole, fraction) in numbers.items():
                value = values[column]
                if isinstance(value, decimal.Decimal):
                    value = float(value)
                if isinstance(value, int | float):
                    cell = fraction if isinstance(value, float) else whole
                    cell.value = value
                    row[column] = cell
                    if totals[column] is not None:
                        totals[column] += value
            sheet.append(row)
        # The totals row is labelled in the id column, which an import skips.
        total_cells = []
        for column, total in enumerate(totals):
            cell = WriteOnlyCell(sheet)
            if column == 0:
                set_cell(cell, str(TOTAL_LABEL))
            elif total is not None:
                set_cell(cell, total)
                cell.number_format = number_format(total)
            cell.font = bold
            total_cells.append(cell)
        sheet.append(total_cells)
        out = io.BytesIO()
        workbook.save(out)
        yield out.getvalue()


DATE_FORMAT = "DD/MM/YYYY"


def number_format(value: int | float) -> str:
    return "#,##0.00" if isinstance(value, float) else "#,##0"


def styled(sheet, number_format: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet)
    cell.number_format = number_format
    return cell


def number_cells(sheet) -> tuple[WriteOnlyCell, WriteOnlyCell]:
    """A cell for whole numbers and one for decimals."""
    return styled(sheet, number_format(0)), styled(sheet, number_format(0.0))


def is_date(widget) -> bool:
    return isinstance(widget, DateCell)


def is_number(widget) -> bool:
    return isinstance(widget, NumberCell)


def csv_cell(value) -> object:
    """ISO dates, dot decimals, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


class CSVListExport(ListExport):
    content_type = CSV_TYPE
    extension = "csv"
    streams = True

    def stream(self) -> Iterator[bytes]:
        """The file a few hundred rows at a time, so a download starts at once."""
        resource = self.resource()
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(csv_row(resource.headers()))
        for done, values in enumerate(self._records(resource), start=1):
            writer.writerow([csv_value(csv_cell(value)) for value in values])
            if done % CSV_PIECE == 0:
                yield out.getvalue().encode("utf-8")
                out.seek(0)
                out.truncate()
        yield out.getvalue().encode("utf-8")


CSV_PIECE = 500  # rows


EXPORTERS = {"xlsx": XLSXListExport, "csv": CSVListExport}


# The import template ----------------------------------------------------------------------


def template_xlsx(kind: RecordType, user) -> tuple[str, str, bytes]:
    """An empty sheet with the headers, drop-downs of the choices and of the units the user
    may enter, and a sheet of instructions in Vietnamese."""
    resource = resource_for(kind, user)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(kind.label)[:31]
    lists = workbook.create_sheet(_("Danh mục")[:31])
    guide = workbook.create_sheet(_("Hướng dẫn")[:31])
    bold = Font(bold=True)
    list_column = 0
    for column, column_field in enumerate(resource.fields.values(), start=1):
        cell = set_cell(sheet.cell(1, column), column_field.column_name)
        cell.font = bold
        letter = get_column_letter(column)
        widget = column_field.widget
        sheet.column_dimensions[letter].width = widget.width
        if isinstance(widget, DateCell):
            for row in range(2, 1002):
                sheet.cell(row, column).number_format = "DD/MM/YYYY"
        options = choices_of(widget)
        if options:
            list_column += 1
            list_letter = get_column_letter(list_column)
            set_cell(lists.cell(1, list_column), column_field.column_name).font = bold
            for row, option in enumerate(options, start=2):
                set_cell(lists.cell(row, list_column), option)
            lists.column_dimensions[list_letter].width = 30
            source = f"'{lists.title}'!${list_letter}$2:${list_letter}${len(options) + 1}"
            validation = DataValidation(
                type="list", formula1=source, allow_blank=True, showErrorMessage=True
            )
            validation.error = _("Hãy chọn một mục trong danh sách.")
            validation.errorTitle = column_field.column_name
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}5000")
    sheet.freeze_panes = "A2"
    guide.column_dimensions["A"].width = 32
    guide.column_dimensions["B"].width = 100
    for line in instructions(kind, resource):
        guide.append([set_cell(WriteOnlyCell(guide), text) for text in line])
    guide["A1"].font = bold
    out = io.BytesIO()
    workbook.save(out)
    name = f"mau-nhap-{kind.segment}.xlsx"
    return name, XLSX_TYPE, out.getvalue()


def choices_of(widget) -> list[str]:
    if isinstance(widget, ManyCell):
        return []
    if isinstance(widget, RelatedCell):
        if widget.related.by_id:
            return []
        return sorted({str(obj) for obj in widget.related.field.queryset})
    if isinstance(widget, ChoiceCell):
        return list(widget.labels.values())
    if isinstance(widget, BooleanCell):
        return [_("Có"), _("Không")]
    return []


def instructions(kind: RecordType, resource: RecordResource) -> list[list[str]]:
    lines = [
        [_("Cách nhập %(list)s từ bảng tính") % {"list": kind.label}, ""],
        [
            "",
            _(
                "Mỗi dòng một hồ sơ, từ dòng 2 của trang đầu; giữ nguyên dòng tiêu đề. Cột “Mã "
                "số” để trống khi thêm hồ sơ mới; có mã số thì hồ sơ đó được sửa theo dòng. "
                "Tệp xuất từ danh sách cũng nhập lại được như vậy."
            ),
        ],
        [
            "",
            _(
                "Ngày viết dd/mm/yyyy (ví dụ 25/06/2025) hoặc là ô ngày của Excel; số viết "
                "không có dấu chấm ngăn cách hàng nghìn. Các cột có danh sách thả xuống chỉ "
                "nhận mục trong danh sách (xã, đồn anh/chị được nhập)."
            ),
        ],
        [
            "",
            _(
                "Tải tệp lên, xem trước từng dòng (mới, thay đổi, không đổi, lỗi kèm số dòng), "
                "rồi bấm “Nhập”. Còn một dòng lỗi thì không dòng nào được ghi."
            ),
        ],
        ["", ""],
        [_("Cột"), _("Cách ghi")],
    ]
    for name, column_field in resource.fields.items():
        lines.append([column_field.column_name, describe(name, column_field, resource)])
    return lines


def describe(name: str, column_field, resource: RecordResource) -> str:
    widget = column_field.widget
    form_field = resource.prototype.fields.get(name)
    required = (
        _("bắt buộc") if form_field is not None and form_field.required else _("không bắt buộc")
    )
    if name == "id":
        return _("Để trống với hồ sơ mới; mã số của hồ sơ cần sửa.")
    if column_field.readonly:
        return _("Chỉ để đọc; không cần ghi, không được nhập.")
    if isinstance(widget, DateCell):
        what = _("ngày dd/mm/yyyy")
    elif isinstance(widget, NumberCell):
        what = _("số")
    elif isinstance(widget, ManyCell):
        what = _("các tên cách nhau bằng dấu “;”")
    elif isinstance(widget, RelatedCell):
        what = _("mã số hồ sơ") if widget.related.by_id else _("chọn trong danh sách")
    elif isinstance(widget, ChoiceCell | BooleanCell):
        what = _("chọn trong danh sách")
    elif isinstance(widget, TextCell):
        what = _("văn bản")
    else:
        what = _("văn bản")
    help_text = str(form_field.help_text) if form_field is not None and form_field.help_text else ""
    return " ".join(part for part in (f"{what.capitalize()}, {required}.", help_text) if part)


# Reading an upload ------------------------------------------------------------------------


class BadFile(ValueError):
    """A file that cannot be read as a spreadsheet; the message says why, in Vietnamese."""


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old .xls (Excel 97-2003)
ZIP = b"PK\x03\x04"


@dataclass
class Sheet:
    dataset: Dataset
    row_numbers: list[int]  # the spreadsheet's row of each dataset row


def read_upload(name: str, content: bytes) -> Sheet:
    """The rows of an uploaded XLSX or CSV, by their content rather than their name."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise BadFile(
            _("Tệp lớn hơn 10 MB (%(size)s MB): hãy chia thành nhiều tệp nhỏ hơn.")
            % {"size": f"{len(content) / 1024 / 1024:.1f}".replace(".", ",")}
        )
    if not content.strip():
        raise BadFile(_("Tệp trống."))
    if content.startswith(OLE):
        raise BadFile(
            _(
                "Đây là tệp Excel 97-2003 (.xls), không đọc được. Hãy mở trong Excel và "
                "“Lưu thành” Sổ làm việc Excel (.xlsx), rồi tải lên lại."
            )
        )
    if content.startswith(ZIP):
        return read_xlsx(content)
    if name.lower().endswith((".xlsx", ".xlsm", ".xls")) or b"\x00" in content[:4096]:
        raise BadFile(
            _("Tệp này không phải bảng tính XLSX hay CSV (nội dung không đúng), nên không đọc.")
        )
    return read_csv(content)


def read_xlsx(content: bytes) -> Sheet:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise BadFile(_("Tệp này không phải bảng tính XLSX đọc được, nên không đọc.")) from error
    try:
        sheet = workbook.worksheets[0]
        lines = (
            (number, list(values))
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        )
        return to_sheet(lines)
    finally:
        workbook.close()


def read_csv(content: bytes) -> Sheet:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadFile(
            _("Tệp CSV phải ở mã UTF-8; hãy lưu lại với “CSV UTF-8 (phân cách bằng dấu phẩy)”.")
        ) from error
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        return to_sheet((reader.line_num, row) for row in reader)
    except csv.Error as error:
        raise BadFile(_("Tệp CSV hỏng: %(error)s") % {"error": error}) from error


def to_sheet(lines) -> Sheet:
    """The header and the rows under it; blank rows and the export's totals row are left out."""
    headers = None
    rows, numbers = [], []
    for number, values in lines:
        if headers is None:
            if not any(v not in (None, "") for v in values):
                continue
            headers = [str(v).strip() if v is not None else "" for v in values]
            while headers and not headers[-1]:
                headers.pop()
            continue
        values = list(values[: len(headers)]) + [None] * (len(headers) - len(values))
        if not any(v not in (None, "") and str(v).strip() for v in values):
            continue
        if str(values[0] or "").strip() == str(TOTAL_LABEL):
            continue
        rows.append(values)
        numbers.append(number)
    if headers is None:
        raise BadFile(_("Tệp không có dòng tiêu đề."))
    if len(set(headers)) != len(headers):
        raise BadFile(_("Tệp có hai cột cùng tiêu đề."))
    return Sheet(Dataset(*rows, headers=headers), numbers)


def check_headers(resource: RecordResource, headers: list[str]) -> None:
    """Every column the import needs, and no column it does not know."""
    wanted = [f.column_name for f in resource.fields.values() if not f.readonly]
    optional = {f.column_name for f in resource.fields.values() if f.readonly}
    missing = [h for h in wanted if h not in headers]
    unknown = [h for h in headers if h not in wanted and h not in optional]
    problems = []
    if missing:
        columns = ", ".join(f"“{h}”" for h in missing)
        problems.append(_("thiếu cột %(columns)s") % {"columns": columns})
    if unknown:
        problems.append(
            _("có cột không nhận ra %(columns)s")
            % {"columns": ", ".join(f"“{h}”" for h in unknown)}
        )
    if problems:
        raise BadFile(
            _("Tiêu đề của tệp không đúng mẫu: %(problems)s. Hãy dùng tệp mẫu của danh sách này.")
            % {"problems": "; ".join(problems)}
        )


def safe_filename(kind: RecordType, extension: str) -> str:
    return f"{slugify(kind.segment)}.{extension}"
