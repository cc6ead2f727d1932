"""A quarterly report laid out: the render context of its HTML preview, PDF and XLSX
(see templates/reports/pdf.html), from the report's own words and its figures."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import translation

from borderwork.indicators.catalogue import BY_CODE
from borderwork.periods import Quarter
from borderwork.reports.content import Numbers, quarter_label
from borderwork.reports.tables import (
    ReportTable,
    assignment_table,
    indicator_table,
    programme_table,
    trend_chart,
    units_table,
)
from borderwork.reports.targets import target_table

# The indicators each part of the report tells about, in the order of its table.
SITUATION = ["completeness", "poor_rate"]
POLITICS = [
    "committee_officer",
    "officers_reinforced",
    "cells_with_bg_member",
    "council_delegates",
    "front_members",
    "regulations_in_force",
    "regulations_due",
    "party_admissions",
    "cadre_candidates",
    "course_participants",
    "course_minority",
]
PROGRAMMES = ["houses", "children", "support_value", "models_recognised", "poor_rate"]
BORDERS = ["collectives", "households", "landmarks"]
# The trend charts of each part.
CHARTS = {"politics": ["committee_officer"], "programmes": ["houses"], "borders": ["landmarks"]}


def issuer_lines(level: str, unit) -> tuple[str, str]:
    """(the superior body, the issuing body), upper case as the decree sets them."""
    if level == "station":
        province = unit.province
        parent = province.command_name or f"Bộ Chỉ huy Bộ đội Biên phòng tỉnh {province.name}"
        return parent.upper(), str(unit).upper()
    if level == "province":
        name = unit.command_name or f"Bộ Chỉ huy Bộ đội Biên phòng tỉnh {unit.name}"
        return "BỘ TƯ LỆNH BỘ ĐỘI BIÊN PHÒNG", name.upper()
    return "BỘ QUỐC PHÒNG", "BỘ TƯ LỆNH BỘ ĐỘI BIÊN PHÒNG"


def title(quarter: Quarter) -> str:
    """The report's title, naming its quarter."""
    return (
        "Kết quả tham gia xây dựng hệ thống chính trị cơ sở khu vực biên giới, "
        f"{quarter_label(quarter)}"
    )


@dataclass
class Document:
    """Everything the PDF needs besides the figures: the report's own words and names."""

    level: str
    unit: object
    number: str
    place: str
    dated: datetime.date
    texts: dict[str, str]
    recipients: list[str]
    signer_name: str
    draft: bool


def _paragraphs(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\r\n", "\n").split("\n") if part.strip()]


def _numbered(sections: list[dict]) -> list[dict]:
    """Number the tables and the charts in the order they appear: 'Bảng 1.', 'Biểu đồ 1.'."""
    tables = drawings = 0
    for section in sections:
        for part in section["parts"]:
            for table in part["tables"]:
                tables += 1
                table.caption = f"Bảng {tables}. {table.caption}"
            for chart in part["charts"]:
                drawings += 1
                chart["caption"] = f"Biểu đồ {drawings}. {chart['caption']}"
    return sections


def _part(
    heading: str,
    text: str,
    tables: list[ReportTable] = (),
    chart_codes=(),
    numbers: Numbers | None = None,
) -> dict:
    return {
        "heading": heading,
        "paragraphs": _paragraphs(text),
        "tables": list(tables),
        "charts": [
            trend_chart(numbers, code, f"{BY_CODE[code].name_vi} qua 8 quý") for code in chart_codes
        ],
    }


def _section(heading: str, text: str = "", parts=()) -> dict:
    return {"heading": heading, "paragraphs": _paragraphs(text), "parts": list(parts)}


def render_context(document: Document, data: dict) -> dict:
    """The dict `pdf.render_pdf` and `workbook.render_xlsx` take (see their template)."""
    with translation.override("vi"):
        numbers = Numbers(data)
        quarter = numbers.quarter
        texts = document.texts
        parts = [
            _part(
                "1. Tham gia xây dựng tổ chức đảng, chính quyền, đoàn thể cơ sở",
                texts["politics"],
                [
                    indicator_table(
                        numbers, POLITICS, "Các chỉ tiêu tham gia xây dựng hệ thống chính trị"
                    ),
                    assignment_table(
                        data, "Cán bộ đồn tham gia hệ thống chính trị theo hình thức (cuối quý)"
                    ),
                ],
                CHARTS["politics"],
                numbers,
            ),
            _part(
                "2. Thực hiện các chương trình, mô hình hỗ trợ nhân dân",
                texts["programmes"],
                [programme_table(data, "Kết quả hỗ trợ theo chương trình")],
                CHARTS["programmes"],
                numbers,
            ),
            _part(
                "3. Xây dựng phong trào tự quản đường biên, mốc quốc giới",
                texts["borders"],
                [
                    indicator_table(
                        numbers, BORDERS, "Các chỉ tiêu tự quản đường biên, mốc quốc giới"
                    )
                ],
                CHARTS["borders"],
                numbers,
            ),
        ]
        unit_tables = [
            units_table(table, f"Kết quả theo {table['title'].lower()}")
            for table in data["units"]
            if table["rows"]
        ]
        if unit_tables:
            parts.append(_part("4. Kết quả theo địa bàn", "", unit_tables))
        targets = target_table(data)
        if targets is not None:
            parts.append(_part(f"{len(parts) + 1}. Thực hiện chỉ tiêu năm", "", [targets]))
        parent, issuer = issuer_lines(document.level, document.unit)
        next_quarter = quarter_label(quarter.shift(1)).upper()
        return {
            "draft": document.draft,
            "issuer_parent": parent,
            "issuer": issuer,
            "number": document.number or "\u00a0" * 8 + "/BC-CT",
            "place": document.place,
            "date": document.dated,
            "title": title(quarter),
            "sections": _numbered(
                [
                    _section("I. ĐẶC ĐIỂM TÌNH HÌNH", texts["situation"]),
                    _section("II. KẾT QUẢ THỰC HIỆN", parts=parts),
                    _section("III. HẠN CHẾ, KHUYẾT ĐIỂM", texts["shortcomings"]),
                    _section(f"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ {next_quarter}", texts["direction"]),
                ]
            ),
            "recipients": document.recipients,
            "signer_title": "CHÍNH ỦY",
            "signer_name": document.signer_name,
        }
