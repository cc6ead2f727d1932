"""Coordination regulations, their reviews, and the directives records cite."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from borderwork.records.uploads import regulation_scan_path
from borderwork.scoping import Period, Scope, ScopedQuerySet
from communes.models.base import ends_after_start
from communes.models.geography import Commune, Province, Station, validate_where_and_when


class Directive(models.Model):
    """A party or state document cited as the basis of the work (e.g. Plan 10-KH/TU)."""

    code = models.CharField(_("số, ký hiệu"), max_length=40, unique=True)
    title = models.CharField(_("trích yếu"), max_length=400)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)

    scope = Scope("public")
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()
    # NFKC-folded (full-width digits are digits), Latin letters only: borderwork/fields.py.
    code_fields = ("code",)

    class Meta:
        verbose_name = _("văn bản chỉ đạo")
        verbose_name_plural = _("văn bản chỉ đạo")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Counterpart(models.TextChoices):
    PARTY_COMMITTEE = "party_committee", _("Đảng ủy xã")
    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân xã")
    FATHERLAND_FRONT = "fatherland_front", _("Ủy ban MTTQ xã")
    YOUTH_UNION = "youth_union", _("Đoàn Thanh niên")
    WOMENS_UNION = "womens_union", _("Hội Liên hiệp Phụ nữ")
    VETERANS = "veterans", _("Hội Cựu chiến binh")
    FARMERS = "farmers", _("Hội Nông dân")


class RegulationStatus(models.TextChoices):
    IN_FORCE = "in_force", _("Đang có hiệu lực")
    EXPIRED = "expired", _("Hết hiệu lực")
    REPLACED = "replaced", _("Đã được thay thế")


class RegulationQuerySet(ScopedQuerySet):
    def in_force(self) -> RegulationQuerySet:
        return self.filter(status=RegulationStatus.IN_FORCE)

    def overdue_on(self, day: datetime.date) -> RegulationQuerySet:
        """In force with a review date that has passed."""
        return self.in_force().filter(review_due__lt=day)


class CoordinationRegulation(models.Model):
    """A regulation signed by a station (or the command) with a commune body."""

    number = models.CharField(_("số quy chế"), max_length=50)
    title = models.CharField(_("tên quy chế"), max_length=300)
    commune = models.ForeignKey(
        Commune, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="regulations"
    )
    counterpart = models.CharField(
        _("bên ký kết của xã"),
        max_length=20,
        choices=Counterpart,
        default=Counterpart.PARTY_COMMITTEE,
    )
    station = models.ForeignKey(
        Station,
        verbose_name=_("đồn Biên phòng ký"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regulations",
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("Bộ Chỉ huy ký"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regulations",
        help_text=_("Khi Bộ Chỉ huy BĐBP tỉnh ký thay cho đồn."),
    )
    signed_on = models.DateField(_("ngày ký"))
    review_due = models.DateField(_("hạn sơ kết, tổng kết"), null=True, blank=True)
    expires_on = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=12, choices=RegulationStatus, default=RegulationStatus.IN_FORCE
    )
    directives = models.ManyToManyField(
        Directive, verbose_name=_("căn cứ"), blank=True, related_name="regulations"
    )
    document = models.FileField(_("bản scan"), upload_to=regulation_scan_path, blank=True)

    scope = Scope("commune", "commune")
    period = Period(("signed_on", "expires_on"), moving=("review_due",))
    code_fields = ("number",)
    objects = RegulationQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[directives])

    class Meta:
        verbose_name = _("quy chế phối hợp")
        verbose_name_plural = _("quy chế phối hợp")
        ordering = ["-signed_on"]
        constraints = [
            ends_after_start("signed_on", "review_due", "regulation_review_after_signing"),
            ends_after_start("signed_on", "expires_on", "regulation_expires_after_signing"),
            models.CheckConstraint(
                name="regulation_signed_by_station_or_command",
                condition=Q(station__isnull=False) | Q(province__isnull=False),
                violation_error_message=_("Chọn đồn Biên phòng hoặc Bộ Chỉ huy đã ký."),
            ),
        ]
        indexes = [
            models.Index(fields=["commune", "signed_on"], name="regulation_commune_signed"),
            models.Index(fields=["status", "review_due"], name="regulation_status_review"),
        ]

    def __str__(self) -> str:
        return f"{self.number} – {self.title}"

    def clean(self) -> None:
        super().clean()
        if not self.station_id and not self.province_id:
            raise ValidationError(_("Chọn đồn Biên phòng hoặc Bộ Chỉ huy đã ký."))
        validate_where_and_when(self, self.signed_on, self.station if self.station_id else None)

    def is_overdue(self, day: datetime.date) -> bool:
        return (
            self.status == RegulationStatus.IN_FORCE
            and self.review_due is not None
            and self.review_due < day
        )


class ReviewKind(models.TextChoices):
    INTERIM = "interim", _("Sơ kết")
    FINAL = "final", _("Tổng kết")


class RegulationReview(models.Model):
    """A dated meeting that assesses a regulation."""

    regulation = models.ForeignKey(
        CoordinationRegulation,
        verbose_name=_("quy chế"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    kind = models.CharField(
        _("hình thức"), max_length=10, choices=ReviewKind, default=ReviewKind.INTERIM
    )
    held_on = models.DateField(_("ngày tổ chức"))
    summary = models.TextField(_("kết quả đánh giá"), blank=True)
    next_review_due = models.DateField(_("hạn sơ kết lần sau"), null=True, blank=True)
    # The regulation's due date this review replaced (empty: it moved none), so a quarter
    # that ended before the review still reads the date it saw.
    previous_due = models.DateField(
        _("hạn sơ kết trước lần này"), null=True, blank=True, editable=False
    )

    scope = Scope("commune", "regulation__commune")
    period = Period(("held_on",), "regulation__commune")
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sơ kết, tổng kết quy chế")
        verbose_name_plural = _("sơ kết, tổng kết quy chế")
        ordering = ["-held_on"]
        constraints = [
            ends_after_start("held_on", "next_review_due", "review_next_after_held"),
        ]
        indexes = [models.Index(fields=["held_on"], name="review_held_on")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.regulation.number} ({self.held_on:%d/%m/%Y})"

    def moves_due(self) -> bool:
        """Whether this review sets the regulation's next due date (a later one, in force)."""
        regulation, due = self.regulation, self.next_review_due
        return bool(
            due
            and regulation.status == RegulationStatus.IN_FORCE
            and (regulation.review_due is None or regulation.review_due < due)
        )

    def move_due(self) -> None:
        """After the review the regulation is due again at the next date, not overdue; the
        date it replaced stays on the review for the quarters before (`previous_due`)."""
        if not self.moves_due():
            return
        regulation = self.regulation
        self.previous_due, regulation.review_due = regulation.review_due, self.next_review_due
        self.save(update_fields=["previous_due"])
        regulation.save(update_fields=["review_due"])
