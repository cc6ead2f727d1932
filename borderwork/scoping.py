"""The one place that decides what a user may see and change.

Every domain model declares how it is reached from an org unit (`Scope`), and its
queryset offers `visible_to(user)` and `editable_by(user)`. Views call those and never
filter by province or station by hand. This module is the platform: it knows no domain
model; the user answers which units are theirs (`accounts.models.User`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from django.db import models
from django.db.models import Q

User = Any  # a signed-in user (accounts.models.User); typed loosely so nothing points up

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
    locked (see `reports.locks`): what the approved report counted cannot change under it.
    """

    dates: tuple[str, ...]
    commune: str = "commune"


def _unit_q(user: User, scope: Scope) -> Q:
    """Rows of the user's own station or province family."""
    if user.station_id:
        if scope.kind == "commune":
            return Q(**{scope.lookup("pk") + "__in": user.covered_commune_ids()})
        if scope.kind == "station":
            return Q(**{scope.lookup("pk"): user.station_id})
        if scope.kind == "province":
            return Q(**{scope.lookup("pk") + "__in": user.station_province_family_ids()})
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


# Which periods are closed is decided above the platform (reports closes approved quarters,
# `reports.locks`); it registers here at start-up, so the record pages and forms below ask
# without importing it.
_closers: list[Callable[..., str]] = []


def register_closer(closer: Callable[..., str]) -> None:
    """Add a function (*records) -> why they may not be written, or '' when they may."""
    if closer not in _closers:
        _closers.append(closer)


def closed_because(*objs: models.Model | None) -> str:
    """Why a record, as it was or as it would be, may not be written; '' when it may."""
    for closer in _closers:
        reason = closer(*objs)
        if reason:
            return reason
    return ""


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows, from its model's `scope`, what a user may see and change."""

    def visible_to(self, user: User) -> ScopedQuerySet:
        return self.filter(visible_q(user, self.model.scope))

    def editable_by(self, user: User) -> ScopedQuerySet:
        return self.filter(editable_q(user, self.model.scope))
