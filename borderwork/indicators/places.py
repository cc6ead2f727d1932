"""Where each commune's figures count, per view and quarter: the rebuild's one Python part."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator

from borderwork.indicators.models import View
from borderwork.periods import Quarter
from communes.models import Commune, Province, StationCoverage
from communes.models.base import successors, today_id


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
            pk: (merged, province, start, end)
            for pk, merged, province, start, end in Commune.objects.values_list(
                "pk", "merged_into_id", "province_id", "valid_from", "valid_until"
            )
        }
        provinces = {
            pk: (merged, start, end)
            for pk, merged, start, end in Province.objects.values_list(
                "pk", "merged_into_id", "valid_from", "valid_until"
            )
        }
        self.commune_province = {pk: row[1] for pk, row in communes.items()}
        self.commune_parent = {pk: row[0] for pk, row in communes.items()}
        self.province_parent = {pk: row[0] for pk, row in provinces.items()}
        self.commune_life = {pk: (row[2], row[3]) for pk, row in communes.items()}
        self.province_life = {pk: (row[1], row[2]) for pk, row in provinces.items()}
        self.today_commune = {pk: today_id(pk, self.commune_parent) for pk in communes}
        self.today_province = {pk: today_id(pk, self.province_parent) for pk in provinces}
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

    @staticmethod
    def _on(pk: int, day: datetime.date, parent: dict, life: dict) -> int | None:
        """The unit that a unit is on `day`: itself while it exists, then the unit it merged
        into (and so on); None when it had not begun or ended without a successor."""
        for unit in successors(pk, parent):
            start, end = life[unit]
            if start is not None and day < start:
                return None
            if end is None or day <= end:
                return unit
        return None

    def place(
        self, view: str, commune: int, day: datetime.date | None
    ) -> tuple[int | None, int | None, int]:
        """(commune, station, province) a commune's figures count toward in a view.

        The one place that decides where the records of a commune count, whatever the
        record: a self-management group registered in a commune that merged on 1 July 2025
        keeps that commune for ever. In the quarter's own units the figures go to the units
        existing at the quarter's end: the commune itself while it exists, then the commune
        it merged into, with that one's station and province. A commune that had not begun,
        or ended with no successor, gives no commune row (its province still counts it, and
        the province's table shows the remainder). In today's units they go to today's.
        """
        if view == View.PERIOD:
            then = self._on(commune, day, self.commune_parent, self.commune_life)
            where = commune if then is None else then
            province = self.commune_province[where]
            province = self._on(province, day, self.province_parent, self.province_life) or province
            station = self.station_on(then, day) if then is not None else None
            return then, station, province
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
