"""The platform's own tables: create forms already submitted, so a double click makes one
record; long list exports written in the background."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderwork.jobs import Job

# How long a create form's token is kept: far longer than a double click or a "back, send
# again" takes. A form sent again after that is taken as new.
KEEP_TOKENS = datetime.timedelta(days=7)
# How long a long list's export stays to download: enough to come back for it after a
# weekend; after that its file is deleted and its page says to export again.
KEEP_EXPORTS = datetime.timedelta(days=7)


class SubmittedForm(models.Model):
    """A create form's one-time token and the record it made (the first click wins)."""

    token = models.CharField(_("mã biểu mẫu"), max_length=32, unique=True)
    url = models.CharField(_("hồ sơ đã tạo"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("biểu mẫu đã gửi")
        verbose_name_plural = _("biểu mẫu đã gửi")
        indexes = [models.Index(fields=["created_at"], name="submitted_form_created")]

    def __str__(self) -> str:
        return self.token

    @classmethod
    def prune(cls) -> int:
        """Forget the tokens older than `KEEP_TOKENS`; how many were forgotten."""
        deleted, _by_model = cls.objects.filter(
            created_at__lt=timezone.now() - KEEP_TOKENS
        ).delete()
        return deleted


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("đang chờ")
    RUNNING = "running", _("đang ghi")
    DONE = "done", _("xong")
    FAILED = "failed", _("lỗi")
    LOST = "lost", _("mất liên lạc")
    UNSENT = "unsent", _("chưa gửi được")
    EXPIRED = "expired", _("đã hết hạn")


class ListExportRun(models.Model):
    """A list too long to write during the request: written by a task, with its progress."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    segment = models.CharField(_("danh sách"), max_length=40)
    fmt = models.CharField(_("định dạng"), max_length=4)
    query = models.TextField(_("điều kiện lọc"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=ExportStatus, default=ExportStatus.QUEUED
    )
    requested_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    heartbeat_at = models.DateTimeField(_("tín hiệu gần nhất"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("số dòng đã ghi"), default=0)
    rows_total = models.PositiveIntegerField(_("tổng số dòng"), default=0)
    file = models.FileField(_("tệp"), upload_to="exports/", blank=True)
    error = models.TextField(_("lỗi"), blank=True)

    class Meta:
        verbose_name = _("lần xuất danh sách")
        verbose_name_plural = _("các lần xuất danh sách")

    def __str__(self) -> str:
        return f"{self.segment}.{self.fmt} #{self.pk}"

    @property
    def percent(self) -> int:
        return min(100, self.rows_done * 100 // self.rows_total) if self.rows_total else 0

    @property
    def active(self) -> bool:
        return self.status in (ExportStatus.QUEUED, ExportStatus.RUNNING)

    @classmethod
    def expire(cls) -> int:
        """Delete the files of exports finished more than `KEEP_EXPORTS` ago; how many."""
        old = cls.objects.filter(
            status=ExportStatus.DONE, finished_at__lt=timezone.now() - KEEP_EXPORTS
        )
        expired = 0
        for run in old.only("pk", "file"):
            # The row first: a file left behind by a crash is less harm than a page offering
            # a file that is gone.
            cls.objects.filter(pk=run.pk).update(status=ExportStatus.EXPIRED, file="")
            if run.file:
                run.file.storage.delete(run.file.name)
            expired += 1
        return expired


EXPORT_JOB = Job(
    ListExportRun,
    queued_field="requested_at",
    queued=ExportStatus.QUEUED,
    running=ExportStatus.RUNNING,
    lost=ExportStatus.LOST,
    unsent=ExportStatus.UNSENT,
    failed=ExportStatus.FAILED,
)
