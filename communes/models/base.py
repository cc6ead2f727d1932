"""Pieces shared by the records of every app."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from borderwork.collation import VIETNAMESE
from borderwork.scoping import ScopedQuerySet


class EndsAfterStart(models.CheckConstraint):
    """The database's check that `end` is not before `start`, whose form error names both
    fields and sits, red, on the end field ("Hạn sơ kết, tổng kết phải bằng hoặc sau ngày ký")
    rather than a generic sentence above the form."""

    def __init__(self, *, start: str, end: str, **kwargs):
        super().__init__(**kwargs)
        self.start, self.end = start, end

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        try:
            super().validate(model, instance, exclude=exclude, using=using)
        except ValidationError as error:
            labels = {
                name: model._meta.get_field(name).verbose_name for name in (self.start, self.end)
            }
            message = _("%(end)s phải bằng hoặc sau %(start)s (%(date)s).") % {
                "end": capfirst(labels[self.end]),
                "start": labels[self.start],
                "date": date_format(getattr(instance, self.start), "SHORT_DATE_FORMAT"),
            }
            raise ValidationError({self.end: message}, code=error.code) from error

    def clone(self):
        _path, args, kwargs = super().deconstruct()
        return self.__class__(*args, start=self.start, end=self.end, **kwargs)

    def deconstruct(self):
        # To migrations this is the plain check it is in the database.
        path, args, kwargs = super().deconstruct()
        return "django.db.models.CheckConstraint", args, kwargs


def ends_after_start(start: str, end: str, name: str) -> models.CheckConstraint:
    """A period whose end, when there is one, is on or after its start."""
    return EndsAfterStart(
        start=start,
        end=end,
        name=name,
        condition=Q(**{f"{end}__isnull": True})
        | Q(**{f"{start}__isnull": True})
        | Q(**{f"{end}__gte": F(start)}),
        violation_error_message=_("Ngày kết thúc phải bằng hoặc sau ngày bắt đầu."),
    )


def not_negative(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        name=name,
        condition=Q(**{f"{field}__gte": 0}),
        violation_error_message=_("Giá trị không được âm."),
    )


def percentage(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        name=name,
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0, f"{field}__lte": 100}),
        violation_error_message=_("Tỷ lệ phải từ 0 đến 100%%."),
    )


T = TypeVar("T")


def successors(unit: T, merged_into: Mapping[T, T | None] | Callable[[T], T | None]) -> list[T]:
    """unit, the unit it merged into, that one's successor... up to today's unit.

    The one walk from a merged unit to today's. `merged_into` maps an id to the id it merged
    into (None when it did not), or is a function giving a unit's successor. A loop in the
    data ends the walk instead of hanging it.
    """
    step = merged_into.get if isinstance(merged_into, Mapping) else merged_into
    chain, seen = [unit], {unit}
    while (following := step(chain[-1])) and following not in seen:
        chain.append(following)
        seen.add(following)
    return chain


def today_id(pk: int, parent: Mapping[int, int | None]) -> int:
    """The unit pk is today, following merges (pk itself if it never merged)."""
    return successors(pk, parent)[-1]


def family_ids(pk: int, parent: Mapping[int, int | None]) -> list[int]:
    """The unit pk is today and every unit that merged into it, at any depth, sorted."""
    today = today_id(pk, parent)
    return sorted(other for other in parent if today_id(other, parent) == today)


class ScopedRecord(models.Model):
    """A record read through its `scope` (`visible_to`/`editable_by`), with its history kept."""

    # Subclasses set `scope` (and `period` where the quarter lock applies). A model whose
    # history also follows a many-to-many field declares its own `HistoricalRecords` instead.

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True


# The usual labels of the foreign keys below; a record may name its own.
COMMUNE_LABEL = _("xã")
STATION_LABEL = _("đồn Biên phòng")


def commune_field(related_name: str, verbose_name=COMMUNE_LABEL, **options) -> models.ForeignKey:
    """The commune a record belongs to."""
    return models.ForeignKey(
        "communes.Commune",
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        related_name=related_name,
        **options,
    )


def station_field(related_name: str, verbose_name=STATION_LABEL, **options) -> models.ForeignKey:
    """The border station that did the work."""
    return models.ForeignKey(
        "communes.Station",
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        related_name=related_name,
        **options,
    )


def village_field() -> models.ForeignKey:
    """The village, where the record names one."""
    return models.ForeignKey(
        "communes.Village",
        verbose_name=_("thôn, ấp, bản"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )


def ethnic_group_field() -> models.ForeignKey:
    """A person's ethnic group, where it is known."""
    return models.ForeignKey(
        "communes.EthnicGroup",
        verbose_name=_("dân tộc"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )


class TimeBoundUnitQuerySet(ScopedQuerySet):
    def existing_on(self, day: datetime.date) -> TimeBoundUnitQuerySet:
        """Units that existed on the given day."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        )

    def current(self) -> TimeBoundUnitQuerySet:
        return self.filter(valid_until__isnull=True)

    def merge_parents(self) -> dict[int, int | None]:
        """Each unit's id and the id of the unit it merged into (None when it did not)."""
        return dict(self.values_list("pk", "merged_into_id"))

    def family_ids(self, pk: int) -> list[int]:
        """The unit pk is today and every unit merged into that one (see `family_ids`)."""
        return family_ids(pk, self.merge_parents())


class TimeBoundUnit(models.Model):
    """An administrative unit that exists between two dates and may merge into another.

    Subclasses add `merged_into = models.ForeignKey("self", ...)`.
    """

    name = models.CharField(_("tên"), max_length=150, db_collation=VIETNAMESE)
    slug = models.SlugField(_("mã định danh"), max_length=80, unique=True)
    valid_from = models.DateField(_("có hiệu lực từ"), null=True, blank=True)
    valid_until = models.DateField(
        _("có hiệu lực đến"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu đơn vị vẫn còn tồn tại."),
    )

    objects = TimeBoundUnitQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def existed_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def today_unit(self):
        """The unit this one is today, following merges (itself if it never merged)."""
        return successors(self, lambda unit: unit.merged_into if unit.merged_into_id else None)[-1]

    def reporter_on(self, day: datetime.date):
        """The unit whose figures hold this one's on that day: itself while it exists, the
        unit it merged into (and so on) after it ended; None before it began or when it
        ended without a successor."""
        chain = successors(self, lambda unit: unit.merged_into if unit.merged_into_id else None)
        return next((unit for unit in chain if unit.existed_on(day)), None)

    def validate_period(self, period) -> None:
        """Refuse a report or a target of this unit for a period (`borderwork.periods`) it did
        not exist at the end of, naming the unit that reports that period now.

        A period that began before the unit did and ends after is its own: the unit's
        figures of the time include the units merged into it.
        """
        end = period.end
        if self.existed_on(end):
            return
        values = {"unit": self, "period": period.label}
        if self.valid_until and end > self.valid_until:
            values["until"] = self.valid_until.strftime("%d/%m/%Y")
            reporter = self.reporter_on(end)
            if reporter is None:
                message = _("%(unit)s chỉ tồn tại đến %(until)s nên không báo cáo %(period)s.")
            else:
                values["reporter"] = reporter
                message = _(
                    "%(unit)s chỉ tồn tại đến %(until)s; %(period)s do %(reporter)s báo cáo."
                )
        else:
            values["since"] = self.valid_from.strftime("%d/%m/%Y")
            earlier = ", ".join(str(unit) for unit in self.merged_from.all())
            if earlier:
                values["earlier"] = earlier
                message = _(
                    "%(unit)s được thành lập từ %(since)s; %(period)s do %(earlier)s báo cáo."
                )
            else:
                message = _("%(unit)s được thành lập từ %(since)s nên chưa có %(period)s.")
        raise ValidationError(message % values, code="unit_not_in_period")
