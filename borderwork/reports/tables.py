"""The tables of a report: one `ReportTable` type that the HTML preview, the PDF
and the XLSX all render, and the functions that build each table from the figures."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from borderwork.indicators import charts
from borderwork.indicators.catalogue import BY_CODE
from borderwork.indicators.values import figure, rounded
from borderwork.periods import Quarter, Year
from borderwork.reports.content import UNIT_TABLE, Numbers, shown
from borderwork.templatetags.borderwork_tags import number
from cadres.models import AssignmentKind
from programmes.models import OutputUnit

# The columns of an indicator table: this quarter, the one before, the same one a year ago.
WHENS = ("now", "previous", "last_year")
# Headings of the table by unit, short enough for an A4 page.
UNIT_HEADINGS = {"province": "Tỉnh", "station": "Đồn Biên phòng", "commune": "Xã, phường"}
UNIT_COLUMNS = {
    "committee_officer": "Có CB đồn trong cấp ủy (%)",
    "cells_with_bg_member": "Chi bộ có ĐV đồn (%)",
    "houses": "Nhà tặng (căn)",
    "landmarks": "Mốc tự quản (mốc)",
    "completeness": "Đủ dữ liệu (%)",
}


@dataclass
class ReportTable:
    """A table of the report: formatted `rows` to read, the numbers behind them in `raw`."""

    caption: str
    columns: list[str]
    numeric: list[bool]  # per column: whether it holds figures (right-aligned, numbers in XLSX)
    rows: list[list[str]]
    raw: list[list]
    total: list[str] | None = None
    raw_total: list | None = None

    @property
    def lines(self) -> list[list[tuple[str, bool]]]:
        """Each row's cells paired with whether they are figures, for the HTML preview."""
        return [list(zip(row, self.numeric, strict=True)) for row in self.rows]


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _columns_of(period) -> tuple[tuple[str, ...], list[str]]:
    """The value columns of an indicator table and their headings: a quarter beside the one
    before and the same one a year ago; six months or a year beside the same period a year
    before (the figures of a longer period: flows added up, the rest as at its end)."""
    if isinstance(period, Quarter):
        return WHENS, [period.label, period.shift(-1).label, f"Cùng kỳ {period.year - 1}"]
    if isinstance(period, Year):
        return ("now", "last_year"), [period.label, period.year_before().label]
    return ("now", "last_year"), [period.label, f"Cùng kỳ {period.year - 1}"]


def indicator_table(numbers: Numbers, codes: list[str], caption: str) -> ReportTable:
    """Indicators by row: this period, the comparisons and the target."""
    whens, headings = _columns_of(numbers.period)
    columns = ["Chỉ tiêu", "Đơn vị", *headings, "Mục tiêu"]
    rows, raw = [], []
    for code in codes:
        indicator = BY_CODE[code]
        values = [rounded(indicator, numbers.value(code, when)) for when in whens]
        rows.append(
            [indicator.name_vi, indicator.unit_vi]
            + [numbers.whole(code, when) for when in whens]
            + [number(indicator.target) if indicator.target is not None else "—"]
        )
        raw.append(
            [indicator.name_vi, indicator.unit_vi]
            + [None if v is None else float(v) for v in values]
            + [None if indicator.target is None else float(indicator.target)]
        )
    numeric = [False, False] + [True] * (len(whens) + 1)
    return ReportTable(caption, columns, numeric, rows, raw)


def units_table(table: dict, caption: str) -> ReportTable:
    """The child units of a snapshot's table (`units`), a row each."""
    codes = UNIT_TABLE
    columns = ["TT", UNIT_HEADINGS.get(table["level"], table["title"])]
    columns += [UNIT_COLUMNS[code] for code in codes]
    rows, raw = [], []
    for index, row in enumerate(table["rows"], 1):
        values = [rounded(BY_CODE[c], _decimal(row["values"].get(c))) for c in codes]
        rows.append(
            [str(index), row["name"]]
            + [figure(BY_CODE[c], v) for c, v in zip(codes, values, strict=True)]
        )
        raw.append([index, row["name"]] + [None if v is None else float(v) for v in values])
    rest = table.get("remainder")
    if rest:
        values = [rounded(BY_CODE[c], _decimal(rest["values"].get(c))) for c in codes]
        rows.append(
            ["", rest["name"]] + [figure(BY_CODE[c], v) for c, v in zip(codes, values, strict=True)]
        )
        raw.append([None, rest["name"]] + [None if v is None else float(v) for v in values])
    return ReportTable(caption, columns, [True, False] + [True] * len(codes), rows, raw)


def programme_table(data: dict, caption: str) -> ReportTable:
    """What each programme gave, with a total."""
    rows, raw = [], []
    for index, row in enumerate(data["programmes"], 1):
        unit = str(OutputUnit(row["unit"]).label) if row["unit"] in OutputUnit.values else ""
        rows.append(
            [
                str(index),
                row["name"],
                number(row["records"]),
                f"{number(row['quantity'])} {unit}".strip(),
                number(row["value"]),
            ]
        )
        raw.append([index, row["name"], row["records"], row["quantity"], row["value"]])
    table = ReportTable(
        caption,
        ["TT", "Chương trình", "Lượt hỗ trợ", "Số lượng", "Giá trị (đồng)"],
        [True, False, True, True, True],
        rows,
        raw,
    )
    if raw:
        records = sum(r[2] for r in raw)
        value = sum(r[4] for r in raw)
        table.total = ["", "Cộng", number(records), "", number(value)]
        table.raw_total = ["", "Cộng", records, None, value]
    return table


def assignment_table(data: dict, caption: str) -> ReportTable:
    """Officers and communes by kind of assignment."""
    rows, raw = [], []
    for index, row in enumerate(data["assignments"], 1):
        label = str(AssignmentKind(row["kind"]).label)
        rows.append([str(index), label, number(row["officers"]), number(row["communes"])])
        raw.append([index, label, row["officers"], row["communes"]])
    return ReportTable(
        caption,
        ["TT", "Hình thức tham gia", "Số cán bộ", "Số xã"],
        [True, False, True, True],
        rows,
        raw,
    )


def trend_chart(numbers: Numbers, code: str, caption: str) -> dict:
    """An indicator's trend as SVG, its caption giving every point in words."""
    indicator = BY_CODE[code]
    labels, values = numbers.trend_labels, numbers.trend(code)
    svg = charts.indicator_chart(
        indicator,
        labels,
        values,
        lambda value: shown(indicator, value),
        title=indicator.name_vi,
        chart_id=f"report-{code}",
        figure=False,
        font_family="Tinos",
    )
    points = "; ".join(
        f"{label}: {shown(indicator, value)}" for label, value in zip(labels, values, strict=True)
    )
    return {"caption": f"{caption} ({points}).", "svg": svg}
