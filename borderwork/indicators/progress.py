"""Plan against actual: a unit's yearly targets beside what it has done so far that year.

Read from the dashboard's own figures (`figures.Figures`), so the page, the report and the
export agree; the targets are the approved ones (`targets.py`), the catalogue's fixed target
where none is set. One query whatever the size of the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from borderwork.indicators.catalogue import CATALOGUE, Indicator
from borderwork.indicators.figures import Figure, Figures
from borderwork.indicators.targets import Target
from borderwork.indicators.values import rounded
from borderwork.periods import Quarter
from borderwork.templatetags.borderwork_tags import number

# The definitions (definitions.py) say how each indicator counts: a flow is "Phát sinh trong
# quý", so its year is the sum of its quarters; a stock or a cumulative count is what holds
# at the end of the last quarter, and so is every rate.
FLOW = "Phát sinh trong quý"
HUNDRED = Decimal(100)


def adds_up(indicator: Indicator) -> bool:
    """Whether the year's actual is the sum of its quarters (a count of what happened)."""
    return not indicator.ratio and indicator.definition_vi.startswith(FLOW)


def completion(indicator: Indicator, target: Decimal, actual: Decimal | None) -> Decimal | None:
    """The rate of completion in percent.

    Higher is better: actual over target (a target of 0 is met by anything). Lower is better
    (regulations due, the poor-household rate): 100 % when at or under the target, else the
    target over the actual, so the further over, the lower the rate.
    """
    if actual is None:
        return None
    actual = rounded(indicator, actual)
    if indicator.higher_is_better:
        return HUNDRED if not target else actual * HUNDRED / target
    if actual <= target:
        return HUNDRED
    return target * HUNDRED / actual


@dataclass
class Progress:
    """One indicator's target for the year, what was done to the period's end, and the rate."""

    indicator: Indicator
    target: Decimal
    set_here: bool  # False: the catalogue's default
    actual: Decimal | None

    @property
    def rate(self) -> Decimal | None:
        return completion(self.indicator, self.target, self.actual)

    @property
    def rate_shown(self) -> str:
        """'96,3%', '—' without an actual."""
        rate = self.rate
        return (
            "—" if rate is None else number(rate.quantize(Decimal("0.1"), ROUND_HALF_UP), 1) + "%"
        )

    @property
    def met(self) -> bool:
        rate = self.rate
        return rate is not None and rate >= HUNDRED


@dataclass
class Plan:
    year: int
    through: Quarter  # actuals count to this quarter's end
    rows: list[Progress]
    approved: bool  # some targets of the unit's own are approved for the year

    @property
    def any_set(self) -> bool:
        return any(row.set_here for row in self.rows)

    def target(self, code: str) -> Decimal | None:
        """The indicator's target for the year: the unit's approved one, else the default."""
        return next((row.target for row in self.rows if row.indicator.code == code), None)


def year_to_date(figure: Figure, trend: list[Quarter], through: Quarter) -> Decimal | None:
    """What the figure's unit did in `through`'s year up to its end."""
    if not adds_up(figure.indicator):
        return figure.now
    values = [
        value
        for when, value in zip(trend, figure.trend, strict=True)
        if when.year == through.year and when <= through
    ]
    known = [value for value in values if value is not None]
    return sum(known, Decimal(0)) if known else None


def plan(data: Figures) -> Plan | None:
    """The figures' unit's targets for the year of its quarter, against the year to date."""
    if data.quarter is None:
        return None
    year = data.quarter.year
    found = {}
    if data.unit.obj is not None:
        targets = Target.objects.of_unit(data.unit.level, data.unit.obj.pk, year)
        found = dict(targets.values_list("indicator", "value"))
    rows = []
    by_code = {figure.indicator.code: figure for figure in data.figures}
    for indicator in CATALOGUE:
        target = found.get(indicator.code, indicator.target)
        figure = by_code.get(indicator.code)
        if target is None or figure is None:
            continue
        actual = year_to_date(figure, data.trend_quarters, data.quarter)
        rows.append(Progress(indicator, target, indicator.code in found, actual))
    return Plan(year, data.quarter, rows, bool(found))


def as_json(data: Figures) -> dict | None:
    """The plan as a report freezes it: strings for decimals, codes for indicators."""
    found = plan(data)
    if found is None:
        return None
    return {
        "year": found.year,
        "through": [found.through.year, found.through.number],
        "rows": [
            {
                "code": row.indicator.code,
                "target": str(row.target),
                "set": row.set_here,
                "actual": None if row.actual is None else str(row.actual),
                "rate": None if row.rate is None else str(row.rate),
            }
            for row in found.rows
        ],
    }
