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
from borderwork.indicators.figures import REMAINDER_TITLE, REMAINDER_TITLES, figures
from borderwork.indicators.models import RebuildRun, UnitLevel, View
from borderwork.indicators.values import display, figure, rounded
from borderwork.periods import ROMAN, AnyPeriod, HalfYear, Quarter, Year, period_from
from borderwork.templatetags.borderwork_tags import number
from cadres.models import Assignment, AssignmentKind, Officer
from programmes.models import SupportRecord

VERSION = 1  # a snapshot without "period" is a quarter's (see `Numbers.period`)
# The indicators of the table by unit, in its order (the snapshot keeps them per child unit).
UNIT_TABLE = ["committee_officer", "cells_with_bg_member", "houses", "landmarks", "completeness"]


# How the catalogue's definition of a flow begins ("counted within the quarter").
FLOW_PREFIX = "Phát sinh trong quý"


class NoFigures(ValueError):
    """The snapshot holds nothing for this unit and the period's last quarter."""


def reader() -> User:
    """A reader of every unit, not saved: a report's figures do not depend on who looks."""
    return User(username="report-reader", role=Role.NATIONAL)


def quarter_label(quarter: Quarter) -> str:
    """'quý II năm 2025'."""
    return f"quý {ROMAN[quarter.number - 1]} năm {quarter.year}"


def period_label(period: AnyPeriod) -> str:
    """'quý II năm 2025', '6 tháng đầu năm 2025', 'năm 2024': as the report's text names it."""
    if isinstance(period, Quarter):
        return quarter_label(period)
    if isinstance(period, HalfYear):
        half = "6 tháng đầu năm" if period.number == 1 else "6 tháng cuối năm"
        return f"{half} {period.year}"
    return f"năm {period.year}"


def following_label(period: AnyPeriod) -> str:
    """The period whose direction the report sets: the next quarter, the second half of the
    year after a first half, the next year after a year."""
    if isinstance(period, Quarter):
        return quarter_label(period.shift(1))
    if isinstance(period, HalfYear):
        return f"6 tháng cuối năm {period.year}"
    return f"năm {period.year + 1}"


# The position of the officer who signs a unit's report, as the officer records write it.
SIGNER_POSITIONS = {UnitLevel.STATION: "Chính trị viên", UnitLevel.PROVINCE: "Chính ủy"}


def political_officer(level: str, unit) -> Officer | None:
    """The unit's political officer in the officer records (the latest recorded, if several):
    a station's Chính trị viên, a province's Chính ủy (recorded at one of its stations)."""
    position = SIGNER_POSITIONS.get(level)
    if position is None or unit is None:
        return None
    where = {"station": unit} if level == UnitLevel.STATION else {"station__province": unit}
    return Officer.objects.filter(position__istartswith=position, **where).order_by("-pk").first()


def subject(level: str, unit) -> str:
    """Who does the work, as the sentence's subject: the command, never the province."""
    if unit is None:
        return "Bộ đội Biên phòng"
    if level == UnitLevel.PROVINCE:
        return unit.command_name or f"Bộ Chỉ huy Bộ đội Biên phòng tỉnh {unit.name}"
    return str(unit)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def snapshot(level: str, unit_pk: int | None, period: AnyPeriod) -> dict:
    """The report's figures as JSON: indicators with comparisons and trend, child units,
    and the breakdowns by programme and by kind of assignment."""
    # The dashboard's one source, `figures()`, in the period's own view (a unit since merged
    # is reported as it was), plus two breakdowns the snapshot does not keep. A draft reads
    # it live; approval freezes a copy, so the PDF never drifts when records change later.
    # Names stay in Vietnamese, the document's language, whoever approves.
    with translation.override("vi"):
        return _snapshot(level, unit_pk, period)


def is_flow(indicator: Indicator) -> bool:
    """Counted within a quarter (admissions, courses, support), so a longer period adds its
    quarters up; every other figure (a stock, a rate, a cumulative count) is the one of the
    period's last quarter. The catalogue's own definition says which it is."""
    return indicator.definition_vi.startswith(FLOW_PREFIX)


def over(indicator: Indicator, values: dict[Quarter, Decimal | None], quarters) -> Decimal | None:
    """An indicator's value over a period made of these quarters (see `is_flow`)."""
    if not is_flow(indicator):
        return values.get(quarters[-1])
    known = [values.get(quarter) for quarter in quarters if values.get(quarter) is not None]
    return sum(known, Decimal(0)) if known else None


def _quarter_figures(level: str, unit_pk: int | None, quarter: Quarter):
    """The dashboard's figures of one quarter, or None when the snapshot has none for it."""
    data = figures(
        reader(),
        level,
        unit_pk,
        View.PERIOD,
        quarter,
        table_indicators=[BY_CODE[code] for code in UNIT_TABLE],
    )
    return data if data.quarter == quarter else None


def _rows(table) -> list[dict]:
    return [
        {
            "pk": row.obj.pk if row.obj is not None else None,
            "name": row.name,
            "values": {cell.indicator.code: cell.value for cell in row.cells},
        }
        for row in table.rows
    ]


def _unit_tables(per_quarter: list, totals: dict[str, Decimal | None]) -> list[dict]:
    """The child units at the period's end; a flow added up over the period's quarters, the
    rest as at its end, and what none of the rows counts as the remainder."""
    last = per_quarter[-1]
    tables = []
    for table in last.tables:
        rows = _rows(table)
        earlier = [
            {(row["pk"]): row for row in _rows(other)}
            for data in per_quarter[:-1]
            for other in data.tables
            if other.level == table.level
        ]
        flows = [code for code in UNIT_TABLE if is_flow(BY_CODE[code])]
        for row in rows:
            for code in flows:
                for before in earlier:
                    value = before.get(row["pk"], {}).get("values", {}).get(code)
                    if value is not None:
                        row["values"][code] = (row["values"][code] or Decimal(0)) + value
        rest = (
            {cell.indicator.code: cell.value for cell in table.remainder.cells}
            if (table.remainder)
            else {}
        )
        for code in flows:
            if len(per_quarter) > 1 and totals.get(code) is not None:
                counted = sum((row["values"][code] or Decimal(0) for row in rows), Decimal(0))
                rest[code] = totals[code] - counted
        left = table.remainder is not None or any(rest.get(code) for code in flows)
        tables.append(
            {
                "level": table.level,
                "title": str(table.title),
                "rows": [
                    {
                        "name": row["name"],
                        "values": {code: _text(value) for code, value in row["values"].items()},
                    }
                    for row in rows
                ],
                # What the unit counts that none of the rows does (a commune no station
                # covers), so the table adds up to the unit.
                "remainder": {
                    "name": table.remainder.name
                    if table.remainder
                    else str(REMAINDER_TITLES.get(table.level, REMAINDER_TITLE)),
                    "values": {code: _text(rest.get(code)) for code in UNIT_TABLE},
                }
                if left
                else None,
            }
        )
    return tables


def _snapshot(level: str, unit_pk: int | None, period: AnyPeriod) -> dict:
    quarters = period.quarters
    last = _quarter_figures(level, unit_pk, quarters[-1])
    if last is None:
        raise NoFigures(period)
    per_quarter = [
        data
        for data in (_quarter_figures(level, unit_pk, q) for q in quarters[:-1])
        if data is not None
    ] + [last]
    # The communes the breakdowns count: the unit's as they were during the period (the
    # nation's: all of them).
    if level == UnitLevel.NATION:
        commune_ids = None
    else:
        commune_ids = sorted(
            {
                row.obj.pk
                for data in per_quarter
                for table in data.tables
                if table.level == UnitLevel.COMMUNE
                for row in table.rows
            }
        ) or [unit_pk]
    before = period.year_before()
    # The period just before, of the same length: a quarter's previous quarter, the second
    # half of last year for a first half, last year for a year.
    previous = quarters[0].shift(-len(quarters))
    previous_quarters = tuple(previous.shift(step) for step in range(len(quarters)))
    indicators = {}
    for one in last.figures:
        values = dict(zip(last.trend_quarters, one.trend, strict=True))
        if len(quarters) == 1:
            now, earlier, year_ago = one.now, one.previous, one.last_year
        else:
            now = over(one.indicator, values, quarters)
            earlier = over(one.indicator, values, previous_quarters)
            year_ago = over(one.indicator, values, before.quarters)
        indicators[one.indicator.code] = {
            "now": _text(now),
            "previous": _text(earlier),
            "last_year": _text(year_ago),
            "trend": [_text(value) for value in one.trend],
        }
    totals = {code: _decimal(values["now"]) for code, values in indicators.items()}
    run = RebuildRun.objects.last_success()
    return {
        "version": VERSION,
        "as_of": run.finished_at.isoformat() if run else None,
        "unit": {"level": level, "pk": unit_pk, "name": last.unit.name},
        "period": [period.kind, period.year, period.number],
        "quarter": [quarters[-1].year, quarters[-1].number],
        "trend": [[when.year, when.number] for when in last.trend_quarters],
        "indicators": indicators,
        "units": _unit_tables(per_quarter, totals),
        "programmes": _by_programme(commune_ids, period),
        "assignments": _by_assignment(commune_ids, period),
        # The year's targets against the year to date (`reports/targets.py` lays them out).
        "targets": progress.as_json(last),
    }


def _in(queryset, commune_ids: list[int] | None):
    return queryset if commune_ids is None else queryset.filter(commune__in=commune_ids)


def _by_programme(commune_ids: list[int] | None, period: AnyPeriod) -> list[dict]:
    """What each programme gave in the unit's communes during the period (one query)."""
    rows = (
        _in(SupportRecord.objects, commune_ids)
        .filter(given_on__range=(period.first_day, period.last_day))
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


def _by_assignment(commune_ids: list[int] | None, period: AnyPeriod) -> list[dict]:
    """Officers in post at the period's end in the unit's communes, by kind (one query)."""
    rows = (
        _in(Assignment.objects.all(), commune_ids)
        .current_on(period.last_day)
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


def shown(indicator: Indicator, value: Decimal | None) -> str:
    """'97,3%', '18.000.000 đ', '12': the report's text writes no space before '%'."""
    text = display(indicator, value)
    return text[:-2] + "%" if text.endswith(" %") else text


@dataclass
class Numbers:
    """A snapshot read back: values as Decimals, formatted the Vietnamese way."""

    data: dict

    @property
    def quarter(self) -> Quarter:
        """The period's last quarter, whose trend the charts show."""
        return Quarter(*self.data["quarter"])

    @property
    def period(self) -> AnyPeriod:
        if "period" not in self.data:  # frozen before six-month and annual reports existed
            return self.quarter
        return period_from(*self.data["period"])

    def value(self, code: str, when: str = "now") -> Decimal | None:
        return _decimal(self.data["indicators"].get(code, {}).get(when))

    def shown(self, code: str, when: str = "now") -> str:
        return shown(BY_CODE[code], self.value(code, when))

    def whole(self, code: str, when: str = "now") -> str:
        """A count or a ratio without its unit: '12', '93,3'."""
        return figure(BY_CODE[code], self.value(code, when))

    def some(self, code: str) -> bool:
        """Whether the figure is there and not zero: a clause about nothing is left out."""
        return bool(self.value(code))

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


@dataclass
class Words:
    """How the paragraphs name the period: 'Trong quý', 'Đến cuối quý', 'so với quý trước'."""

    within: str
    at_end: str
    compared: str  # what "previous" means in `_compare`
    against: str  # "previous" or "last_year"

    @classmethod
    def of(cls, period: AnyPeriod) -> Words:
        if isinstance(period, Quarter):
            return cls("Trong quý", "Đến cuối quý", "quý trước", "previous")
        end = f"Đến ngày {period.end:%d/%m/%Y}"
        if isinstance(period, Year):
            return cls("Trong năm", end, f"năm {period.year - 1}", "last_year")
        return cls("Trong 6 tháng đầu năm", end, f"cùng kỳ năm {period.year - 1}", "last_year")


def _compare(numbers: Numbers, code: str, words: Words) -> str:
    """' (tăng 3 so với quý trước)' / ' (bằng quý trước)' / ''."""
    indicator: Indicator = BY_CODE[code]
    now = rounded(indicator, numbers.value(code))
    before = rounded(indicator, numbers.value(code, words.against))
    if now is None or before is None:
        return ""
    change = now - before
    if not change:
        return f" (bằng {words.compared})"
    amount = number(abs(change), 1 if indicator.ratio else 0)
    word = "tăng" if change > 0 else "giảm"
    suffix = " điểm phần trăm" if indicator.ratio else ""
    return f" ({word} {amount}{suffix} so với {words.compared})"


def _sentence(clauses: list[str]) -> str:
    """Clauses joined by commas and 'và' before the last."""
    if len(clauses) < 2:
        return "".join(clauses)
    return ", ".join(clauses[:-1]) + " và " + clauses[-1]


def draft_texts(numbers: Numbers, unit_name: str) -> dict[str, str]:
    """Plain Vietnamese paragraphs from the figures, one per section.

    `unit_name` is the sentence's subject (`subject()`): the command or the station.
    """
    n = numbers
    words = Words.of(n.period)
    period_word = "quý" if isinstance(n.period, Quarter) else "kỳ"
    followed = (
        f"{unit_name} theo dõi {n.commune_count} xã, phường khu vực biên giới. "
        if n.commune_count is not None
        else ""
    )
    situation = (
        f"{followed}Tỷ lệ hộ nghèo của địa bàn (tổng số hộ nghèo trên tổng số hộ của các xã) là "
        f"{n.shown('poor_rate')}; số liệu của {period_word} được cập nhật đầy đủ "
        f"{n.shown('completeness')}."
    )
    # Stocks at the period's end, then what happened within it (the catalogue's words); a
    # clause whose figure is zero is left out rather than saying "0".
    stations = "đồn" if n.data["unit"]["level"] == UnitLevel.STATION else "các đồn"
    reinforced = (
        f" với {n.whole('officers_reinforced')} lượt cán bộ tăng cường"
        if n.some("officers_reinforced")
        else ""
    )
    stocks = [
        f"{words.at_end}, {n.shown('committee_officer')} xã biên giới có cán bộ đồn tham gia "
        f"cấp ủy{_compare(n, 'committee_officer', words)}{reinforced}. Tỷ lệ chi bộ thôn, ấp, "
        f"bản có đảng viên đồn Biên phòng tham gia sinh hoạt đạt "
        f"{n.shown('cells_with_bg_member')}."
    ]
    seats = []
    if n.some("council_delegates"):
        seats.append(f"{n.whole('council_delegates')} lượt cán bộ là đại biểu Hội đồng nhân dân")
    if n.some("front_members"):
        seats.append(f"{n.whole('front_members')} lượt cán bộ tham gia Ủy ban Mặt trận Tổ quốc")
    if seats:
        stocks.append(_first_up(_sentence(seats)) + ".")
    if n.some("regulations_in_force"):
        due = (
            f", trong đó {n.whole('regulations_due')} quy chế đã đến hạn sơ kết, tổng kết"
            if n.some("regulations_due")
            else ""
        )
        stocks.append(f"{n.whole('regulations_in_force')} quy chế phối hợp đang có hiệu lực{due}.")
    flows = []
    if n.some("course_participants"):
        minority = (
            f" (trong đó {n.whole('course_minority')} người dân tộc thiểu số)"
            if n.some("course_minority")
            else ""
        )
        flows.append(f"phối hợp bồi dưỡng {n.whole('course_participants')} học viên{minority}")
    if n.some("cadre_candidates"):
        flows.append(f"tạo nguồn {n.whole('cadre_candidates')} cán bộ")
    if n.some("party_admissions"):
        flows.append(f"kết nạp {n.whole('party_admissions')} đảng viên mới")
    if flows:
        stocks.append(f"{words.within}, {_sentence(flows)}.")
    politics = " ".join(stocks)

    given = []
    if n.some("houses"):
        given.append(f"phối hợp xây dựng {n.whole('houses')} căn nhà{_compare(n, 'houses', words)}")
    if n.some("children"):
        given.append(
            f"hỗ trợ {n.whole('children')} lượt cháu theo các chương trình \u201cNâng bước em tới "
            f"trường\u201d, \u201cCon nuôi đồn Biên phòng\u201d"
        )
    if n.some("support_value"):
        given.append(f"tổng giá trị hỗ trợ {n.shown('support_value')}")
    programme_parts = [f"{words.within}, {stations} đã {_sentence(given)}."] if given else []
    if n.some("models_recognised"):
        # Cumulative: a sentence of its own, never under "Trong quý".
        cumulative = words.at_end.replace("Đến", "Lũy kế đến", 1)
        programme_parts.append(
            f"{cumulative}, {n.whole('models_recognised')} mô hình \u201cDân vận khéo\u201d "
            f"đã được công nhận."
        )
    programmes = " ".join(programme_parts)
    border_parts = []
    if n.some("collectives"):
        border_parts.append(f"{n.whole('collectives')} tập thể")
    if n.some("households"):
        border_parts.append(f"{n.whole('households')} hộ gia đình")
    borders = ""
    if border_parts:
        borders = f"{words.at_end}, {_sentence(border_parts)} tham gia tự quản đường biên"
        if n.some("landmarks"):
            borders += (
                f", {n.whole('landmarks')} cột mốc quốc giới được nhân dân tự quản"
                f"{_compare(n, 'landmarks', words)}"
            )
        borders += "."
    return {
        "situation": situation,
        "politics": politics,
        "programmes": programmes,
        "borders": borders,
    }


def _first_up(text: str) -> str:
    return text[:1].upper() + text[1:]
