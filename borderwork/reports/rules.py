"""Who may read a quarterly report and who may do what with it.

Staff of the unit draft, edit and submit; only the commissar of that very unit approves,
returns or reopens it. A commissar of another unit, even one that merged with it, may not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from borderwork.accounts.models import Role
from borderwork.scoping import NOTHING
from communes.models import Province, Station

if TYPE_CHECKING:
    from borderwork.accounts.models import User
    from borderwork.reports.models import Report


def reports_visible_q(user: User) -> Q:
    """Quarterly reports a user may read.

    National readers read all; a province's people read their province family's reports and
    its stations'; a station's people read their station's and their province's own.
    """
    if not user.is_authenticated or not user.is_active:
        return NOTHING
    if user.reads_everything:
        return Q()
    if user.station_id:
        family = Station.objects.province_family_ids(user.station_id)
        return Q(station_id=user.station_id) | Q(station__isnull=True, province_id__in=family)
    if user.province_id:
        return Q(province_id__in=user.province_family_ids())
    return NOTHING


def _staff_of(user: User, report: Report) -> bool:
    if user.is_administrator:
        return True
    if not user.enters_data:
        return False
    if user.station_id:
        return report.station_id == user.station_id
    return report.province_id in user.province_family_ids()


def commissar_of(user: User, report: Report) -> bool:
    """The political commissar of the report's own unit."""
    if user.role != Role.COMMISSAR or not user.is_active:
        return False
    if report.station_id:
        return user.station_id == report.station_id
    return user.station_id is None and user.province_id == report.province_id


def may_draft(user: User) -> bool:
    return user.is_authenticated and (user.enters_data or user.is_administrator)


def draftable_units(user: User) -> list[tuple[str, object]]:
    """('province:<pk>' | 'station:<pk>', unit) the user may draft a report for: a station's
    staff their station; a province's staff their province family and its stations."""
    if not may_draft(user):
        return []
    if user.station_id:
        return [(f"station:{user.station_id}", user.station)]
    if user.is_administrator:
        provinces, stations = Province.objects.all(), Station.objects.all()
    else:
        family = user.province_family_ids()
        provinces = Province.objects.filter(pk__in=family)
        stations = Station.objects.filter(province__in=family)
    units = [(f"province:{p.pk}", p) for p in provinces.order_by("name")]
    units += [(f"station:{s.pk}", s) for s in stations.order_by("name")]
    return units


def may_edit(user: User, report: Report) -> bool:
    return report.is_draft and _staff_of(user, report)


def may_submit(user: User, report: Report) -> bool:
    return may_edit(user, report)


def may_decide(user: User, report: Report) -> bool:
    """Approve or return a submitted report."""
    return report.state == "submitted" and commissar_of(user, report)


def may_reopen(user: User, report: Report) -> bool:
    return report.is_approved and commissar_of(user, report)


def may_issue(user: User, report: Report) -> bool:
    """Make a PDF of it: its drafters and its commissar (everyone who reads it downloads)."""
    return _staff_of(user, report) or commissar_of(user, report)


def awaiting(user: User):
    """The submitted reports this user, as their unit's commissar, has to decide on."""
    from borderwork.reports.models import Report, State

    if user.role != Role.COMMISSAR:
        return Report.objects.none()
    unit = (
        {"station": user.station_id}
        if user.station_id
        else {"province": user.province_id, "station": None}
    )
    return Report.objects.filter(state=State.SUBMITTED, **unit).select_related(
        "province", "station"
    )
