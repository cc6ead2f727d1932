"""The quarterly report of a provincial command or a station: its text, its state, the
figures frozen when the commissar approved it, and the archive of the PDFs issued from it.

An approved report also locks the quarter's records of its unit (see `locks.py`); who may do
what is `rules.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from borderwork.jobs import Job
from borderwork.periods import AnyPeriod, period_from


class ReportLevel(models.TextChoices):
    PROVINCE = "province", _("Bộ Chỉ huy BĐBP tỉnh")
    STATION = "station", _("Đồn Biên phòng")


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", _("Báo cáo quý")
    HALF = "half", _("Báo cáo sơ kết 6 tháng đầu năm")
    YEAR = "year", _("Báo cáo tổng kết năm")


class State(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Chờ Chính ủy duyệt")
    APPROVED = "approved", _("Đã duyệt")


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> ReportQuerySet:
        from borderwork.reports.rules import reports_visible_q

        return self.filter(reports_visible_q(user))

    def approved(self) -> ReportQuerySet:
        return self.filter(state=State.APPROVED)

    def of(self, level: str, unit, period: AnyPeriod) -> ReportQuerySet:
        """The report of a station, or of a province's own command (not its stations')."""
        same_unit = (
            {"station": unit}
            if level == ReportLevel.STATION
            else {"province": unit, "station": None}
        )
        return self.filter(**same_unit, kind=period.kind, year=period.year, quarter=period.number)


class Report(models.Model):
    """One unit's report for one quarter, six months or year; the texts are the staff's, the
    figures the snapshot's."""

    level = models.CharField(_("cấp báo cáo"), max_length=8, choices=ReportLevel)
    province = models.ForeignKey(
        "communes.Province",
        verbose_name=_("tỉnh"),
        on_delete=models.PROTECT,
        related_name="reports",
        help_text=_("Với báo cáo của đồn: tỉnh của đồn."),
    )
    station = models.ForeignKey(
        "communes.Station",
        verbose_name=_("đồn Biên phòng"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
    )
    kind = models.CharField(
        _("loại báo cáo"), max_length=8, choices=PeriodKind, default=PeriodKind.QUARTER
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    # The period's number within its year and kind: the quarter 1-4, the half 1 (the first
    # six months; the second half is reviewed in the annual report), 1 for a year.
    quarter = models.PositiveSmallIntegerField(_("số thứ tự kỳ trong năm"))
    state = models.CharField(_("trạng thái"), max_length=10, choices=State, default=State.DRAFT)

    number = models.CharField(
        _("số văn bản"), max_length=40, blank=True, help_text=_("Ví dụ: 25/BC-CT.")
    )
    place = models.CharField(_("địa danh"), max_length=80)
    dated = models.DateField(_("ngày báo cáo"), default=timezone.localdate)
    situation = models.TextField(_("đặc điểm tình hình"), blank=True)
    politics = models.TextField(
        _("kết quả tham gia xây dựng tổ chức đảng, chính quyền"), blank=True
    )
    programmes = models.TextField(_("kết quả các chương trình hỗ trợ"), blank=True)
    borders = models.TextField(_("kết quả tự quản đường biên, mốc quốc giới"), blank=True)
    shortcomings = models.TextField(_("hạn chế, khuyết điểm"), blank=True)
    direction = models.TextField(_("phương hướng, nhiệm vụ kỳ tới"), blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi."))

    # The figures the report uses, frozen when it is approved; None while it is a draft.
    frozen = models.JSONField(_("số liệu đã chốt"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("lập lúc"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trình"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("trình lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering = ["-year", "-kind", "-quarter", "level", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "kind", "year", "quarter"],
                condition=Q(station__isnull=True),
                name="report_one_per_province_period",
                violation_error_message=_("Tỉnh đã có báo cáo của kỳ này."),
            ),
            models.UniqueConstraint(
                fields=["station", "kind", "year", "quarter"],
                condition=Q(station__isnull=False),
                name="report_one_per_station_period",
                violation_error_message=_("Đồn đã có báo cáo của kỳ này."),
            ),
            models.CheckConstraint(
                name="report_level_fits_unit",
                condition=Q(level="province", station__isnull=True)
                | Q(level="station", station__isnull=False),
            ),
            models.CheckConstraint(
                name="report_period_number_fits_kind",
                condition=Q(kind="quarter", quarter__range=(1, 4))
                | Q(kind="half", quarter=1)
                | Q(kind="year", quarter=1),
            ),
            models.CheckConstraint(
                name="report_approved_is_frozen",
                condition=~Q(state="approved") | Q(frozen__isnull=False, approved_by__isnull=False),
            ),
        ]
        indexes = [models.Index(fields=["year", "quarter", "state"], name="report_quarter_state")]

    def __str__(self) -> str:
        return _("Báo cáo %(quarter)s · %(unit)s") % {
            "quarter": self.period.label,
            "unit": self.unit,
        }

    @property
    def period(self) -> AnyPeriod:
        return period_from(self.kind, self.year, self.quarter)

    @property
    def unit(self):
        """The station or province, by its name (a merged unit keeps its own)."""
        return self.station if self.level == ReportLevel.STATION else self.province

    @property
    def is_draft(self) -> bool:
        return self.state == State.DRAFT

    @property
    def is_approved(self) -> bool:
        return self.state == State.APPROVED

    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class Action(models.TextChoices):
    CREATED = "created", _("Lập dự thảo")
    SUBMITTED = "submitted", _("Trình duyệt")
    RETURNED = "returned", _("Trả lại")
    APPROVED = "approved", _("Phê duyệt")
    REOPENED = "reopened", _("Mở lại")


class ReportEvent(models.Model):
    """A step in a report's life, with the comment or reason given for it."""

    report = models.ForeignKey(
        Report, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("việc"), max_length=10, choices=Action)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người làm"), on_delete=models.PROTECT
    )
    at = models.DateTimeField(_("lúc"), default=timezone.now)
    comment = models.TextField(_("ý kiến, lý do"), blank=True)

    class Meta:
        verbose_name = _("bước xử lý báo cáo")
        verbose_name_plural = _("bước xử lý báo cáo")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.at:%d/%m/%Y %H:%M}"


class IssueStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Đã tạo")
    FAILED = "failed", _("Lỗi")
    LOST = "lost", _("Mất liên lạc với tiến trình tạo")
    UNSENT = "unsent", _("Không gửi được vào hàng đợi")


def archive_path(issued: IssuedReport, filename: str) -> str:
    return f"reports/{issued.report.period.code}/{filename}"


class IssuedReport(models.Model):
    """A PDF (and its XLSX of tables) made from a report, archived with its SHA-256.

    The files are written once and never changed: a download is checked against the
    checksum, so what is served is byte for byte what was issued.
    """

    report = models.ForeignKey(
        Report, verbose_name=_("báo cáo"), on_delete=models.PROTECT, related_name="issued"
    )
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=IssueStatus, default=IssueStatus.QUEUED
    )
    draft = models.BooleanField(_("bản dự thảo"), default=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    # Written every few seconds while a worker renders (`borderwork/jobs.py`).
    heartbeat_at = models.DateTimeField(_("tín hiệu gần nhất"), null=True, blank=True)
    pdf = models.FileField(_("tệp PDF"), upload_to=archive_path, blank=True)
    sha256 = models.CharField(_("SHA-256 của PDF"), max_length=64, blank=True)
    xlsx = models.FileField(_("tệp XLSX"), upload_to=archive_path, blank=True)
    xlsx_sha256 = models.CharField(_("SHA-256 của XLSX"), max_length=64, blank=True)
    error = models.TextField(_("lỗi"), blank=True)

    class Meta:
        verbose_name = _("bản báo cáo đã xuất")
        verbose_name_plural = _("bản báo cáo đã xuất")
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.report} · {self.requested_at:%d/%m/%Y %H:%M}"

    @property
    def active(self) -> bool:
        return self.status in (IssueStatus.QUEUED, IssueStatus.RUNNING)


# How the background machinery (`borderwork/jobs.py`) finds, claims and sweeps issued reports.
ISSUE_JOB = Job(
    IssuedReport,
    queued_field="requested_at",
    queued=IssueStatus.QUEUED,
    running=IssueStatus.RUNNING,
    lost=IssueStatus.LOST,
    unsent=IssueStatus.UNSENT,
    failed=IssueStatus.FAILED,
)
