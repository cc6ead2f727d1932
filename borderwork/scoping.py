"""The one place that decides what a user may see and change.

Every domain model declares how it is reached from an org unit (`Scope`), and its
queryset offers `visible_to(user)` and `editable_by(user)`. Views call those and never
filter by province or station by hand. This module is the platform: it knows no domain
model; the user answers which units are theirs (`accounts.models.User`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal, TypeVar

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import connections, models
from django.db.models import Q
from django.db.models.functions import Trunc
from django.db.models.signals import m2m_changed, pre_delete, pre_save

from borderwork import changes

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


# What a write touches: the commune whose figures count it (None: every commune) and the
# days it counts on, from the first to the last (None at either end: without bound).
Span = tuple[int | None, date | None, date | None]


@dataclass(frozen=True)
class Period:
    """On which days a record counts toward the figures, and the path to its commune.

    dates: the first day it counts and, for a stock, the last (an empty end: still in force).
    One date is a flow, counted on that day; a year (an integer field) counts on each day of
    that year; no dates at all: every day. moving: dates other than the end (a review due)
    whose change alone matters only between the old and the new value, like the end's:
    ending a term or moving its end changes no day before the earlier of the two.

    A row the figures read without dates of its own (a programme's output unit, whether an
    ethnic group is a minority, the province a commune belongs to) counts wherever the records
    naming it count: via ("app.Model", "its foreign key") lists those records, and a write
    touches their spans. counts: the only fields whose change touches anything (a programme's
    description or a province's border length changes no figure); empty: every field.

    An approved report closes its quarter for its unit (`reports.locks`): a write whose old
    or new span meets the quarter in a commune of that unit is refused, below the forms
    (`guard`), and on PostgreSQL by the database itself.
    """

    dates: tuple[str, ...] = ()
    commune: str = "commune"
    moving: tuple[str, ...] = ()
    open_ended: bool = False  # one date, counted from that day on (a stock with no end)
    via: tuple[tuple[str, str], ...] = ()
    counts: tuple[str, ...] = ()

    @property
    def movable(self) -> tuple[str, ...]:
        """The dates whose change alone touches only the days between old and new value."""
        end = self.dates[1:2] if "__" not in "".join(self.dates[1:2]) else ()
        return (*end, *self.moving)

    def span(self, obj: models.Model) -> Span:
        if not self.commune:
            commune = obj.pk
        elif "__" not in self.commune:
            commune = getattr(obj, self.commune + "_id")
        else:
            # The last hop's id, without loading the commune itself.
            hops, _sep, last = self.commune.rpartition("__")
            holder = _follow(obj, hops)
            commune = getattr(holder, last + "_id", None) if holder is not None else None
        days = [_day(_follow(obj, name)) for name in self.dates]
        if not days:
            return (commune, None, None)
        first, last = days[0], days[-1] if len(days) > 1 or not self.open_ended else None
        if isinstance(first, int):
            return (commune, date(first, 1, 1), date(first, 12, 31))
        return (commune, first, last)

    def spans(self, before: models.Model | None, after: models.Model | None) -> list[Span]:
        """The spans a write from `before` to `after` touches (None: inserted or deleted)."""
        if (
            self.counts
            and before is not None
            and after is not None
            and _values(before, (), only=self.counts) == _values(after, (), only=self.counts)
        ):
            return []
        if self.via:
            pk = (before or after).pk
            return self.named_by(pk) if pk is not None else []
        if before is None or after is None:
            return [self.span(obj) for obj in (before, after) if obj is not None]
        if _values(before, self.movable) == _values(after, self.movable):
            changed = [
                name for name in self.movable if getattr(before, name) != getattr(after, name)
            ]
            if not changed:
                return []
            commune = self.span(after)[0]
            return [_between(commune, getattr(before, n), getattr(after, n)) for n in changed]
        return [self.span(before), self.span(after)]

    def named_by(self, pk: int) -> list[Span]:
        """The spans of the records naming the row `pk` (`via`), by whole quarters, merged.

        A programme names a hundred thousand support records: their spans are read as the
        distinct quarters of each commune, in one query per `via`, and the quarters that follow
        one another are joined. What a closer asks of them (do they meet a period of whole
        quarters?) has the same answer as for the records' own days.
        """
        days = closed_days()
        if days == []:
            return []  # nothing is closed: no span of theirs can be refused
        found: list[Span] = []
        for label, field in self.via:
            model = apps.get_model(label)
            period = period_of(model)
            rows = model._base_manager.filter(**{field: pk})
            if days is not None:
                rows = rows.filter(period.meeting(model, days))
            found += period.quarters_of(rows)
        return _joined(found)

    def meeting(self, model: type[models.Model], days: list[tuple[date, date]]) -> Q:
        """The model's rows whose span meets one of these ranges of days."""
        if not self.dates:
            return Q()
        first, last = self.dates[0], self.dates[-1]
        if not isinstance(_field_at(model, first), models.DateField):
            # A year: its rows count on each day of it (`span`).
            years = {year for start, end in days for year in range(start.year, end.year + 1)}
            return Q(**{f"{first}__in": sorted(years)})
        met = Q(pk__in=[])
        for start, end in days:
            begins = Q(**{f"{first}__lte": end}) | Q(**{f"{first}__isnull": True})
            if len(self.dates) > 1 or not self.open_ended:
                begins &= Q(**{f"{last}__gte": start}) | Q(**{f"{last}__isnull": True})
            met |= begins
        return met

    def quarters_of(self, rows: models.QuerySet) -> list[Span]:
        """The rows' spans widened to whole quarters, each once (one query)."""
        columns = [self.commune or "pk"]
        for at, path in enumerate(self.dates):
            if isinstance(_field_at(rows.model, path), models.DateField):
                rows = rows.annotate(
                    **{f"_q{at}": Trunc(path, "quarter", output_field=models.DateField())}
                )
                columns.append(f"_q{at}")
            else:
                columns.append(path)
        spans = set()
        for commune, *days in rows.order_by().values_list(*columns).distinct():
            if not days:
                spans.add((commune, None, None))
                continue
            first, last = days[0], days[-1] if len(days) > 1 or not self.open_ended else None
            if isinstance(first, int):
                spans.add((commune, date(first, 1, 1), date(first, 12, 31)))
            else:
                spans.add((commune, first, _quarter_end(last)))
        return list(spans)


def _field_at(model: type[models.Model], path: str) -> models.Field:
    *hops, last = path.split("__")
    for name in hops:
        model = model._meta.get_field(name).related_model
    return model._meta.get_field(last)


def _quarter_end(start: date | None) -> date | None:
    """The last day of the quarter starting on `start`."""
    if start is None:
        return None
    if start.month == 10:
        return date(start.year, 12, 31)
    return date(start.year, start.month + 3, 1) - timedelta(days=1)


def _joined(spans: list[Span]) -> list[Span]:
    """The spans of each commune with those that meet or follow one another joined."""
    joined: list[Span] = []
    for commune, first, last in sorted(
        spans, key=lambda span: (span[0] is not None, span[0] or 0, span[1] or date.min)
    ):
        if joined and joined[-1][0] == commune:
            _same, start, end = joined[-1]
            if end is None or first is None or first <= end + timedelta(days=1):
                joined[-1] = (
                    commune,
                    start,
                    None if end is None or last is None else max(end, last),
                )
                continue
        joined.append((commune, first, last))
    return joined


def period_of(model: type[models.Model]) -> Period | None:
    """The model's `Period`, if it declares one (a report's `period` is its quarter instead)."""
    period = getattr(model, "period", None)
    return period if isinstance(period, Period) else None


def _values(obj: models.Model, leave_out: tuple[str, ...], only: tuple[str, ...] = ()) -> dict:
    return {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if field.name not in leave_out
        and field.attname not in leave_out
        and (not only or field.name in only)
    }


def _between(commune: int | None, old: date | None, new: date | None) -> Span:
    """The days between two values of a moving date, an empty one being 'never'."""
    if old is None or new is None:
        return (commune, old or new, None)
    return (commune, min(old, new), max(old, new))


def _day(value):
    return date.fromisoformat(value) if isinstance(value, str) else value


def _follow(obj, path: str):
    for name in path.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, name, None)
    return obj


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
# `reports.locks`); it registers here at start-up, so the record pages, the forms and the
# guard below ask without importing it.
_closers: list[Callable[[list[Span]], str]] = []


class PeriodClosed(PermissionDenied):
    """A write refused because it would change figures a commissar has approved."""


# The days each closer closes anywhere, when it can say: records naming a row (`via`) are
# read only within them. A closer that cannot say makes every such record read.
_closed_days: dict[Callable, Callable[[], list[tuple[date, date]]] | None] = {}


def register_closer(
    closer: Callable[[list[Span]], str],
    days: Callable[[], list[tuple[date, date]]] | None = None,
) -> None:
    """Add a function (spans) -> why a write touching them is refused, or '' when it may;
    days: () -> the (first, last) days it closes in some unit (spans outside them it never
    refuses), so that a row named by a hundred thousand records need not read them all."""
    if closer not in _closers:
        _closers.append(closer)
    _closed_days[closer] = days


def closed_days() -> list[tuple[date, date]] | None:
    """The days some closer closes, joined where they meet; None: any day may be closed."""
    if any(_closed_days.get(closer) is None for closer in _closers):
        return None
    ranges = sorted(day for closer in _closers for day in _closed_days[closer]())
    joined: list[tuple[date, date]] = []
    for first, last in ranges:
        if joined and first <= joined[-1][1] + timedelta(days=1):
            joined[-1] = (joined[-1][0], max(joined[-1][1], last))
        else:
            joined.append((first, last))
    return joined


def closed_for(spans: list[Span]) -> str:
    for closer in _closers:
        reason = closer(spans) if spans else ""
        if reason:
            return reason
    return ""


def spans_of(*objs: models.Model | None) -> list[Span]:
    """The spans a write touches: (before, after) of one record, or records as they are."""
    present = [obj for obj in objs if obj is not None]
    if not present:
        return []
    period = period_of(type(present[0]))
    if period is None:
        return []
    if len(objs) == 2 and all(objs) and objs[0].pk is not None and objs[0].pk == objs[1].pk:
        return period.spans(objs[0], objs[1])
    return [span for obj in present for span in period.spans(None, obj)]


def closed_because(*objs: models.Model | None) -> str:
    """Why a record, or a change from one state of it to another, is refused; '' if not.

    One record: may it be deleted (and so changed at all)? (before, after): may that write be
    made? (None, new): may it be added?
    """
    return closed_for(spans_of(*objs))


def guard(before: models.Model | None, after: models.Model | None) -> None:
    """Refuse the write, whatever path it takes (form, admin, import, shell)."""
    reason = closed_because(before, after)
    if reason:
        raise PeriodClosed(reason)


# Checks that read the same rows for every record (the approved reports, a station's
# coverage) read them once while many records are checked together in one transaction (an
# import of thousands of rows), instead of once per record.
_reading: ContextVar[dict | None] = ContextVar("borderwork_reading", default=None)
T = TypeVar("T")


@contextmanager
def one_reading() -> Iterator[None]:
    """Within it, `remembered` reads each thing once: for many records checked at once, whose
    writes do not change what the checks read."""
    token = _reading.set({})
    try:
        yield
    finally:
        _reading.reset(token)


def reading() -> bool:
    """Whether many records are being checked at once (`one_reading`)."""
    return _reading.get() is not None


def remembered(key: Hashable, read: Callable[[], T]) -> T:
    """What `read()` returns; inside `one_reading`, read the first time only."""
    memo = _reading.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows, from its model's `scope`, what a user may see and change."""

    def visible_to(self, user: User) -> ScopedQuerySet:
        return self.filter(visible_q(user, self.model.scope))

    def editable_by(self, user: User) -> ScopedQuerySet:
        return self.filter(editable_q(user, self.model.scope))

    # Writes of many rows at once answer to the same rule as one record's (`guard`). On
    # PostgreSQL the database's triggers decide (`reports.locks`), so these ask nothing there.
    def update(self, **kwargs) -> int:
        if _checks_in_python(self.model, self.db):
            spans = []
            for before in self:
                after = copy.copy(before)
                for name, value in kwargs.items():
                    if not hasattr(value, "resolve_expression"):
                        setattr(after, self.model._meta.get_field(name).attname, value)
                spans += spans_of(before, after)
            _refuse(spans)
        done = super().update(**kwargs)
        changes.moved(self.db)
        return done

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        if _checks_in_python(self.model, self.db):
            _refuse([span for obj in objs for span in spans_of(None, obj)])
        done = super().bulk_create(objs, *args, **kwargs)
        changes.moved(self.db)
        return done

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if _checks_in_python(self.model, self.db):
            stored = self.model._base_manager.using(self.db).in_bulk([obj.pk for obj in objs])
            _refuse([span for obj in objs for span in spans_of(stored.get(obj.pk), obj)])
        done = super().bulk_update(objs, fields, *args, **kwargs)
        changes.moved(self.db)
        return done


def _checks_in_python(model: type[models.Model], using: str) -> bool:
    return period_of(model) is not None and connections[using].vendor != "postgresql"


def _refuse(spans: list[Span]) -> None:
    reason = closed_for(spans)
    if reason:
        raise PeriodClosed(reason)


def _before_save(sender, instance, using, **kwargs) -> None:
    if _checks_in_python(sender, using):
        stored = sender._base_manager.using(using).filter(pk=instance.pk).first()
        guard(stored if instance.pk is not None else None, instance)


def _before_delete(sender, instance, using, **kwargs) -> None:
    if _checks_in_python(sender, using):
        guard(instance, None)


def _before_links_change(sender, instance, action, using, **kwargs) -> None:
    # A record's links (a group's landmarks) count with it: changing them changes it.
    if action.startswith("pre_") and _checks_in_python(type(instance), using):
        _refuse(spans_of(None, instance))


def install_guard(model_classes) -> None:
    """Have every save and delete of a dated record ask `guard` first, whatever its path.

    Receivers rather than a save() override in each model: the admin, imports, fixtures and
    cascades all pass through `Model.save_base` and the deletion collector, which send these.
    """
    for model in model_classes:
        if period_of(model) is None:
            continue
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"guard-save-{model._meta}")
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"guard-del-{model._meta}")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _before_links_change,
                sender=field.remote_field.through,
                dispatch_uid=f"guard-m2m-{field.remote_field.through._meta}",
            )
