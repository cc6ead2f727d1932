"""Support programmes and what they gave, self-management, models and propaganda."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from borderwork.collation import VIETNAMESE
from borderwork.records.uploads import handover_scan_path
from borderwork.scoping import Period, Scope, ScopedQuerySet
from communes.models.base import (
    ScopedRecord,
    commune_field,
    ends_after_start,
    ethnic_group_field,
    not_negative,
    station_field,
    village_field,
)
from communes.models.geography import validate_where_and_when


class ProgrammeKind(models.TextChoices):
    HOUSING = "housing", _("Nhà ở")
    LIVELIHOOD = "livelihood", _("Sinh kế")
    EDUCATION = "education", _("Giáo dục")
    HEALTH = "health", _("Y tế")
    PROPAGANDA = "propaganda", _("Tuyên truyền")
    SCHOLARSHIP = "scholarship", _("Học bổng, hỗ trợ học tập")


class OutputUnit(models.TextChoices):
    HOUSES = "houses", _("căn nhà")
    COWS = "cows", _("con bò")
    GOATS = "goats", _("con dê")
    CHILDREN = "children", _("cháu")
    SESSIONS = "sessions", _("buổi")
    PEOPLE = "people", _("lượt người")
    GIFTS = "gifts", _("suất quà")
    SCHOLARSHIPS = "grants", _("suất học bổng")


class Programme(ScopedRecord):
    """A named support programme or movement (a reference list everyone reads)."""

    name = models.CharField(
        _("tên chương trình"), max_length=200, unique=True, db_collation=VIETNAMESE
    )
    slug = models.SlugField(_("mã định danh"), max_length=80, unique=True)
    kind = models.CharField(_("lĩnh vực"), max_length=12, choices=ProgrammeKind)
    unit = models.CharField(_("đơn vị tính"), max_length=10, choices=OutputUnit)
    description = models.TextField(_("mô tả"), blank=True)
    # "Con nuôi đồn Biên phòng": a child taken in stays sponsored until a follow-up says it
    # ended, so the dashboard counts the children sponsored now, not only the new ones.
    sponsorship = models.BooleanField(
        _("nhận đỡ đầu dài hạn"),
        default=False,
        help_text=_(
            "Mỗi cháu được tính là đang được đỡ đầu từ lần hỗ trợ đầu tiên đến khi có lần theo "
            "dõi «Đã kết thúc»."
        ),
    )

    scope = Scope("public")
    # Its name, unit of output, kind and sponsorship flag are how the support given under it is
    # counted and listed (scholarships and children sponsored count by the last two).
    period = Period(
        via=(("programmes.SupportRecord", "programme"),),
        counts=("name", "unit", "kind", "sponsorship"),
    )

    class Meta:
        verbose_name = _("chương trình")
        verbose_name_plural = _("chương trình")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RecipientKind(models.TextChoices):
    HOUSEHOLD = "household", _("Hộ gia đình")
    PERSON = "person", _("Cá nhân")


class PovertyStatus(models.TextChoices):
    POOR = "poor", _("Hộ nghèo")
    NEAR_POOR = "near_poor", _("Hộ cận nghèo")
    OTHER = "other", _("Khác")


class SupportRecord(ScopedRecord):
    """What a programme gave to a household or person."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("chương trình"), on_delete=models.PROTECT, related_name="records"
    )
    station = station_field("support_records")
    commune = commune_field("support_records")
    village = village_field()
    recipient_kind = models.CharField(
        _("đối tượng"), max_length=10, choices=RecipientKind, default=RecipientKind.HOUSEHOLD
    )
    recipient_name = models.CharField(_("người nhận, chủ hộ"), max_length=150)
    ethnic_group = ethnic_group_field()
    poverty_status = models.CharField(
        _("hoàn cảnh"), max_length=10, choices=PovertyStatus, default=PovertyStatus.POOR
    )
    given_on = models.DateField(_("ngày trao"))
    quantity = models.PositiveIntegerField(_("số lượng"), default=1)
    value_vnd = models.PositiveBigIntegerField(_("giá trị (đồng)"), default=0)
    funding_source = models.CharField(_("nguồn kinh phí"), max_length=200, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    document = models.FileField(
        _("biên bản bàn giao (bản scan)"), upload_to=handover_scan_path, blank=True
    )

    scope = Scope("commune", "commune")
    period = Period(("given_on",))

    class Meta:
        verbose_name = _("hỗ trợ")
        verbose_name_plural = _("hỗ trợ")
        ordering = ["-given_on"]
        constraints = [
            not_negative("quantity", "support_quantity_not_negative"),
            not_negative("value_vnd", "support_value_not_negative"),
        ]
        indexes = [
            models.Index(fields=["commune", "given_on"], name="support_commune_date"),
            models.Index(fields=["station", "given_on"], name="support_station_date"),
            # With the commune: whether a programme's records meet an approved quarter is read
            # from the index alone (`Period.named_by`).
            models.Index(
                fields=["programme", "given_on"],
                include=["commune"],
                name="support_programme_date_commune",
            ),
            # The list's default order: the newest 25 of a million without sorting them all.
            models.Index(fields=["-given_on"], name="support_given_desc"),
        ]

    def __str__(self) -> str:
        return f"{self.programme} – {self.recipient_name}"

    def clean(self) -> None:
        super().clean()
        validate_where_and_when(self, self.given_on, self.station if self.station_id else None)


class FollowUpStatus(models.TextChoices):
    GOING_WELL = "going_well", _("Phát huy hiệu quả")
    PASSED_ON = "passed_on", _("Đã sinh sản, bàn giao cho hộ khác")
    STILL_AT_SCHOOL = "at_school", _("Vẫn đang đi học")
    DIFFICULTY = "difficulty", _("Gặp khó khăn, cần hỗ trợ")
    ENDED = "ended", _("Đã kết thúc")


class SupportFollowUp(ScopedRecord):
    """A later visit: the cow calved and was passed on; the child is still at school."""

    record = models.ForeignKey(
        SupportRecord, verbose_name=_("hỗ trợ"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    checked_on = models.DateField(_("ngày kiểm tra"))
    status = models.CharField(_("tình hình"), max_length=12, choices=FollowUpStatus)
    note = models.TextField(_("ghi chú"), blank=True)
    document = models.FileField(_("biên bản (bản scan)"), upload_to=handover_scan_path, blank=True)

    scope = Scope("commune", "record__commune")
    period = Period(("checked_on",), "record__commune")

    class Meta:
        verbose_name = _("theo dõi sau hỗ trợ")
        verbose_name_plural = _("theo dõi sau hỗ trợ")
        ordering = ["-checked_on"]
        indexes = [models.Index(fields=["checked_on"], name="followup_checked_on")]

    def __str__(self) -> str:
        return f"{self.record} – {self.checked_on:%d/%m/%Y}"

    def clean(self) -> None:
        super().clean()
        if self.record_id and self.checked_on and self.checked_on < self.record.given_on:
            raise ValidationError(
                {
                    "checked_on": _("Ngày kiểm tra phải sau ngày trao hỗ trợ (%(day)s).")
                    % {"day": self.record.given_on.strftime("%d/%m/%Y")}
                }
            )


class Landmark(ScopedRecord):
    """A national border landmark (mốc quốc giới) in a commune."""

    number = models.CharField(_("số hiệu mốc"), max_length=20)
    commune = commune_field("landmarks")
    is_auxiliary = models.BooleanField(_("mốc phụ"), default=False)

    scope = Scope("commune", "commune")
    # NFKC-folded (full-width digits are digits), Latin letters only: borderwork/fields.py.
    code_fields = ("number",)

    class Meta:
        verbose_name = _("mốc quốc giới")
        verbose_name_plural = _("mốc quốc giới")
        ordering = ["number"]
        constraints = [
            # "a1" and "A1" are one landmark.
            models.UniqueConstraint(
                Upper("number"),
                "commune",
                name="landmark_unique_in_commune",
                violation_error_message=_("Xã này đã có mốc số hiệu này."),
            )
        ]

    def __str__(self) -> str:
        return _("Mốc %(number)s") % {"number": self.number}


class GroupKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể tự quản đường biên, mốc quốc giới")
    HOUSEHOLD = "household", _("Hộ gia đình tự quản đường biên, mốc quốc giới")
    SECURITY_TEAM = "security", _("Tổ bảo vệ an ninh, trật tự")
    RECONCILIATION_TEAM = "reconciliation", _("Tổ hòa giải")


# Grassroots teams recorded beside the self-management groups, but no part of the movement.
TEAM_KINDS = (GroupKind.SECURITY_TEAM, GroupKind.RECONCILIATION_TEAM)


class SelfManagementGroup(models.Model):
    """A collective or household self-managing the border, or a village team (security and
    order protection, reconciliation: `TEAM_KINDS`, not part of that movement)."""

    kind = models.CharField(_("loại"), max_length=16, choices=GroupKind)
    name = models.CharField(_("tên tập thể, chủ hộ"), max_length=200, db_collation=VIETNAMESE)
    commune = commune_field("self_management_groups")
    village = village_field()
    station = station_field("self_management_groups", _("đồn Biên phòng hướng dẫn"))
    registered_on = models.DateField(_("ngày đăng ký"))
    ended_on = models.DateField(_("ngày thôi tham gia"), null=True, blank=True)
    members = models.PositiveSmallIntegerField(_("số thành viên"), default=1)
    border_length_km = models.DecimalField(
        _("chiều dài đường biên tự quản (km)"), max_digits=7, decimal_places=3, default=0
    )
    landmarks = models.ManyToManyField(
        Landmark, verbose_name=_("mốc quốc giới tự quản"), blank=True, related_name="groups"
    )

    scope = Scope("commune", "commune")
    period = Period(("registered_on", "ended_on"))
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[landmarks])

    class Meta:
        verbose_name = _("tổ chức tự quản, tổ bảo vệ ANTT, tổ hòa giải")
        verbose_name_plural = _("tổ chức tự quản, tổ bảo vệ ANTT, tổ hòa giải")
        ordering = ["commune__name", "name"]
        constraints = [
            ends_after_start("registered_on", "ended_on", "group_period_in_order"),
            not_negative("border_length_km", "group_border_length_not_negative"),
        ]
        indexes = [models.Index(fields=["commune", "registered_on"], name="group_commune_date")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_team(self) -> bool:
        """A security or reconciliation team, not self-management of the border."""
        return self.kind in TEAM_KINDS

    def clean(self) -> None:
        super().clean()
        validate_where_and_when(self, self.registered_on, self.station if self.station_id else None)


class RecognitionLevel(models.TextChoices):
    COMMUNE = "commune", _("Cấp xã")
    DISTRICT = "district", _("Cấp huyện")
    PROVINCE = "province", _("Cấp tỉnh")
    NATIONAL = "national", _("Toàn quốc, Bộ Tư lệnh BĐBP")


class ModelField(models.TextChoices):
    ECONOMY = "economy", _("Kinh tế")
    CULTURE_SOCIETY = "culture", _("Văn hóa – xã hội")
    DEFENCE_SECURITY = "security", _("Quốc phòng – an ninh")
    POLITICAL_SYSTEM = "political", _("Xây dựng hệ thống chính trị")


class MassMobilisationModel(ScopedRecord):
    """A "Skilled mass mobilisation" model (mô hình Dân vận khéo) and its recognition."""

    name = models.CharField(_("tên mô hình"), max_length=200, db_collation=VIETNAMESE)
    station = station_field("mobilisation_models", _("đơn vị thực hiện"))
    commune = commune_field("mobilisation_models")
    field = models.CharField(_("lĩnh vực"), max_length=10, choices=ModelField)
    recognised_level = models.CharField(
        _("cấp công nhận"), max_length=10, choices=RecognitionLevel, blank=True
    )
    recognised_year = models.PositiveSmallIntegerField(_("năm công nhận"), null=True, blank=True)
    started_on = models.DateField(_("ngày bắt đầu"))
    results = models.TextField(_("kết quả"), blank=True)

    scope = Scope("commune", "commune")
    # Counted from the later of its start and its recognition on, with no end.
    period = Period(("started_on",), open_ended=True)

    class Meta:
        verbose_name = _("mô hình Dân vận khéo")
        verbose_name_plural = _("mô hình Dân vận khéo")
        ordering = ["-started_on"]
        indexes = [
            models.Index(fields=["commune", "started_on"], name="model_commune_date"),
            models.Index(fields=["-started_on"], name="model_started_desc"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        validate_where_and_when(self, self.started_on, self.station if self.station_id else None)


class ActivityKind(models.TextChoices):
    PROPAGANDA = "propaganda", _("Tuyên truyền, phổ biến pháp luật")
    PRESTIGIOUS_PEOPLE = "prestigious", _("Gặp gỡ người có uy tín")
    CONTACT = "contact", _("Tiếp xúc, đối thoại với nhân dân")
    BORDER_LESSON = "lesson", _("Lớp học biên giới")


class Activity(ScopedRecord):
    """A propaganda session or contact with the people, as the station recorded it."""

    kind = models.CharField(_("hình thức"), max_length=12, choices=ActivityKind)
    topic = models.CharField(_("nội dung"), max_length=300)
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("chương trình"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
    )
    station = station_field("activities")
    commune = commune_field("activities")
    village = village_field()
    held_on = models.DateField(_("ngày thực hiện"))
    sessions = models.PositiveSmallIntegerField(_("số buổi"), default=1)
    attendees = models.PositiveIntegerField(_("số lượt người tham dự"), default=0)
    prestigious_people = models.PositiveSmallIntegerField(_("số người có uy tín"), default=0)

    scope = Scope("commune", "commune")
    period = Period(("held_on",))

    class Meta:
        verbose_name = _("hoạt động tuyên truyền, tiếp xúc")
        verbose_name_plural = _("hoạt động tuyên truyền, tiếp xúc")
        ordering = ["-held_on"]
        indexes = [
            models.Index(fields=["commune", "held_on"], name="activity_commune_date"),
            models.Index(fields=["-held_on"], name="activity_held_desc"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.topic}"

    def clean(self) -> None:
        super().clean()
        validate_where_and_when(self, self.held_on, self.station if self.station_id else None)
