"""The indicator snapshot the nightly rebuild writes, and the record of each rebuild."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def ratio_or_count(numerator: Decimal, denominator: Decimal | None) -> Decimal | None:
    """The ratio in percent when there is a denominator (None if it is 0), else the count."""
    if denominator is None:
        return numerator
    if not denominator:
        return None
    return numerator * 100 / denominator


class Level(models.TextChoices):
    COMMUNE = "commune", _("Xã")
    STATION = "station", _("Đồn")
    PROVINCE = "province", _("Tỉnh")
    NATION = "nation", _("Toàn quốc")


class View(models.TextChoices):
    # Records of a merged commune count toward its successor, in today's units...
    CURRENT = "current", _("Theo đơn vị hiện nay")
    # ...or toward the unit they belonged to in the quarter itself.
    PERIOD = "period", _("Theo đơn vị tại thời điểm")


class IndicatorValue(models.Model):
    """One indicator for one unit and quarter: a numerator and, for ratios, a denominator.

    Roll-ups add numerators and denominators; a ratio is computed from the sums, never
    averaged. `unit_id` is a commune, station or province id by `level`; None for the nation.
    """

    view = models.CharField(_("cách tính"), max_length=8, choices=View)
    indicator = models.CharField(_("chỉ tiêu"), max_length=40)
    year = models.PositiveSmallIntegerField(_("năm"))
    quarter = models.PositiveSmallIntegerField(_("quý"))
    level = models.CharField(_("cấp"), max_length=8, choices=Level)
    unit_id = models.PositiveIntegerField(_("đơn vị"), null=True, blank=True)
    numerator = models.DecimalField(_("tử số"), max_digits=20, decimal_places=4)
    denominator = models.DecimalField(
        _("mẫu số"), max_digits=20, decimal_places=4, null=True, blank=True
    )

    class Meta:
        verbose_name = _("giá trị chỉ tiêu")
        verbose_name_plural = _("giá trị chỉ tiêu")
        indexes = [
            models.Index(
                fields=["view", "level", "unit_id", "year", "quarter"], name="indicator_unit_period"
            ),
            models.Index(fields=["view", "indicator", "year", "quarter"], name="indicator_period"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.level}:{self.unit_id} {self.year}Q{self.quarter}"

    @property
    def value(self) -> Decimal | None:
        return ratio_or_count(self.numerator, self.denominator)


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tính")
    SUCCESS = "success", _("Hoàn thành")
    FAILED = "failed", _("Lỗi")
    SKIPPED = "skipped", _("Bỏ qua: đang có lần tính khác")


class RebuildRun(models.Model):
    """One rebuild of the snapshot: when, how many rows, and whether it worked."""

    status = models.CharField(
        _("trạng thái"), max_length=8, choices=RunStatus, default=RunStatus.QUEUED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    queued_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("số dòng"), default=0)
    error = models.TextField(_("lỗi"), blank=True)

    class Meta:
        verbose_name = _("lần tính chỉ tiêu")
        verbose_name_plural = _("lần tính chỉ tiêu")
        ordering = ["-queued_at"]
        indexes = [models.Index(fields=["status", "-finished_at"], name="run_status_finished")]

    def __str__(self) -> str:
        return f"{self.queued_at:%d/%m/%Y %H:%M} {self.get_status_display()}"


class RebuildLock(models.Model):
    """A single row a rebuild locks for its whole transaction, so two never overlap."""

    class Meta:
        verbose_name = _("khóa tính chỉ tiêu")
        verbose_name_plural = _("khóa tính chỉ tiêu")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
