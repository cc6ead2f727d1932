"""Yearly targets per unit: a province's staff set them for the province and its stations,
the province's commissar approves them; the dashboards and reports read the approved ones.

An approved plan is not edited: its targets are refused until the commissar reopens it to a
draft (who and when are kept, and every change is in the history). Where no approved target
is set, the catalogue's fixed target (`catalogue.Indicator.target`) is the default.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from borderwork.accounts.models import Role
from borderwork.indicators.catalogue import BY_CODE
from borderwork.periods import FIRST_YEAR, Year
from borderwork.scoping import Scope, ScopedQuerySet, editable_q
from communes.models import Province, Station
from communes.models.base import successors


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    APPROVED = "approved", _("Đã duyệt")


def _day(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def overlaps(unit, year: int) -> bool:
    """Did the unit (a province or a station) exist on at least one day of the year?"""
    period = Year(year)
    return (unit.valid_from is None or unit.valid_from <= period.end) and (
        unit.valid_until is None or unit.valid_until >= period.first_day
    )


def refuse_outside(province: Province, year: int) -> None:
    """Refuse a target for a province in a year it did not exist, naming who covers it now."""
    if overlaps(province, year):
        return
    if province.valid_until and year > province.valid_until.year:
        chain = successors(province, lambda unit: unit.merged_into if unit.merged_into_id else None)
        covering = next((unit for unit in chain[1:] if overlaps(unit, year)), None)
        if covering is not None:
            message = _(
                "%(unit)s chỉ tồn tại đến %(until)s, sau đó sáp nhập vào %(successor)s. "
                "Chỉ tiêu năm %(year)s hãy đặt cho %(successor)s."
            ) % {
                "unit": province.name,
                "until": _day(province.valid_until),
                "successor": covering.name,
                "year": year,
            }
        else:
            message = _("%(unit)s chỉ tồn tại đến %(until)s: không có chỉ tiêu năm %(year)s.") % {
                "unit": province.name,
                "until": _day(province.valid_until),
                "year": year,
            }
    else:
        message = _("%(unit)s thành lập từ %(since)s: không có chỉ tiêu năm %(year)s.") % {
            "unit": province.name,
            "since": _day(province.valid_from),
            "year": year,
        }
    raise ValidationError({"year": message})


def plan_years(today: datetime.date | None = None) -> range:
    """The years a plan may be set for: from the first year of the records to next year."""
    today = today or timezone.localdate()
    return range(FIRST_YEAR, today.year + 2)


def stations_of(province: Province, year: int) -> list[Station]:
    """The stations whose targets a province's plan of that year sets.

    A station stays with the province it was created in (`Station.province`); in a year, it
    answers to the first unit of that province's chain of mergers that existed in the year:
    Quảng Bình's stations are in Quảng Bình's plan of 2025 and in Quảng Trị's of 2026.
    """
    parents = Province.objects.merge_parents()
    family = Province.objects.family_ids(province.pk)
    provinces = {obj.pk: obj for obj in Province.objects.filter(pk__in=family)}
    found = []
    stations = Station.objects.filter(province__in=family).order_by("name", "pk")
    for station in stations:
        chain = [provinces[pk] for pk in successors(station.province_id, parents)]
        owner = next((unit for unit in chain if overlaps(unit, year)), None)
        if owner is not None and owner.pk == province.pk and overlaps(station, year):
            found.append(station)
    return found


# A plan is reached through its province: the province's staff plan for it.
PLAN_UNIT = Scope("province")


def may_plan(user, province: Province) -> bool:
    """May the user set the province's targets? Its staff (not a station's) and administrators."""
    if not user.is_authenticated or (user.station_id and not user.is_administrator):
        return False
    return Province.objects.filter(editable_q(user, PLAN_UNIT), pk=province.pk).exists()


class TargetPlanQuerySet(ScopedQuerySet):
    def editable_by(self, user) -> TargetPlanQuerySet:
        # A province's staff set its plan; a station's staff read it but enter their records.
        if user.is_authenticated and user.station_id and not user.is_administrator:
            return self.none()
        return super().editable_by(user)


class TargetPlan(models.Model):
    """A province's targets for one year: its own and its stations', approved together."""

    province = models.ForeignKey(
        "communes.Province",
        verbose_name=_("Bộ Chỉ huy BĐBP tỉnh"),
        on_delete=models.PROTECT,
        related_name="target_plans",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=PlanState, default=PlanState.DRAFT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)

    scope = Scope("province", "province")
    objects = TargetPlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu năm")
        verbose_name_plural = _("chỉ tiêu năm")
        ordering = ["-year", "province__name"]
        constraints = [
            models.UniqueConstraint(fields=["province", "year"], name="target_plan_unique"),
        ]

    def __str__(self) -> str:
        return _("Chỉ tiêu năm %(year)s · %(unit)s") % {"year": self.year, "unit": self.province}

    @property
    def is_approved(self) -> bool:
        return self.state == PlanState.APPROVED

    def clean(self) -> None:
        super().clean()
        if self.province_id and self.year:
            refuse_outside(self.province, self.year)

    def may_decide(self, user) -> bool:
        """Only the commissar of the plan's own province approves or reopens it."""
        return (
            user.is_authenticated
            and user.is_active
            and user.role == Role.COMMISSAR
            and user.station_id is None
            and user.province_id == self.province_id
        )

    @transaction.atomic
    def approve(self, by) -> None:
        self.state, self.approved_by, self.approved_at = PlanState.APPROVED, by, timezone.now()
        self._change_reason = "approved"
        self.save(update_fields=["state", "approved_by", "approved_at"])

    @transaction.atomic
    def reopen(self, by) -> None:
        """Back to a draft the staff may edit; the approval is kept in the history."""
        self.state, self.approved_by, self.approved_at = PlanState.DRAFT, None, None
        self._change_reason = "reopened"
        self.save(update_fields=["state", "approved_by", "approved_at"])


class TargetQuerySet(ScopedQuerySet):
    def approved(self) -> TargetQuerySet:
        return self.filter(plan__state=PlanState.APPROVED)

    def of_unit(self, level: str, pk: int, year: int) -> TargetQuerySet:
        """The approved targets of a province's own command or of a station, for a year."""
        if level == "station":
            unit = Q(station_id=pk)
        elif level == "province":
            unit = Q(plan__province_id=pk, station__isnull=True)
        else:
            return self.none()
        return self.approved().filter(unit, year=year)


class Target(models.Model):
    """One indicator's target for a year: of the plan's province (no station) or a station."""

    plan = models.ForeignKey(
        TargetPlan, verbose_name=_("chỉ tiêu năm"), on_delete=models.CASCADE, related_name="targets"
    )
    # The plan's year, kept here so a station has one target per indicator and year.
    year = models.PositiveSmallIntegerField(_("năm"), editable=False)
    station = models.ForeignKey(
        "communes.Station",
        verbose_name=_("đồn Biên phòng"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Để trống: chỉ tiêu của Bộ Chỉ huy tỉnh."),
    )
    indicator = models.CharField(_("chỉ tiêu"), max_length=40)
    value = models.DecimalField(_("mục tiêu"), max_digits=20, decimal_places=4)

    scope = Scope("province", "plan__province")
    objects = TargetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mục tiêu năm")
        verbose_name_plural = _("mục tiêu năm")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "indicator"],
                condition=Q(station__isnull=True),
                name="target_province_unique",
            ),
            models.UniqueConstraint(
                fields=["station", "year", "indicator"],
                condition=Q(station__isnull=False),
                name="target_station_unique",
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="target_value_not_negative",
                violation_error_message=_("Giá trị không được âm."),
            ),
        ]

    def __str__(self) -> str:
        indicator = BY_CODE.get(self.indicator)
        return f"{indicator.name if indicator else self.indicator}: {self.value}"

    def save(self, *args, **kwargs) -> None:
        refuse_if_approved(self.plan_id)
        self.year = self.plan.year
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        refuse_if_approved(self.plan_id)
        return super().delete(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        indicator = BY_CODE.get(self.indicator)
        if indicator is None:
            raise ValidationError({"indicator": _("Không có chỉ tiêu này trong danh mục.")})
        if indicator.ratio and self.value is not None and self.value > Decimal(100):
            raise ValidationError({"value": _("Tỷ lệ không được quá 100 phần trăm.")})


class PlanApproved(PermissionDenied):
    """A change to targets the commissar has approved: he reopens the plan first."""


def refuse_if_approved(plan_id: int | None) -> None:
    """Approved targets are not edited silently: the commissar reopens the plan first."""
    if plan_id and TargetPlan.objects.filter(pk=plan_id, state=PlanState.APPROVED).exists():
        raise PlanApproved(
            _("Chỉ tiêu năm này đã được Chính ủy duyệt: muốn sửa, Chính ủy mở lại thành dự thảo.")
        )
