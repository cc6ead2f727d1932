"""Officers of border stations, their assignments in local bodies, courses and cadre source."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce, Upper
from django.utils.translation import gettext_lazy as _

from borderwork.collation import VIETNAMESE
from borderwork.scoping import Period, Scope, ScopedQuerySet
from communes.models.base import (
    ScopedRecord,
    commune_field,
    ends_after_start,
    ethnic_group_field,
    station_field,
    village_field,
)
from communes.models.geography import validate_where_and_when


class Officer(ScopedRecord):
    """An officer of a border station (cán bộ đồn Biên phòng)."""

    full_name = models.CharField(_("họ và tên"), max_length=150, db_collation=VIETNAMESE)
    rank = models.CharField(_("cấp bậc"), max_length=60, blank=True)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    station = station_field("officers")
    ethnic_group = ethnic_group_field()
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    party_joined_on = models.DateField(_("ngày vào Đảng"), null=True, blank=True)

    scope = Scope("station", "station")

    class Meta:
        verbose_name = _("cán bộ đồn Biên phòng")
        verbose_name_plural = _("cán bộ đồn Biên phòng")
        ordering = ["full_name"]
        # The list's default order (issue 14: a country has tens of thousands of officers).
        indexes = [models.Index(fields=["full_name"], name="officer_name")]
        constraints = [
            # One person is one officer of a station: the name (NFC, any case) with the birth
            # year tells two people apart. The model has no service number to do it.
            models.UniqueConstraint(
                Upper("full_name"),
                "station",
                Coalesce("birth_year", Value(0), output_field=models.IntegerField()),
                name="officer_unique_in_station",
                violation_error_message=_(
                    "Đồn này đã có cán bộ cùng họ tên và năm sinh. Nếu là hai người khác "
                    "nhau, hãy ghi năm sinh của từng người."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.rank} {self.full_name}".strip()


class AssignmentKind(models.TextChoices):
    PARTY_COMMITTEE = "party_committee", _("Cấp ủy viên (cán bộ tăng cường)")
    PARTY_CELL = "party_cell", _("Đảng viên tham gia sinh hoạt tại chi bộ thôn, ấp, bản")
    PEOPLES_COUNCIL = "peoples_council", _("Đại biểu HĐND")
    FATHERLAND_FRONT = "fatherland_front", _("Ủy viên Ủy ban MTTQ")
    YOUTH_UNION = "youth_union", _("Tham gia Đoàn Thanh niên")
    WOMENS_UNION = "womens_union", _("Tham gia Hội Liên hiệp Phụ nữ")
    VETERANS = "veterans", _("Tham gia Hội Cựu chiến binh")


class AssignmentLevel(models.TextChoices):
    COMMUNE = "commune", _("Cấp xã")
    DISTRICT = "district", _("Cấp huyện")


class AssignmentQuerySet(ScopedQuerySet):
    def current_on(self, day: datetime.date) -> AssignmentQuerySet:
        return self.filter(Q(started_on__lte=day), Q(ended_on__isnull=True) | Q(ended_on__gte=day))


class Assignment(ScopedRecord):
    """An officer placed in a local body for a term."""

    officer = models.ForeignKey(
        Officer, verbose_name=_("cán bộ"), on_delete=models.PROTECT, related_name="assignments"
    )
    kind = models.CharField(_("hình thức"), max_length=20, choices=AssignmentKind)
    level = models.CharField(
        _("cấp"), max_length=10, choices=AssignmentLevel, default=AssignmentLevel.COMMUNE
    )
    commune = commune_field("assignments", null=True, blank=True)
    district = models.ForeignKey(
        "communes.District",
        verbose_name=_("huyện"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
    )
    party_cell = models.ForeignKey(
        "communes.PartyCell",
        verbose_name=_("chi bộ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
    )
    started_on = models.DateField(_("ngày bắt đầu nhiệm kỳ"))
    ended_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    directive = models.ForeignKey(
        "communes.Directive",
        verbose_name=_("căn cứ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
    )
    notes = models.TextField(_("ghi chú"), blank=True)

    scope = Scope("station", "officer__station")
    period = Period(("started_on", "ended_on"))
    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("phân công tham gia hệ thống chính trị")
        verbose_name_plural = _("phân công tham gia hệ thống chính trị")
        ordering = ["-started_on"]
        constraints = [
            ends_after_start("started_on", "ended_on", "assignment_term_in_order"),
            models.CheckConstraint(
                name="assignment_unit_matches_level",
                condition=Q(level=AssignmentLevel.COMMUNE, commune__isnull=False)
                | Q(level=AssignmentLevel.DISTRICT, district__isnull=False),
                violation_error_message=_("Cấp xã cần chọn xã; cấp huyện cần chọn huyện."),
            ),
        ]
        indexes = [
            models.Index(fields=["commune", "kind", "started_on"], name="assignment_commune_kind"),
            models.Index(fields=["started_on", "ended_on"], name="assignment_term"),
            # The dashboard's "terms ending in 90 days": a range of end dates, not a scan of
            # every assignment ever made (benchmarks/README.md).
            models.Index(fields=["ended_on"], name="assignment_ends"),
            # "Communes without an officer on the committee" asks each border commune for a
            # current committee seat: a small index answers without reading the table.
            models.Index(
                fields=["commune", "started_on", "ended_on"],
                condition=Q(kind=AssignmentKind.PARTY_COMMITTEE),
                name="assignment_committee_seat",
            ),
        ]

    def __str__(self) -> str:
        unit = self.commune or self.district
        return f"{self.officer} – {self.get_kind_display()} – {unit}"

    def clean(self) -> None:
        super().clean()
        if self.level == AssignmentLevel.COMMUNE and not self.commune_id:
            raise ValidationError({"commune": _("Chọn xã nơi cán bộ được phân công.")})
        if self.level == AssignmentLevel.DISTRICT and not self.district_id:
            raise ValidationError({"district": _("Chọn huyện nơi cán bộ được phân công.")})
        if self.kind == AssignmentKind.PARTY_CELL and not self.party_cell_id:
            raise ValidationError({"party_cell": _("Chọn chi bộ cán bộ sinh hoạt.")})
        if self.party_cell_id and self.commune_id and self.party_cell.commune_id != self.commune_id:
            raise ValidationError({"party_cell": _("Chi bộ này không thuộc xã đã chọn.")})
        if self.level == AssignmentLevel.COMMUNE and self.officer_id:
            # The officer's station must cover the commune; say so next to the commune.
            validate_where_and_when(self, self.started_on, self.officer.station, "commune")
        # A term ending before it starts: the constraint assignment_term_in_order says so on
        # ended_on, naming the start date.

    def is_current(self, day: datetime.date) -> bool:
        return self.started_on <= day and (self.ended_on is None or self.ended_on >= day)


class PetitionStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    FORWARDED = "forwarded", _("Đã chuyển cơ quan có thẩm quyền")
    RESOLVED = "resolved", _("Đã giải quyết")
    EXPLAINED = "explained", _("Đã giải thích, trả lời")


class Petition(ScopedRecord):
    """A voters' petition that an officer delegate took up, and how it was resolved."""

    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("đại biểu HĐND"),
        on_delete=models.PROTECT,
        related_name="petitions",
        limit_choices_to={"kind": AssignmentKind.PEOPLES_COUNCIL},
    )
    received_on = models.DateField(_("ngày tiếp nhận"))
    voters = models.CharField(_("cử tri, nơi kiến nghị"), max_length=200, blank=True)
    subject = models.TextField(_("nội dung kiến nghị"))
    status = models.CharField(
        _("tình trạng"), max_length=12, choices=PetitionStatus, default=PetitionStatus.RECEIVED
    )
    resolved_on = models.DateField(_("ngày giải quyết"), null=True, blank=True)
    resolution = models.TextField(_("kết quả giải quyết"), blank=True)

    scope = Scope("station", "assignment__officer__station")
    # Counted when received and, once resolved, when resolved (`petitions_received`,
    # `petitions_resolved`): resolving it after an approved quarter changes no day before.
    period = Period(("received_on", "resolved_on"), "assignment__commune")

    class Meta:
        verbose_name = _("kiến nghị của cử tri")
        verbose_name_plural = _("kiến nghị của cử tri")
        ordering = ["-received_on"]
        constraints = [ends_after_start("received_on", "resolved_on", "petition_resolved_after")]
        indexes = [
            models.Index(fields=["received_on"], name="petition_received_on"),
            models.Index(fields=["resolved_on"], name="petition_resolved_on"),
        ]

    def __str__(self) -> str:
        return f"{self.received_on:%d/%m/%Y} – {self.subject[:60]}"


class CourseKind(models.TextChoices):
    PARTY_FAMILIARISATION = "party", _("Bồi dưỡng nhận thức về Đảng")
    DEFENCE_SECURITY = "defence", _("Bồi dưỡng kiến thức quốc phòng – an ninh")


class Course(ScopedRecord):
    """A course for commune cadres or party candidates."""

    kind = models.CharField(_("loại lớp"), max_length=10, choices=CourseKind)
    title = models.CharField(_("tên lớp"), max_length=200)
    host = models.CharField(_("đơn vị chủ trì"), max_length=200)
    commune = commune_field("courses", _("xã tổ chức"))
    station = station_field("courses", _("đồn phối hợp"), null=True, blank=True)
    started_on = models.DateField(_("ngày khai giảng"))
    ended_on = models.DateField(_("ngày bế giảng"), null=True, blank=True)

    scope = Scope("commune", "commune")
    period = Period(("started_on", "ended_on"))

    class Meta:
        verbose_name = _("lớp bồi dưỡng")
        verbose_name_plural = _("lớp bồi dưỡng")
        ordering = ["-started_on"]
        constraints = [ends_after_start("started_on", "ended_on", "course_dates_in_order")]
        indexes = [
            models.Index(fields=["commune", "started_on"], name="course_commune_start"),
            models.Index(fields=["-started_on"], name="course_started_desc"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        validate_where_and_when(self, self.started_on, self.station if self.station_id else None)


class CourseParticipant(ScopedRecord):
    course = models.ForeignKey(
        Course, verbose_name=_("lớp"), on_delete=models.CASCADE, related_name="participants"
    )
    full_name = models.CharField(_("họ và tên"), max_length=150, db_collation=VIETNAMESE)
    ethnic_group = ethnic_group_field()
    commune = commune_field("+", null=True, blank=True)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)

    scope = Scope("commune", "course__commune")
    period = Period(("course__started_on", "course__ended_on"), "course__commune")

    class Meta:
        verbose_name = _("học viên")
        verbose_name_plural = _("học viên")
        ordering = ["full_name"]
        indexes = [models.Index(fields=["full_name"], name="participant_name")]

    def __str__(self) -> str:
        return self.full_name


class CandidateStage(models.TextChoices):
    IDENTIFIED = "identified", _("Đã phát hiện, theo dõi")
    TRAINED = "trained", _("Đã học lớp nhận thức về Đảng")
    ADMITTED = "admitted", _("Đã kết nạp Đảng")
    ELECTED = "elected", _("Đã được bầu, bổ nhiệm")


class CandidateSource(models.TextChoices):
    RECRUITMENT = "recruitment", _("Từ tuyển quân hằng năm")
    DEMOBILISED = "demobilised", _("Quân nhân xuất ngũ")
    LOCAL = "local", _("Thanh niên, quần chúng tại chỗ")


class CadreCandidate(ScopedRecord):
    """A local person identified as a future party member or cadre (nguồn cán bộ)."""

    full_name = models.CharField(_("họ và tên"), max_length=150, db_collation=VIETNAMESE)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    ethnic_group = ethnic_group_field()
    commune = commune_field("cadre_candidates")
    village = village_field()
    source = models.CharField(_("nguồn"), max_length=12, choices=CandidateSource)
    identified_on = models.DateField(_("ngày đưa vào nguồn"))
    stage = models.CharField(
        _("giai đoạn"), max_length=12, choices=CandidateStage, default=CandidateStage.IDENTIFIED
    )
    notes = models.TextField(_("ghi chú"), blank=True)

    scope = Scope("commune", "commune")
    period = Period(("identified_on",))

    class Meta:
        verbose_name = _("nguồn cán bộ")
        verbose_name_plural = _("nguồn cán bộ")
        ordering = ["-identified_on"]
        indexes = [
            models.Index(fields=["commune", "identified_on"], name="candidate_commune_date"),
            models.Index(fields=["-identified_on"], name="candidate_identified_desc"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        super().clean()
        validate_where_and_when(self, self.identified_on)


class PartyAdmission(ScopedRecord):
    """A person admitted to the party in a border village."""

    full_name = models.CharField(_("họ và tên"), max_length=150, db_collation=VIETNAMESE)
    ethnic_group = ethnic_group_field()
    commune = commune_field("party_admissions")
    village = village_field()
    admitted_on = models.DateField(_("ngày kết nạp"))
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    candidate = models.ForeignKey(
        CadreCandidate,
        verbose_name=_("từ nguồn cán bộ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="admissions",
    )

    scope = Scope("commune", "commune")
    period = Period(("admitted_on",))

    class Meta:
        verbose_name = _("kết nạp đảng viên")
        verbose_name_plural = _("kết nạp đảng viên")
        ordering = ["-admitted_on"]
        indexes = [
            models.Index(fields=["commune", "admitted_on"], name="admission_commune_date"),
            models.Index(fields=["-admitted_on"], name="admission_admitted_desc"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        super().clean()
        validate_where_and_when(self, self.admitted_on)
