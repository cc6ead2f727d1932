"""Approved quarters are closed: a record dated in a quarter whose report the commissar of
its unit approved may not be added, changed or deleted until the commissar reopens it.

Models say which of their dates count with `period = Period(...)` (see `borderwork.scoping.Period`).
The rule looks at the record as it was and as it would be, so a record can be neither
moved into nor out of a closed quarter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from borderwork.periods import Quarter
from communes.models import Commune, StationCoverage

if TYPE_CHECKING:
    from django.db import models

    from borderwork.reports.models import Report


def _follow(obj, path: str):
    for name in path.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, name, None)
    return obj


def placements(obj: models.Model) -> set[tuple[int, object]]:
    """(commune id, date) pairs that place the record in a quarter."""
    period = getattr(type(obj), "period", None)
    if period is None:
        return set()
    commune = _follow(obj, period.commune)
    if commune is None:
        return set()
    days = (_follow(obj, name) for name in period.dates)
    return {(commune.pk, day) for day in days if day is not None}


def closing_report(*objs: models.Model | None) -> Report | None:
    """The approved report that closes the quarter of any of these records, if one does."""
    from borderwork.reports.models import Report

    found = set()
    for obj in objs:
        if obj is not None:
            found |= placements(obj)
    if not found:
        return None
    quarters = {Quarter.of(day) for _commune, day in found}
    approved = Report.objects.approved().filter(
        Q(*[Q(year=q.year, quarter=q.number) for q in quarters], _connector=Q.OR)
    )
    reports = list(approved.select_related("approved_by", "province", "station"))
    if not reports:
        return None
    provinces = dict(
        Commune.objects.filter(pk__in={c for c, _day in found}).values_list("pk", "province_id")
    )
    coverage = list(
        StationCoverage.objects.filter(commune__in=provinces).values_list(
            "commune_id", "station_id", "valid_from", "valid_until"
        )
    )
    for commune_id, day in sorted(found, key=lambda pair: pair[1]):
        quarter = Quarter.of(day)
        stations = {
            station
            for commune, station, start, end in coverage
            if commune == commune_id
            and (start is None or start <= day)
            and (end is None or day <= end)
        }
        for report in reports:
            if report.period != quarter:
                continue
            if report.station_id in stations or (
                report.station_id is None and report.province_id == provinces.get(commune_id)
            ):
                return report
    return None


def closed_because(*objs: models.Model | None) -> str:
    """The message of the approved report closing these records' quarter, or ''.

    Registered with `borderwork.scoping` when the app is ready, so the record pages ask it.
    """
    report = closing_report(*objs)
    return closed_message(report) if report is not None else ""


def closed_message(report: Report) -> str:
    return _(
        "Số liệu %(quarter)s của %(unit)s đã được %(who)s phê duyệt lúc %(when)s nên không "
        "thêm, sửa hay xóa được hồ sơ thuộc quý này. Nếu cần sửa, hãy đề nghị Chính ủy mở "
        "lại báo cáo."
    ) % {
        "quarter": report.period.label,
        "unit": report.unit,
        "who": report.approved_by,
        "when": timezone.localtime(report.approved_at).strftime("%H:%M %d/%m/%Y"),
    }
