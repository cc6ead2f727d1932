"""How an indicator's value is summed, rounded, judged against its target and written."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from borderwork.indicators.catalogue import Indicator
from borderwork.indicators.models import ratio_or_count
from borderwork.templatetags.borderwork_tags import number

ZERO = Decimal(0)


@dataclass
class Amount:
    numerator: Decimal = Decimal(0)
    denominator: Decimal | None = None

    def add(self, numerator: Decimal, denominator: Decimal | None) -> None:
        self.numerator += numerator
        if denominator is not None:
            self.denominator = (self.denominator or Decimal(0)) + denominator

    @property
    def value(self) -> Decimal | None:
        return ratio_or_count(self.numerator, self.denominator)


class Status:
    GOOD = "good"
    NEAR = "near"
    BAD = "bad"
    NONE = "none"
    LABELS = {
        GOOD: gettext_lazy("Đạt mục tiêu"),
        NEAR: gettext_lazy("Gần đạt mục tiêu"),
        BAD: gettext_lazy("Chưa đạt mục tiêu"),
        NONE: gettext_lazy("Không có mục tiêu"),
    }


def rounded(indicator: Indicator, value: Decimal | None) -> Decimal | None:
    """The value as pages and exports show it: ratios to 0.1 point, counts whole."""
    if value is None:
        return None
    step = Decimal("0.1") if indicator.ratio else Decimal(1)
    return value.quantize(step, rounding=ROUND_HALF_UP)


def status(indicator: Indicator, value: Decimal | None) -> str:
    """Green at or past the target; amber within 20 % of it (at least 1); red beyond; grey
    when there is no target or no value."""
    if indicator.target is None or value is None:
        return Status.NONE
    value, target = rounded(indicator, value), indicator.target
    margin = max(abs(target) * Decimal("0.2"), Decimal(1))
    gap = (target - value) if indicator.higher_is_better else (value - target)
    if gap <= 0:
        return Status.GOOD
    return Status.NEAR if gap <= margin else Status.BAD


def figure(indicator: Indicator, value: Decimal | None) -> str:
    """A value rounded as shown, without its unit: '66,7', '18.000.000', '1.234'."""
    value = rounded(indicator, value)
    if value is None:
        return "—"
    return number(value, 1 if indicator.ratio else 0)


def display(indicator: Indicator, value: Decimal | None) -> str:
    """A value in Vietnamese formatting: '66,7 %', '18.000.000 đ', '1.234'."""
    shown = figure(indicator, value)
    if value is None:
        return shown
    if indicator.ratio:
        return f"{shown} %"
    if indicator.code == "support_value":
        return f"{shown} đ"
    return shown


def display_change(indicator: Indicator, change: Decimal | None) -> str:
    """A signed change: '+3', '−2,5 điểm phần trăm'."""
    if change is None:
        return "—"
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    if indicator.ratio:
        return sign + _("%(value)s điểm phần trăm") % {"value": number(abs(change), 1)}
    return sign + display(indicator, abs(change))
