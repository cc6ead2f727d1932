"""A report (quarterly, six-month or annual) laid out: the render context of its HTML
preview, PDF and XLSX (see templates/reports/pdf.html), from its own words and its figures."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import translation

from borderwork.indicators.catalogue import BY_CODE
from borderwork.periods import AnyPeriod, HalfYear, Quarter
from borderwork.reports.content import Numbers, following_label, period_label
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
# Unions, voters' petitions and the party's own ratings, after the table above (issue 16).
POLITICS_MORE = [
    "union_members",
    "petitions_received",
    "petitions_resolved",
    "committees_good",
    "cells_good",
]
# Grassroots teams, apart from the self-management of the border (issue 16).
TEAMS = ["security_teams", "reconciliation_teams"]
# Learning support and propaganda beside the programmes' own table (issue 16).
MOBILISATION = [
    "children_sponsored",
    "scholarships",
    "propaganda_sessions",
    "propaganda_attendees",
    "prestigious_people",
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


WORK = "tham gia xây dựng hệ thống chính trị cơ sở khu vực biên giới"
# The signer's title by the issuer's level: a station's political officer is its Chính trị
# viên, a provincial command's its Chính ủy.
SIGNER_TITLES = {"station": "CHÍNH TRỊ VIÊN", "province": "CHÍNH ỦY", "nation": "CHÍNH ỦY"}
# The number symbols when the unit sets none: a command's political department issues
# "/BC-CT"; a station its own "/BC-ĐBP".
DEFAULT_SYMBOLS = {"station": "BC-ĐBP", "province": "BC-CT", "nation": "BC-CT"}


def title(period: AnyPeriod) -> str:
    """The title under "BÁO CÁO": 'Kết quả … quý II năm 2025', 'Sơ kết 6 tháng đầu năm 2025
    …', 'Tổng kết … năm 2024'."""
    if isinstance(period, Quarter):
        return f"Kết quả {WORK}, {period_label(period)}"
    if isinstance(period, HalfYear):
        return f"Sơ kết {period_label(period)} công tác {WORK}"
    return f"Tổng kết công tác {WORK} {period_label(period)}"


def number_symbol(level: str, unit) -> str:
    """The issuer's number symbol ('BC-ĐBP'), as set on the unit, else the default."""
    symbol = getattr(unit, "report_symbol", "").strip().lstrip("/")
    return symbol or DEFAULT_SYMBOLS.get(level, "BC-CT")


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
    signer_rank: str = ""


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
    tables: list[ReportTable | None] = (),
    chart_codes=(),
    numbers: Numbers | None = None,
) -> dict:
    tables = [table for table in tables if table is not None]
    return {
        "heading": heading,
        "paragraphs": _paragraphs(text),
        "tables": list(tables),
        "charts": [
            trend_chart(numbers, code, f"{BY_CODE[code].name_vi} qua 8 quý") for code in chart_codes
        ],
    }


def _known(numbers: Numbers, codes: list[str]) -> list[str]:
    """The indicators the figures hold: a report approved before one was added has none."""
    return [code for code in codes if code in numbers.data["indicators"]]


def _counted(numbers: Numbers, codes: list[str], caption: str) -> list[ReportTable]:
    """An indicator table of those the figures hold; none when they hold none of them."""
    known = _known(numbers, codes)
    return [indicator_table(numbers, known, caption)] if known else []


def _section(heading: str, text: str = "", parts=()) -> dict:
    return {"heading": heading, "paragraphs": _paragraphs(text), "parts": list(parts)}


def render_context(document: Document, data: dict) -> dict:
    """The dict `pdf.render_pdf` and `workbook.render_xlsx` take (see their template)."""
    with translation.override("vi"):
        numbers = Numbers(data)
        period = numbers.period
        at_end = "cuối quý" if isinstance(period, Quarter) else f"đến {period.end:%d/%m/%Y}"
        texts = document.texts
        parts = [
            _part(
                "1. Tham gia xây dựng tổ chức đảng, chính quyền, đoàn thể cơ sở",
                texts["politics"],
                [
                    indicator_table(
                        numbers, POLITICS, "Các chỉ tiêu tham gia xây dựng hệ thống chính trị"
                    ),
                    *_counted(
                        numbers,
                        POLITICS_MORE,
                        "Đoàn thể, kiến nghị cử tri, xếp loại tổ chức đảng",
                    ),
                    assignment_table(
                        data, f"Cán bộ đồn tham gia hệ thống chính trị theo hình thức ({at_end})"
                    ),
                    *_counted(numbers, TEAMS, "Tổ bảo vệ an ninh, trật tự và tổ hòa giải ở cơ sở"),
                ],
                CHARTS["politics"],
                numbers,
            ),
            _part(
                "2. Thực hiện các chương trình, mô hình hỗ trợ nhân dân",
                texts["programmes"],
                [
                    programme_table(data, "Kết quả hỗ trợ theo chương trình"),
                    *_counted(
                        numbers, MOBILISATION, "Nhận đỡ đầu, hỗ trợ học tập, tuyên truyền, vận động"
                    ),
                ],
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
        following = following_label(period).upper()
        symbol = number_symbol(document.level, document.unit)
        return {
            "draft": document.draft,
            "issuer_parent": parent,
            "issuer": issuer,
            "number": document.number or "\u00a0" * 8 + "/" + symbol,
            "place": document.place,
            "date": document.dated,
            "title": title(period),
            "sections": _numbered(
                [
                    _section("I. ĐẶC ĐIỂM TÌNH HÌNH", texts["situation"]),
                    _section("II. KẾT QUẢ THỰC HIỆN", parts=parts),
                    _section("III. HẠN CHẾ, KHUYẾT ĐIỂM", texts["shortcomings"]),
                    _section(f"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ {following}", texts["direction"]),
                ]
            ),
            "recipients": document.recipients,
            "signer_title": SIGNER_TITLES.get(document.level, "CHÍNH ỦY"),
            "signer_rank": document.signer_rank,
            "signer_name": document.signer_name,
        }
