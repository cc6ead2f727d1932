"""The indicator snapshot the nightly rebuild writes, and the record of each rebuild."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from borderwork.indicators.catalogue import CATALOGUE, Indicator
from borderwork.jobs import Job


def ratio_or_count(numerator: Decimal, denominator: Decimal | None) -> Decimal | None:
    """The ratio in percent when there is a denominator (None if it is 0), else the count."""
    if denominator is None:
        return numerator
    if not denominator:
        return None
    return numerator * 100 / denominator


class UnitLevel(models.TextChoices):
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
    """One unit and quarter of the snapshot, with a numerator of every indicator in the catalogue
    (a column named by its code) and, for ratios, a denominator (`<code>_of`).

    Roll-ups add numerators and denominators; a ratio is computed from the sums, never
    averaged. `unit_id` is a commune, station or province id by `level`; None for the nation.
    An indicator none of the unit's communes had a figure for that quarter is None (a count
    reads as zero then). One row per unit and quarter, not per indicator: the nightly rebuild
    writes some 62,000 rows at national scale instead of a million.
    """

    view = models.CharField(_("cách tính"), max_length=8, choices=View)
    year = models.PositiveSmallIntegerField(_("năm"))
    quarter = models.PositiveSmallIntegerField(_("quý"))
    level = models.CharField(_("cấp"), max_length=8, choices=UnitLevel)
    unit_id = models.PositiveIntegerField(_("đơn vị"), null=True, blank=True)

    class Meta:
        verbose_name = _("giá trị chỉ tiêu")
        verbose_name_plural = _("giá trị chỉ tiêu")
        # What the dashboard asks: a view, a level, some units, (a quarter).
        indexes = [
            models.Index(
                fields=["view", "level", "unit_id", "year", "quarter"], name="indicator_unit_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level}:{self.unit_id} {self.year}Q{self.quarter}"

    def amount(self, code: str) -> tuple[Decimal | None, Decimal | None]:
        """An indicator's (numerator, denominator); the denominator is None for a count."""
        return getattr(self, code), getattr(self, f"{code}_of", None)

    def value(self, code: str) -> Decimal | None:
        numerator, denominator = self.amount(code)
        return None if numerator is None else ratio_or_count(numerator, denominator)


def columns(indicator: Indicator) -> tuple[str, ...]:
    """The snapshot's columns of an indicator: its numerator, then a ratio's denominator."""
    return (indicator.code, f"{indicator.code}_of") if indicator.ratio else (indicator.code,)


# A column per indicator of the catalogue: adding an indicator needs a migration.
for _indicator in CATALOGUE:
    for _column in columns(_indicator):
        IndicatorValue.add_to_class(
            _column,
            models.DecimalField(
                _column, max_digits=20, decimal_places=4, null=True, blank=True, editable=False
            ),
        )


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tính")
    SUCCESS = "success", _("Hoàn thành")
    FAILED = "failed", _("Lỗi")
    SKIPPED = "skipped", _("Bỏ qua: đang có lần tính khác")
    LOST = "lost", _("Mất liên lạc với tiến trình tính")
    UNSENT = "unsent", _("Không gửi được vào hàng đợi")


class RebuildRunQuerySet(models.QuerySet):
    def successes(self) -> RebuildRunQuerySet:
        """The runs that replaced the snapshot, the latest first."""
        return self.filter(status=RunStatus.SUCCESS).order_by("-finished_at")

    def last_success(self) -> RebuildRun | None:
        """The run whose snapshot the dashboards read now."""
        return self.successes().first()


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
    # Written every few seconds while a worker computes (`borderwork/jobs.py`).
    heartbeat_at = models.DateTimeField(_("tín hiệu gần nhất"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("số dòng"), default=0)
    error = models.TextField(_("lỗi"), blank=True)
    # What a successful run counted, so the next can recompute only what changed since.
    counted_to = models.DateField(_("tính đến ngày"), null=True, blank=True)
    recomputed_from = models.DateField(
        _("tính lại từ ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày đầu quý đầu tiên được tính lại; các quý trước giữ số liệu lần trước."),
    )
    signature = models.CharField(_("phiên bản cách tính"), max_length=64, blank=True)

    objects = RebuildRunQuerySet.as_manager()

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


class DirtyMark(models.Model):
    """A write to a table the rebuild reads, left by a PostgreSQL trigger (`marks.py`).

    `commune_id` is the commune whose figures the write may have changed; empty where it may
    have changed every commune's (a merger, a station's coverage, a programme's unit).
    `since` is the first day whose figures it may have changed; empty: any quarter.
    """

    table_name = models.CharField(_("bảng"), max_length=63)
    # No foreign key: a deleted commune's mark must outlive it.
    commune_id = models.BigIntegerField(_("xã"), null=True, blank=True)
    since = models.DateField(_("ảnh hưởng từ ngày"), null=True, blank=True)
    marked_at = models.DateTimeField(_("lúc"), db_default=Now())

    class Meta:
        verbose_name = _("thay đổi chờ tính")
        verbose_name_plural = _("thay đổi chờ tính")

    def __str__(self) -> str:
        return f"{self.table_name} {self.commune_id or '*'} {self.since or '*'}"


# How the background machinery (`borderwork/jobs.py`) finds, claims and sweeps rebuild runs.
REBUILD_JOB = Job(
    RebuildRun,
    queued_field="queued_at",
    queued=RunStatus.QUEUED,
    running=RunStatus.RUNNING,
    lost=RunStatus.LOST,
    unsent=RunStatus.UNSENT,
    failed=RunStatus.FAILED,
)


# The yearly targets live in their own module (`targets.py`); importing it registers them.
from borderwork.indicators.targets import Target, TargetPlan  # noqa: E402, F401
