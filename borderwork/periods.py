"""Periods of work: a quarter, a half-year, a year; their days, labels and list choices.

The one place that does calendar arithmetic on periods; "today" is always the local date
(`timezone.localdate()`, Asia/Ho_Chi_Minh), never the server's.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from borderwork.text import ascii_int

ROMAN = ("I", "II", "III", "IV")
# The first year the record lists offer as a period.
FIRST_YEAR = 2020


def _month_end(year: int, month: int) -> datetime.date:
    """The last day of a month."""
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter: Quarter(2026, 3) is July to September 2026."""

    year: int
    number: int

    @classmethod
    def parse(cls, text: str | None) -> Quarter | None:
        """'2026-3' -> Quarter(2026, 3); anything else -> None."""
        year, _dash, number = (text or "").strip().partition("-")
        if len(year) != 4 or ascii_int(year) is None or number not in ("1", "2", "3", "4"):
            return None
        return cls(int(year), int(number))

    @classmethod
    def of(cls, day: datetime.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def today(cls) -> Quarter:
        """The quarter in progress."""
        return cls.of(timezone.localdate())

    def __str__(self) -> str:
        return f"{self.year}-{self.number}"

    @property
    def label(self) -> str:
        return _("Quý %(quarter)s/%(year)s") % {
            "quarter": ROMAN[self.number - 1],
            "year": self.year,
        }

    @property
    def short_label(self) -> str:
        return f"{ROMAN[self.number - 1]}/{self.year % 100:02d}"

    def shift(self, quarters: int) -> Quarter:
        index = self.year * 4 + self.number - 1 + quarters
        return Quarter(index // 4, index % 4 + 1)

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> datetime.date:
        """The quarter's last calendar day."""
        return _month_end(self.year, 3 * self.number)

    @property
    def last_day(self) -> datetime.date:
        """The quarter's last day, or today for the quarter in progress."""
        return min(self.end, timezone.localdate())

    @property
    def in_progress(self) -> bool:
        return self == Quarter.today()

    kind = "quarter"

    @property
    def quarters(self) -> tuple[Quarter]:
        return (self,)

    @property
    def code(self) -> str:
        """'2025Q2', as the command line writes it."""
        return f"{self.year}Q{self.number}"

    def year_before(self) -> Quarter:
        """The same quarter a year earlier."""
        return self.shift(-4)


@dataclass(frozen=True, order=True)
class HalfYear:
    """A half of a calendar year: HalfYear(2026, 1) is January to June 2026."""

    year: int
    number: int

    @classmethod
    def of(cls, day: datetime.date) -> HalfYear:
        return cls(day.year, 1 if day.month <= 6 else 2)

    def __str__(self) -> str:
        return f"{self.year}-H{self.number}"

    @property
    def label(self) -> str:
        if self.number == 1:
            return _("6 tháng đầu năm %(year)s") % {"year": self.year}
        return _("6 tháng cuối năm %(year)s") % {"year": self.year}

    @property
    def quarters(self) -> tuple[Quarter, Quarter]:
        first = Quarter(self.year, 2 * self.number - 1)
        return first, first.shift(1)

    @property
    def first_day(self) -> datetime.date:
        return self.quarters[0].first_day

    @property
    def end(self) -> datetime.date:
        return self.quarters[1].end

    kind = "half"

    @property
    def last_day(self) -> datetime.date:
        """The half-year's last day, or today while it is in progress."""
        return min(self.end, timezone.localdate())

    @property
    def code(self) -> str:
        return f"{self.year}H{self.number}"

    def year_before(self) -> HalfYear:
        return HalfYear(self.year - 1, self.number)


@dataclass(frozen=True, order=True)
class Year:
    """A calendar year."""

    year: int

    @classmethod
    def of(cls, day: datetime.date) -> Year:
        return cls(day.year)

    def __str__(self) -> str:
        return str(self.year)

    @property
    def label(self) -> str:
        return _("Năm %(year)s") % {"year": self.year}

    @property
    def quarters(self) -> tuple[Quarter, ...]:
        return tuple(Quarter(self.year, number) for number in (1, 2, 3, 4))

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.year, 12, 31)

    kind = "year"
    number = 1  # a year is the only one of its kind in the year (see `period_from`)

    @property
    def last_day(self) -> datetime.date:
        """The year's last day, or today while it is in progress."""
        return min(self.end, timezone.localdate())

    @property
    def code(self) -> str:
        return str(self.year)

    def year_before(self) -> Year:
        return Year(self.year - 1)


AnyPeriod = Quarter | HalfYear | Year
KINDS = {"quarter": Quarter, "half": HalfYear, "year": Year}
CODE = re.compile(r"(\d{4})(?:Q([1-4])|H([12]))?")


def period_from(kind: str, year: int, number: int) -> AnyPeriod:
    """The period stored as (kind, year, number): ("half", 2025, 1) is HalfYear(2025, 1)."""
    if kind == "year":
        return Year(year)
    return KINDS[kind](year, number)


def parse_code(text: str | None) -> AnyPeriod | None:
    """'2025Q2' -> Quarter(2025, 2), '2025H1' -> HalfYear(2025, 1), '2025' -> Year(2025);
    anything else -> None."""
    match = CODE.fullmatch((text or "").strip().upper())
    if not match or ascii_int(match[1]) is None:
        return None
    year = int(match[1])
    if match[2]:
        return Quarter(year, int(match[2]))
    if match[3]:
        return HalfYear(year, int(match[3]))
    return Year(year)


def choices(today: datetime.date | None = None) -> list[tuple[str, str]]:
    """Years and quarters up to today, newest first: ("2026", "Năm 2026"),
    ("2026-3", "Quý III/2026") ... back to FIRST_YEAR."""
    today = today or timezone.localdate()
    current = Quarter.of(today)
    found = []
    for year in range(today.year, FIRST_YEAR - 1, -1):
        found.append((str(year), Year(year).label))
        for quarter in reversed(Year(year).quarters):
            if quarter <= current:
                found.append((str(quarter), quarter.label))
    return found


def bounds(value: str) -> tuple[datetime.date, datetime.date] | None:
    """'2026' -> the year's first and last day; '2026-3' -> the third quarter's; anything
    else (or a year before FIRST_YEAR or after 2100) -> None."""
    year_text, sep, quarter_text = value.partition("-")
    year = ascii_int(year_text, max_digits=4)
    number = ascii_int(quarter_text, max_digits=1) if sep else None
    if sep and number is None:
        return None
    if year is None or not FIRST_YEAR <= year <= 2100 or number not in (None, 1, 2, 3, 4):
        return None
    period = Year(year) if number is None else Quarter(year, number)
    return period.first_day, period.end
