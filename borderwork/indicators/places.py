"""Where each commune's figures count, per view and quarter: the rebuild's one Python part."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator

from borderwork.indicators.models import View
from borderwork.periods import Quarter
from communes.models import Commune, Province, StationCoverage
from communes.models.base import today_id


def quarters(
    today: datetime.date, first: datetime.date
) -> list[tuple[int, int, datetime.date, datetime.date]]:
    """(year, quarter, first day, last day counted) from `first`'s quarter to today's."""
    rows, quarter, last = [], Quarter.of(first), Quarter.of(today)
    while quarter <= last:
        following = quarter.shift(1)
        end = min(following.first_day - datetime.timedelta(days=1), today)
        rows.append((quarter.year, quarter.number, quarter.first_day, end))
        quarter = following
    return rows


class Units:
    """Where a commune's figures go: the commune, station and province, then or today."""

    def __init__(self) -> None:
        communes = {
            pk: (merged, province)
            for pk, merged, province in Commune.objects.values_list(
                "pk", "merged_into_id", "province_id"
            )
        }
        provinces = Province.objects.merge_parents()
        self.commune_province = {pk: province for pk, (_m, province) in communes.items()}
        merged = {pk: successor for pk, (successor, _p) in communes.items()}
        self.today_commune = {pk: today_id(pk, merged) for pk in communes}
        self.today_province = {pk: today_id(pk, provinces) for pk in provinces}
        self.coverage = defaultdict(list)
        for commune, station, start, end in StationCoverage.objects.values_list(
            "commune_id", "station_id", "valid_from", "valid_until"
        ):
            self.coverage[commune].append((station, start, end))

    def station_on(self, commune: int, day: datetime.date | None) -> int | None:
        """The station covering the commune that day (None: today's coverage)."""
        for station, start, end in self.coverage.get(commune, ()):
            if day is None:
                if end is None:
                    return station
            elif (start is None or start <= day) and (end is None or day <= end):
                return station
        return None

    def place(
        self, view: str, commune: int, day: datetime.date | None
    ) -> tuple[int, int | None, int]:
        """(commune, station, province) a commune's figures count toward in a view."""
        if view == View.PERIOD:
            return commune, self.station_on(commune, day), self.commune_province[commune]
        today = self.today_commune[commune]
        province = self.today_province[self.commune_province[today]]
        return today, self.station_on(today, None), province


def places(units: Units, periods) -> Iterator[tuple]:
    """(view, commune, year, quarter, commune unit, station, province): where a commune's
    figures count, per view and quarter. Two rows per commune and quarter."""
    for commune in units.commune_province:
        today = units.place(View.CURRENT, commune, None)
        for year, number, _start, end in periods:
            yield (View.CURRENT, commune, year, number, *today)
            yield (View.PERIOD, commune, year, number, *units.place(View.PERIOD, commune, end))
