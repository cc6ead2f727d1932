"""Users, their role and the org unit they belong to."""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    STATION_STAFF = "station_staff", _("Cán bộ nhập liệu đồn Biên phòng")
    PROVINCE_STAFF = "province_staff", _("Cán bộ Phòng Chính trị BĐBP tỉnh")
    # A province's political commissar is its Chính ủy, a station's its Chính trị viên.
    COMMISSAR = "commissar", _("Chính ủy, Chính trị viên")
    NATIONAL = "national", _("Cán bộ Cục Chính trị BĐBP")
    ADMIN = "admin", _("Quản trị viên")


class BorderworkUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in; what they see follows from role and org unit."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    role = models.CharField(_("vai trò"), max_length=20, choices=Role, default=Role.STATION_STAFF)
    station = models.ForeignKey(
        "communes.Station",
        verbose_name=_("đồn Biên phòng"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    province = models.ForeignKey(
        "communes.Province",
        verbose_name=_("Bộ Chỉ huy BĐBP tỉnh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    history = HistoricalRecords()

    objects = BorderworkUserManager()

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        constraints = [
            models.CheckConstraint(
                name="user_org_unit_fits_role",
                condition=(
                    Q(role=Role.STATION_STAFF, station__isnull=False, province__isnull=True)
                    | Q(role=Role.PROVINCE_STAFF, province__isnull=False, station__isnull=True)
                    | Q(role=Role.COMMISSAR, station__isnull=False, province__isnull=True)
                    | Q(role=Role.COMMISSAR, province__isnull=False, station__isnull=True)
                    | Q(
                        role__in=[Role.NATIONAL, Role.ADMIN],
                        station__isnull=True,
                        province__isnull=True,
                    )
                ),
                violation_error_message=_(
                    "Cán bộ đồn cần một đồn, cán bộ tỉnh cần một tỉnh, chính ủy cần một "
                    "trong hai; cán bộ Cục và quản trị viên không thuộc đơn vị nào."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_role_display(self) -> str:
        """The role's name for this user: a station's commissar is its Chính trị viên."""
        if self.role == Role.COMMISSAR:
            return str(_("Chính trị viên") if self.station_id else _("Chính ủy"))
        return str(Role(self.role).label) if self.role in Role.values else self.role

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    def clean(self) -> None:
        super().clean()
        if self.role in (Role.NATIONAL, Role.ADMIN) and (self.station_id or self.province_id):
            raise ValidationError(_("Vai trò này không thuộc đồn hay tỉnh nào."))
        if self.role == Role.STATION_STAFF and not self.station_id:
            raise ValidationError({"station": _("Cán bộ nhập liệu cần thuộc một đồn.")})
        if self.role == Role.PROVINCE_STAFF and not self.province_id:
            raise ValidationError({"province": _("Cán bộ tỉnh cần thuộc một tỉnh.")})
        if self.station_id and self.province_id:
            raise ValidationError(_("Chọn đồn hoặc tỉnh, không chọn cả hai."))
        if self.role == Role.COMMISSAR and not (self.station_id or self.province_id):
            raise ValidationError(_("Chính ủy cần thuộc một đồn hoặc một tỉnh."))

    @property
    def org_unit(self):
        """The station or provincial command the user works for; None for national roles."""
        return self.station or self.province

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser or self.role == Role.ADMIN

    @property
    def reads_everything(self) -> bool:
        return self.is_administrator or self.role == Role.NATIONAL

    @property
    def enters_data(self) -> bool:
        return self.role in (Role.STATION_STAFF, Role.PROVINCE_STAFF)

    # The units themselves answer the questions below (communes' querysets); the user reaches
    # them through its foreign keys, so accounts imports no domain app.
    def _units(self, field: str):
        return self._meta.get_field(field).related_model.objects

    @cached_property
    def _province_family(self) -> list[int]:
        return self._units("province").family_ids(self.province_id) if self.province_id else []

    def province_family_ids(self) -> list[int]:
        """Ids of the user's province, the unit it merged into and the units merged into it."""
        return self._province_family

    @cached_property
    def _station_province_family(self) -> list[int]:
        return self._units("station").province_family_ids(self.station_id)

    def station_province_family_ids(self) -> list[int]:
        """For a station's user: the family of the station's province."""
        return self._station_province_family

    def covered_commune_ids(self):
        """For a station's user: a subquery of the communes the station covers or covered."""
        return self._units("station").covered_commune_ids(self.station_id)
