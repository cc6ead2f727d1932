"""The one place that decides what a user may see and change.

Every domain model declares how it is reached from an org unit (`Scope`), and its
queryset offers `visible_to(user)` and `editable_by(user)`. Views call those and never
filter by province or station by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from borderwork.accounts.models import User

ScopeKind = Literal["commune", "station", "province", "public"]
NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class Scope:
    """How a model's rows are reached from an org unit.

    kind: what the row belongs to (a commune, a station, a province, or nobody: reference
    lists everyone reads); path: the lookup from the row to that unit ("" for the unit
    itself); staff_may_edit: False for geography and reference lists only an administrator
    changes.
    """

    kind: ScopeKind
    path: str = ""
    staff_may_edit: bool = True

    def lookup(self, suffix: str) -> str:
        if not self.path:
            return suffix
        return f"{self.path}__{suffix}" if suffix != "pk" else self.path


@dataclass(frozen=True)
class Period:
    """Which dates of a record place it in a quarter, and the path to its commune.

    A record whose date falls in a quarter that the commissar of its unit has approved is
    locked (see `accounts.locks`): what the approved report counted cannot change under it.
    """

    dates: tuple[str, ...]
    commune: str = "commune"


def province_family_ids(province_id: int) -> list[int]:
    """The province, the unit it merged into today, and every unit merged into that one."""
    from communes.models import Province

    parent = dict(Province.objects.values_list("pk", "merged_into_id"))

    def root(pk: int) -> int:
        seen = set()
        while parent.get(pk) and pk not in seen:
            seen.add(pk)
            pk = parent[pk]
        return pk

    today = root(province_id)
    return sorted(pk for pk in parent if root(pk) == today)


def _unit_q(user: User, scope: Scope) -> Q:
    """Rows of the user's own station or province family."""
    from communes.models import Station, StationCoverage

    if user.station_id:
        if scope.kind == "commune":
            covered = StationCoverage.objects.filter(station_id=user.station_id)
            return Q(**{scope.lookup("pk") + "__in": covered.values("commune_id")})
        if scope.kind == "station":
            return Q(**{scope.lookup("pk"): user.station_id})
        if scope.kind == "province":
            province_id = Station.objects.values_list("province_id", flat=True).get(
                pk=user.station_id
            )
            return Q(**{scope.lookup("pk") + "__in": province_family_ids(province_id)})
    if user.province_id:
        family = user.province_family_ids()
        if scope.kind in ("commune", "station"):
            return Q(**{scope.lookup("province_id") + "__in": family})
        if scope.kind == "province":
            return Q(**{scope.lookup("pk") + "__in": family})
    return NOTHING


def visible_q(user: User, scope: Scope) -> Q:
    if not user.is_authenticated or not user.is_active:
        return NOTHING
    if scope.kind == "public" or user.reads_everything:
        return Q()
    return _unit_q(user, scope)


def editable_q(user: User, scope: Scope) -> Q:
    if not user.is_authenticated or not user.is_active:
        return NOTHING
    if user.is_administrator:
        return Q()
    if not user.enters_data or not scope.staff_may_edit or scope.kind == "public":
        return NOTHING
    return _unit_q(user, scope)


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows, from its model's `scope`, what a user may see and change."""

    def visible_to(self, user: User) -> ScopedQuerySet:
        return self.filter(visible_q(user, self.model.scope))

    def editable_by(self, user: User) -> ScopedQuerySet:
        return self.filter(editable_q(user, self.model.scope))


def reports_visible_q(user: User) -> Q:
    """Quarterly reports a user may read.

    National readers read all; a province's people read their province family's reports and
    its stations'; a station's people read their station's and their province's own.
    """
    from communes.models import Station

    if not user.is_authenticated or not user.is_active:
        return NOTHING
    if user.reads_everything:
        return Q()
    if user.station_id:
        province_id = Station.objects.values_list("province_id", flat=True).get(pk=user.station_id)
        own_province = Q(station__isnull=True, province_id__in=province_family_ids(province_id))
        return Q(station_id=user.station_id) | own_province
    if user.province_id:
        return Q(province_id__in=user.province_family_ids())
    return NOTHING
