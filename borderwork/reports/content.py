"""What a quarterly report says: the figures it uses and the paragraphs drafted from them.

In Vietnamese whatever the reader's language (an administrative text), so not run through gettext.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import translation

from borderwork.accounts.models import Role, User
from borderwork.indicators import progress
from borderwork.indicators.catalogue import BY_CODE, Indicator
from borderwork.indicators.figures import figures
from borderwork.indicators.models import RebuildRun, UnitLevel, View
from borderwork.indicators.values import display, figure, rounded
from borderwork.periods import ROMAN, Quarter
from borderwork.templatetags.borderwork_tags import number
from cadres.models import Assignment, AssignmentKind
from programmes.models import SupportRecord

VERSION = 1
# The indicators of the table by unit, in its order (the snapshot keeps them per child unit).
UNIT_TABLE = ["committee_officer", "cells_with_bg_member", "houses", "landmarks", "completeness"]


class NoFigures(ValueError):
    """The snapshot holds nothing for this unit and quarter."""


def reader() -> User:
    """A reader of every unit, not saved: a report's figures do not depend on who looks."""
    return User(username="report-reader", role=Role.NATIONAL)


def quarter_label(quarter: Quarter) -> str:
    """'quý II năm 2025'."""
    return f"quý {ROMAN[quarter.number - 1]} năm {quarter.year}"


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def snapshot(level: str, unit_pk: int | None, quarter: Quarter) -> dict:
    """The report's figures as JSON: indicators with comparisons and trend, child units,
    and the breakdowns by programme and by kind of assignment."""
    # The dashboard's one source, `figures()`, in the quarter's own view (a unit since merged
    # is reported as it was), plus two breakdowns the snapshot does not keep. A draft reads
    # it live; approval freezes a copy, so the PDF never drifts when records change later.
    # Names stay in Vietnamese, the document's language, whoever approves.
    with translation.override("vi"):
        return _snapshot(level, unit_pk, quarter)


def _snapshot(level: str, unit_pk: int | None, quarter: Quarter) -> dict:
    data = figures(
        reader(),
        level,
        unit_pk,
        View.PERIOD,
        quarter,
        table_indicators=[BY_CODE[code] for code in UNIT_TABLE],
    )
    if data.quarter != quarter:
        raise NoFigures(quarter)
    communes = next((t for t in data.tables if t.level == UnitLevel.COMMUNE), None)
    # The communes the breakdowns count: the unit's as they were (the nation's: all of them).
    if level == UnitLevel.NATION:
        commune_ids = None
    else:
        commune_ids = [row.obj.pk for row in communes.rows] if communes else [unit_pk]
    last = RebuildRun.objects.last_success()
    return {
        "version": VERSION,
        "as_of": last.finished_at.isoformat() if last else None,
        "unit": {"level": level, "pk": unit_pk, "name": data.unit.name},
        "quarter": [quarter.year, quarter.number],
        "trend": [[when.year, when.number] for when in data.trend_quarters],
        "indicators": {
            figure.indicator.code: {
                "now": _text(figure.now),
                "previous": _text(figure.previous),
                "last_year": _text(figure.last_year),
                "trend": [_text(value) for value in figure.trend],
            }
            for figure in data.figures
        },
        "units": [
            {
                "level": table.level,
                "title": str(table.title),
                "rows": [
                    {
                        "name": row.name,
                        "values": {cell.indicator.code: _text(cell.value) for cell in row.cells},
                    }
                    for row in table.rows
                ],
                # What the unit counts that none of the rows does (a commune no station
                # covers), so the table adds up to the unit.
                "remainder": {
                    "name": table.remainder.name,
                    "values": {
                        cell.indicator.code: _text(cell.value) for cell in table.remainder.cells
                    },
                }
                if table.remainder
                else None,
            }
            for table in data.tables
        ],
        "programmes": _by_programme(commune_ids, quarter),
        "assignments": _by_assignment(commune_ids, quarter),
        # The year's targets against the year to date (`reports/targets.py` lays them out).
        "targets": progress.as_json(data),
    }


def _in(queryset, commune_ids: list[int] | None):
    return queryset if commune_ids is None else queryset.filter(commune__in=commune_ids)


def _by_programme(commune_ids: list[int] | None, quarter: Quarter) -> list[dict]:
    """What each programme gave in the unit's communes during the quarter (one query)."""
    rows = (
        _in(SupportRecord.objects, commune_ids)
        .filter(given_on__range=(quarter.first_day, quarter.last_day))
        .values("programme__name", "programme__unit")
        .annotate(records=Count("pk"), quantity=Sum("quantity"), value=Sum("value_vnd"))
        .order_by("programme__name")
    )
    return [
        {
            "name": row["programme__name"],
            "unit": row["programme__unit"],
            "records": row["records"],
            "quantity": row["quantity"] or 0,
            "value": row["value"] or 0,
        }
        for row in rows
    ]


def _by_assignment(commune_ids: list[int] | None, quarter: Quarter) -> list[dict]:
    """Officers in post at the quarter's end in the unit's communes, by kind (one query)."""
    rows = (
        _in(Assignment.objects.all(), commune_ids)
        .current_on(quarter.last_day)
        .values("kind")
        .annotate(
            officers=Count("officer", distinct=True), communes=Count("commune", distinct=True)
        )
    )
    counted = {row["kind"]: row for row in rows}
    return [
        {
            "kind": kind.value,
            "officers": counted.get(kind.value, {}).get("officers", 0),
            "communes": counted.get(kind.value, {}).get("communes", 0),
        }
        for kind in AssignmentKind
    ]


@dataclass
class Numbers:
    """A snapshot read back: values as Decimals, formatted the Vietnamese way."""

    data: dict

    @property
    def quarter(self) -> Quarter:
        return Quarter(*self.data["quarter"])

    def value(self, code: str, when: str = "now") -> Decimal | None:
        return _decimal(self.data["indicators"].get(code, {}).get(when))

    def shown(self, code: str, when: str = "now") -> str:
        return display(BY_CODE[code], self.value(code, when))

    def whole(self, code: str, when: str = "now") -> str:
        """A count or a ratio without its unit: '12', '93,3'."""
        return figure(BY_CODE[code], self.value(code, when))

    def trend(self, code: str) -> list[Decimal | None]:
        return [_decimal(value) for value in self.data["indicators"][code]["trend"]]

    @property
    def trend_labels(self) -> list[str]:
        return [Quarter(*when).short_label for when in self.data["trend"]]

    @property
    def commune_count(self) -> int | None:
        """The communes of the unit's table; None where there is none (the nation's)."""
        tables = [t for t in self.data["units"] if t["level"] == UnitLevel.COMMUNE]
        return len(tables[0]["rows"]) if tables else None


# --- The paragraphs a draft starts with; staff edit them freely. ---


def _compare(numbers: Numbers, code: str) -> str:
    """', tăng 3 so với quý trước' / ', bằng quý trước' / ''."""
    indicator: Indicator = BY_CODE[code]
    now = rounded(indicator, numbers.value(code))
    before = rounded(indicator, numbers.value(code, "previous"))
    if now is None or before is None:
        return ""
    change = now - before
    if not change:
        return " (bằng quý trước)"
    amount = number(abs(change), 1 if indicator.ratio else 0)
    word = "tăng" if change > 0 else "giảm"
    suffix = " điểm %" if indicator.ratio else ""
    return f" ({word} {amount}{suffix} so với quý trước)"


def draft_texts(numbers: Numbers, unit_name: str) -> dict[str, str]:
    """Plain Vietnamese paragraphs from the figures, one per section."""
    n = numbers
    followed = (
        f"{unit_name} theo dõi {n.commune_count} xã, phường khu vực biên giới. "
        if n.commune_count is not None
        else ""
    )
    situation = (
        f"{followed}Tỷ lệ hộ nghèo của địa bàn (tổng số hộ nghèo trên tổng số hộ của các xã) là "
        f"{n.shown('poor_rate')}; số liệu của quý được cập nhật đầy đủ {n.shown('completeness')}."
    )
    politics = (
        # Stocks at the quarter's end, then what happened within it (the catalogue's words).
        f"Đến cuối quý, các đồn duy trì {n.whole('officers_reinforced')} lượt cán bộ tăng cường "
        f"tham gia cấp ủy xã; {n.shown('committee_officer')} xã biên giới có cán bộ đồn tham gia "
        f"cấp ủy{_compare(n, 'committee_officer')}. Tỷ lệ chi bộ thôn, ấp, bản có đảng viên "
        f"đồn Biên phòng sinh hoạt đạt {n.shown('cells_with_bg_member')}; "
        f"{n.whole('council_delegates')} lượt cán bộ là đại biểu Hội đồng nhân dân, "
        f"{n.whole('front_members')} lượt cán bộ tham gia Ủy ban Mặt trận Tổ quốc. "
        f"{n.whole('regulations_in_force')} quy chế phối hợp đang có hiệu lực, trong đó "
        f"{n.whole('regulations_due')} quy chế đã đến hạn sơ kết, tổng kết. Trong quý, phối hợp "
        f"bồi dưỡng {n.whole('course_participants')} học viên (trong đó "
        f"{n.whole('course_minority')} người dân tộc thiểu số), tạo nguồn "
        f"{n.whole('cadre_candidates')} cán bộ và kết nạp {n.whole('party_admissions')} đảng "
        f"viên mới."
    )
    programmes = (
        f"Trong quý, các đồn đã phối hợp xây dựng {n.whole('houses')} căn nhà"
        f"{_compare(n, 'houses')}, hỗ trợ {n.whole('children')} lượt cháu theo chương trình "
        f"\u201cNâng bước em tới trường\u201d và \u201cCon nuôi đồn Biên phòng\u201d, tổng giá "
        f"trị hỗ trợ {n.shown('support_value')}. Lũy kế đến cuối quý, "
        f"{n.whole('models_recognised')} mô hình \u201cDân vận khéo\u201d đã được công nhận."
    )
    borders = (
        f"Đến cuối quý, {n.whole('collectives')} tập thể và {n.whole('households')} hộ gia đình "
        f"tham gia tự quản đường biên, {n.whole('landmarks')} cột mốc quốc giới được nhân dân "
        f"tự quản{_compare(n, 'landmarks')}."
    )
    return {
        "situation": situation,
        "politics": politics,
        "programmes": programmes,
        "borders": borders,
    }
