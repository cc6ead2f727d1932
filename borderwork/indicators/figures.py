"""The one source of the dashboard's numbers: pages, exports and the PDF report read them here.

`figures()` reads only the snapshot (`IndicatorValue`) and the names of units, so a page
costs a fixed handful of queries whatever the size of the data. A unit's value is the sum
of the snapshot's numerators and denominators over `Unit.ids`, the ratio taken last.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from borderwork.indicators.catalogue import CATALOGUE, KEY_INDICATORS, Indicator
from borderwork.indicators.models import IndicatorValue, UnitLevel, View, columns
from borderwork.indicators.values import ZERO, Amount, Status, rounded, status
from borderwork.periods import Quarter
from communes.models import Commune, Province, Station
from communes.models.base import successors, today_id

TREND_QUARTERS = 8
MODELS = {UnitLevel.PROVINCE: Province, UnitLevel.STATION: Station, UnitLevel.COMMUNE: Commune}
CHILD_LEVELS = {
    UnitLevel.NATION: [UnitLevel.PROVINCE],
    UnitLevel.PROVINCE: [UnitLevel.STATION, UnitLevel.COMMUNE],
    UnitLevel.STATION: [UnitLevel.COMMUNE],
    UnitLevel.COMMUNE: [],
}
CHILD_TITLES = {
    UnitLevel.PROVINCE: gettext_lazy("Các tỉnh"),
    UnitLevel.STATION: gettext_lazy("Các đồn Biên phòng"),
    UnitLevel.COMMUNE: gettext_lazy("Các xã, phường"),
}
# The row of what the unit counts that none of the table's units does, so the table adds up.
REMAINDER_TITLES = {
    UnitLevel.STATION: gettext_lazy("Chưa thuộc đồn nào"),
}
REMAINDER_TITLE = gettext_lazy("Ngoài các đơn vị trên")


@dataclass(frozen=True)
class Unit:
    """The unit a dashboard is for, and which snapshot units add up to it.

    ids: the snapshot's unit ids whose values are summed (today's unit alone in the current
    view; the unit and every unit merged into it in the period view). family: the unit and
    every unit merged into it, whose child units and gaps the page lists.
    """

    level: str
    obj: Province | Station | Commune | None
    ids: tuple[int | None, ...]
    family: tuple[int, ...] = ()
    asked: Province | Station | Commune | None = None  # the unit in the URL, if it merged

    @property
    def pk(self) -> int | None:
        return self.obj.pk if self.obj is not None else None

    @property
    def name(self) -> str:
        return str(self.obj) if self.obj is not None else _("Toàn quốc")

    @property
    def title(self) -> str:
        """The unit's name on its page: a province that merged has today's beside it."""
        if isinstance(self.obj, Province):
            return self.obj.name_and_today()
        return self.name

    @property
    def level_label(self) -> str:
        return str(UnitLevel(self.level).label)

    @property
    def has_merged_units(self) -> bool:
        return len(self.family) > 1


@dataclass
class Figure:
    """One indicator of the dashboard's unit: this quarter, the comparisons, the trend."""

    indicator: Indicator
    now: Decimal | None
    previous: Decimal | None
    last_year: Decimal | None
    trend: list[Decimal | None]

    @property
    def status(self) -> str:
        return status(self.indicator, self.now)

    @property
    def status_label(self) -> str:
        return str(Status.LABELS[self.status])

    def _change(self, other: Decimal | None) -> Decimal | None:
        if self.now is None or other is None:
            return None
        return rounded(self.indicator, self.now) - rounded(self.indicator, other)

    @property
    def change_quarter(self) -> Decimal | None:
        return self._change(self.previous)

    @property
    def change_year(self) -> Decimal | None:
        return self._change(self.last_year)

    @staticmethod
    def _tone(indicator: Indicator, change: Decimal | None) -> str:
        if not change:
            return "flat"
        return "up" if (change > 0) == indicator.higher_is_better else "down"

    @property
    def tone_quarter(self) -> str:
        return self._tone(self.indicator, self.change_quarter)

    @property
    def tone_year(self) -> str:
        return self._tone(self.indicator, self.change_year)


@dataclass
class Cell:
    indicator: Indicator
    value: Decimal | None

    @property
    def status(self) -> str:
        return status(self.indicator, self.value)

    @property
    def status_label(self) -> str:
        return str(Status.LABELS[self.status])


@dataclass
class Row:
    level: str
    obj: Province | Station | Commune | None
    cells: list[Cell]
    label: str = ""  # a row that is no unit: the remainder of a table

    @property
    def name(self) -> str:
        if self.label:
            return self.label
        return str(self.obj) if self.obj is not None else _("Toàn quốc")

    def value(self, code: str) -> Decimal | None:
        return next((cell.value for cell in self.cells if cell.indicator.code == code), None)


@dataclass
class Table:
    level: str
    title: str
    indicators: list[Indicator]
    rows: list[Row]
    # What the unit counts beyond its rows (a commune no station covers), or None when the
    # rows add up to the unit: shown as its own row, so every table adds up on the page.
    remainder: Row | None = None

    @property
    def all_rows(self) -> list[Row]:
        return [*self.rows, self.remainder] if self.remainder else list(self.rows)


@dataclass
class Figures:
    unit: Unit
    view: str
    quarter: Quarter | None  # None: the snapshot holds nothing for this unit
    quarters: list[Quarter]  # with data for this unit, newest first
    trend_quarters: list[Quarter] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)  # every indicator of the catalogue
    tables: list[Table] = field(default_factory=list)  # the child units

    @property
    def cards(self) -> list[Figure]:
        return [figure for figure in self.figures if figure.indicator.key]

    @property
    def total(self) -> Row:
        """The unit itself as a table row."""
        cells = [Cell(figure.indicator, figure.now) for figure in self.figures]
        return Row(self.unit.level, self.unit.obj, cells)


def resolve(user, level: str | None, pk: int | None, view: str) -> Unit:
    """The unit a user asked for, or their own; a unit they may not see is a 404.

    In the current view a unit that merged gives way to today's unit. In the period view a
    unit is itself and the units merged into it; a user's own unit is today's one there too,
    so a Bình Phước commissar reads Đồng Nai with Bình Phước inside, quarter by quarter.
    """
    own = level is None
    if own:
        if user.reads_everything:
            level = UnitLevel.NATION
        elif user.station_id:
            level, pk = UnitLevel.STATION, user.station_id
        elif user.province_id:
            level, pk = UnitLevel.PROVINCE, user.province_id
        else:
            raise Http404
    if level == UnitLevel.NATION:
        if not user.reads_everything:
            raise Http404
        return Unit(UnitLevel.NATION, None, (None,))
    model = MODELS.get(level)
    if model is None or pk is None:
        raise Http404
    if model is Province:
        # Provinces are few: the visible ones are the tree and the rows at once.
        found = {
            obj.pk: obj for obj in Province.objects.visible_to(user).select_related("merged_into")
        }
        parent = {key: obj.merged_into_id for key, obj in found.items()}
    else:
        parent, found = model.objects.merge_parents(), {}
    if pk not in parent:
        raise Http404
    target = today_id(pk, parent) if view == View.CURRENT or own else pk
    family = tuple(sorted(other for other in parent if target in successors(other, parent)))
    if model is not Province:
        queryset = model.objects.visible_to(user).filter(pk__in={pk, target})
        found = {obj.pk: obj for obj in queryset.select_related("province__merged_into")}
    if pk not in found or target not in found:
        raise Http404
    ids = (target,) if view == View.CURRENT else family
    return Unit(level, found[target], ids, family, found[pk] if pk != target else None)


def _child_units(user, unit: Unit, view: str, quarter: Quarter) -> dict[str, list]:
    """The child units of the page, as they are today or as they were in the quarter."""
    day = timezone.localdate() if view == View.CURRENT else quarter.last_day

    def existing(queryset):
        if view == View.CURRENT:
            return queryset.filter(valid_until__isnull=True)
        return queryset.existing_on(day)

    children: dict[str, list] = {}
    for level in CHILD_LEVELS[unit.level]:
        queryset = existing(MODELS[level].objects.visible_to(user))
        if unit.level == UnitLevel.STATION:
            coverage = Q(coverage__station__in=unit.family)
            if view == View.CURRENT:
                coverage &= Q(coverage__valid_until__isnull=True)
            else:
                coverage &= Q(coverage__valid_from__isnull=True) | Q(coverage__valid_from__lte=day)
                coverage &= Q(coverage__valid_until__isnull=True) | Q(
                    coverage__valid_until__gte=day
                )
            queryset = queryset.filter(coverage).distinct()
        elif unit.level == UnitLevel.PROVINCE:
            queryset = queryset.filter(province__in=unit.family)
        children[level] = list(queryset.order_by("name", "pk"))
    return children


def _amounts(rows: Iterable[tuple], indicators: Sequence[Indicator]) -> dict[tuple, Amount]:
    """The sums by (*key, indicator code) of snapshot rows read as (*key, *their columns).

    A snapshot row holds every indicator of a unit and quarter; one with no figure for an
    indicator (None) adds nothing, as if the row were not there.
    """
    spans = []
    for indicator in indicators:
        spans.append((indicator, len(columns(indicator))))
    width = sum(span for _indicator, span in spans)
    sums: dict[tuple, Amount] = defaultdict(Amount)
    for row in rows:
        key, at = tuple(row[: len(row) - width]), len(row) - width
        for indicator, span in spans:
            numerator = row[at]
            if numerator is not None:
                sums[(*key, indicator.code)].add(numerator, row[at + 1] if span == 2 else None)
            at += span
    return sums


def _columns(indicators: Sequence[Indicator]) -> list[str]:
    return [column for indicator in indicators for column in columns(indicator)]


def _value(sums: dict[tuple, Amount], *key) -> Decimal | None:
    amount = sums.get(key)
    return amount.value if amount is not None else None


def _cell(sums: dict[tuple, Amount], level: str, pk: int, indicator: Indicator):
    """A child unit's value; a count the snapshot left out is zero."""
    value = _value(sums, level, pk, indicator.code)
    return ZERO if value is None and not indicator.ratio else value


def figures(
    user,
    level: str | None = None,
    unit_id: int | None = None,
    view: str = View.CURRENT,
    quarter: Quarter | None = None,
    *,
    table_indicators: Sequence[Indicator] = KEY_INDICATORS,
    children: bool = True,
) -> Figures:
    """Every figure of a unit's dashboard for a quarter (default: the last ended one with data).

    The unit is the user's own when `level` is None; one they may not see is a 404. The
    child tables hold `table_indicators` (the export asks for the whole catalogue).
    """
    view = view if view in View.values else View.CURRENT
    unit = resolve(user, level, unit_id, view)
    values = IndicatorValue.objects.filter(view=view, level=unit.level)
    if unit.level == UnitLevel.NATION:
        values = values.filter(unit_id__isnull=True)
    else:
        values = values.filter(unit_id__in=unit.ids)
    sums = _amounts(values.values_list("year", "quarter", *_columns(CATALOGUE)), CATALOGUE)
    quarters = sorted({Quarter(year, number) for year, number, _code in sums}, reverse=True)
    if not quarters:
        return Figures(unit, view, None, [])
    if quarter not in quarters:
        # A commissar reviews the last quarter that has ended; the one in progress is a choice.
        ended = [when for when in quarters if not when.in_progress]
        quarter = ended[0] if ended else quarters[0]
    trend = [quarter.shift(-back) for back in range(TREND_QUARTERS - 1, -1, -1)]
    result = Figures(unit, view, quarter, quarters, trend)
    known = set(quarters)
    for indicator in CATALOGUE:

        def at(when: Quarter, indicator=indicator):
            value = _value(sums, when.year, when.number, indicator.code)
            # The snapshot leaves out zero counts: in a quarter with data, missing is none.
            if value is None and not indicator.ratio and when in known:
                return ZERO
            return value

        result.figures.append(
            Figure(
                indicator,
                now=at(quarter),
                previous=at(quarter.shift(-1)),
                last_year=at(quarter.shift(-4)),
                trend=[at(when) for when in trend],
            )
        )
    if children:
        totals = {
            indicator.code: sums.get((quarter.year, quarter.number, indicator.code), Amount())
            for indicator in CATALOGUE
        }
        result.tables = _tables(user, unit, view, quarter, list(table_indicators), totals)
    return result


def _tables(
    user,
    unit: Unit,
    view: str,
    quarter: Quarter,
    indicators: list[Indicator],
    totals: dict[str, Amount],
):
    """One table per child level, every value read in one query."""
    units = _child_units(user, unit, view, quarter)
    wanted = Q(pk__in=[])
    for level, objs in units.items():
        if objs:
            wanted |= Q(level=level, unit_id__in=[obj.pk for obj in objs])
    rows = (
        IndicatorValue.objects.filter(wanted)
        .filter(view=view, year=quarter.year, quarter=quarter.number)
        .values_list("level", "unit_id", *_columns(indicators))
    )
    sums = _amounts(rows, indicators)
    return [
        Table(
            level,
            str(CHILD_TITLES[level]),
            indicators,
            [
                Row(
                    level,
                    obj,
                    [Cell(ind, _cell(sums, level, obj.pk, ind)) for ind in indicators],
                )
                for obj in objs
            ],
            _remainder(level, [obj.pk for obj in objs], indicators, sums, totals),
        )
        for level, objs in units.items()
    ]


def _remainder(
    level: str,
    pks: list[int],
    indicators: list[Indicator],
    sums: dict[tuple, Amount],
    totals: dict[str, Amount],
) -> Row | None:
    """The unit's total less its rows, indicator by indicator; None when nothing is left."""
    cells, left = [], False
    for indicator in indicators:
        rest = Amount()
        total = totals.get(indicator.code, Amount())
        rest.add(total.numerator, total.denominator)
        for pk in pks:
            part = sums.get((level, pk, indicator.code))
            if part is not None:
                rest.add(-part.numerator, -part.denominator if part.denominator else None)
        left = left or bool(rest.numerator) or bool(rest.denominator)
        cells.append(Cell(indicator, rest.value))
    if not left:
        return None
    return Row(level, None, cells, str(REMAINDER_TITLES.get(level, REMAINDER_TITLE)))
