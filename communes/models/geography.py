"""Provinces, districts, communes, villages and border stations, as they change over time."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce, Upper
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from borderwork.collation import VIETNAMESE
from borderwork.scoping import Period, Scope, ScopedQuerySet, reading, remembered
from communes.models.base import (
    TimeBoundUnit,
    TimeBoundUnitQuerySet,
    ends_after_start,
    not_negative,
)


class EthnicGroup(models.Model):
    """One of Vietnam's 54 ethnic groups: a reference list everyone reads."""

    name = models.CharField(_("tên dân tộc"), max_length=60, unique=True, db_collation=VIETNAMESE)
    is_minority = models.BooleanField(_("dân tộc thiểu số"), default=True)

    scope = Scope("public")
    # Whether a group is a minority counts the course participants of it in their quarter.
    period = Period(via=(("cadres.CourseParticipant", "ethnic_group"),), counts=("is_minority",))
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dân tộc")
        verbose_name_plural = _("dân tộc")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Province(TimeBoundUnit):
    """A province (tỉnh) and, with it, its Provincial Border Guard Command."""

    neighbouring_country = models.CharField(_("nước láng giềng"), max_length=60, blank=True)
    border_length_km = models.DecimalField(
        _("chiều dài đường biên giới (km)"), max_digits=8, decimal_places=3, null=True, blank=True
    )
    command_name = models.CharField(
        _("tên Bộ Chỉ huy BĐBP"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Bộ Chỉ huy Bộ đội Biên phòng tỉnh Bình Phước."),
    )
    report_symbol = models.CharField(
        _("ký hiệu báo cáo"),
        max_length=30,
        blank=True,
        help_text=_(
            "Phần sau số của báo cáo do đơn vị ban hành, ví dụ BC-CT (số 25/BC-CT). Để trống: "
            "BC-CT."
        ),
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("sáp nhập vào"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
    )

    scope = Scope("province", staff_may_edit=False)
    # Its life and merger decide where its communes' records count (`indicators.places`).
    period = Period(
        via=(("communes.Commune", "province"),),
        counts=("merged_into", "valid_from", "valid_until"),
    )
    history = HistoricalRecords()

    class Meta(TimeBoundUnit.Meta):
        verbose_name = _("tỉnh")
        verbose_name_plural = _("tỉnh")
        constraints = [
            ends_after_start("valid_from", "valid_until", "province_valid_period"),
            not_negative("border_length_km", "province_border_length_not_negative"),
        ]

    def name_and_today(self) -> str:
        """Its name at the time, with the province it belongs to today beside it where they
        differ: "Bình Phước (nay thuộc Đồng Nai)". The one way the pages name a province (the
        dashboard and its breadcrumbs, the commune hub, the home page)."""
        today = self.today_unit()
        if today.pk == self.pk:
            return self.name
        return _("%(name)s (nay thuộc %(today)s)") % {"name": self.name, "today": today.name}


class District(TimeBoundUnit):
    """A district (huyện); every one ended on 30 June 2025, when districts were abolished."""

    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="districts"
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("sáp nhập vào"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
    )

    scope = Scope("province", "province", staff_may_edit=False)
    history = HistoricalRecords()

    class Meta(TimeBoundUnit.Meta):
        verbose_name = _("huyện")
        verbose_name_plural = _("huyện")
        constraints = [ends_after_start("valid_from", "valid_until", "district_valid_period")]


class CommuneKind(models.TextChoices):
    COMMUNE = "xa", _("Xã")
    WARD = "phuong", _("Phường")
    TOWNSHIP = "thi_tran", _("Thị trấn")


SAME_NAME = _("Tỉnh đã có xã, phường cùng tên và loại trong cùng thời gian hiệu lực.")


class CommuneQuerySet(TimeBoundUnitQuerySet):
    def border(self) -> CommuneQuerySet:
        return self.filter(is_border=True)


class Commune(TimeBoundUnit):
    """A commune, ward or township; a record belongs to the commune as it was that day."""

    kind = models.CharField(
        _("loại"), max_length=10, choices=CommuneKind, default=CommuneKind.COMMUNE
    )
    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="communes"
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("huyện"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="communes",
        help_text=_("Để trống với xã thành lập từ 01/7/2025, khi không còn cấp huyện."),
    )
    is_border = models.BooleanField(_("xã biên giới"), default=True, db_index=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("sáp nhập vào"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
    )

    scope = Scope("commune", staff_may_edit=False)
    period = Period(("valid_from", "valid_until"), commune="")
    objects = CommuneQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(TimeBoundUnit.Meta):
        verbose_name = _("xã, phường")
        verbose_name_plural = _("xã, phường")
        constraints = [
            ends_after_start("valid_from", "valid_until", "commune_valid_period"),
            # Two communes of one name and kind in a province (and district, before 2025)
            # cannot both exist today; clean() says the same of any overlapping validity.
            models.UniqueConstraint(
                Upper("name"),
                "kind",
                "province",
                Coalesce("district", Value(0), output_field=models.BigIntegerField()),
                condition=Q(valid_until__isnull=True),
                name="commune_name_unique_now",
                violation_error_message=SAME_NAME,
            ),
        ]
        indexes = [models.Index(fields=["province", "is_border"], name="commune_province_border")]

    def __str__(self) -> str:
        label = f"{self.get_kind_display()} {self.name}"
        if self.valid_until:
            # Merged communes keep their name; the date tells the old one from the new one.
            label += _(" (đến %(day)s)") % {"day": self.valid_until.strftime("%d/%m/%Y")}
        return label

    def clean(self) -> None:
        super().clean()
        if self.district_id and self.province_id and self.district.province_id != self.province_id:
            raise ValidationError({"district": _("Huyện này không thuộc tỉnh đã chọn.")})
        if self.namesakes().exists():
            raise ValidationError({"name": SAME_NAME})

    def namesakes(self) -> CommuneQuerySet:
        """Communes of the same name (any case), kind and place, valid at some same time."""
        if not self.name or not self.province_id:
            return Commune.objects.none()
        same = Commune.objects.annotate(folded=Upper("name")).filter(
            folded=self.name.upper(),
            kind=self.kind,
            province_id=self.province_id,
            district_id=self.district_id,
        )
        if self.valid_from:
            same = same.exclude(valid_until__lt=self.valid_from)
        if self.valid_until:
            same = same.exclude(valid_from__gt=self.valid_until)
        else:
            # Two that both exist today: the constraint says so (once, not twice).
            same = same.exclude(valid_until__isnull=True)
        return same.exclude(pk=self.pk)

    def validate_on(self, day: datetime.date | None, field: str = "commune") -> None:
        """Refuse a record dated when this commune did not exist, naming the one to use."""
        if day is None or self.existed_on(day):
            return
        if self.valid_until and day > self.valid_until and self.merged_into_id:
            message = _(
                "%(commune)s chỉ tồn tại đến %(until)s, sau đó sáp nhập vào %(successor)s. "
                "Hồ sơ từ ngày này hãy chọn %(successor)s."
            ) % {
                "commune": self,
                "until": self.valid_until.strftime("%d/%m/%Y"),
                "successor": self.merged_into,
            }
        else:
            message = _("%(commune)s không tồn tại vào ngày %(day)s.") % {
                "commune": self,
                "day": day.strftime("%d/%m/%Y"),
            }
        raise ValidationError({field: message})

    def lineage_ids(self) -> list[int]:
        """This commune and every commune that merged into it, at any depth."""
        ids, frontier = [self.pk], [self.pk]
        while frontier:
            frontier = list(
                Commune.objects.filter(merged_into__in=frontier).values_list("pk", flat=True)
            )
            ids.extend(frontier)
        return ids


def validate_village_in(village: Village | None, commune: Commune | None) -> None:
    """A village must lie in the record's commune, or in a commune that merged into it."""
    if village is None or commune is None or village.commune_id == commune.pk:
        return
    if village.commune_id not in commune.lineage_ids():
        raise ValidationError(
            {
                "village": _("%(village)s không thuộc %(commune)s.")
                % {"village": village, "commune": commune}
            }
        )


def validate_where_and_when(
    record: models.Model,
    day: datetime.date | None,
    station: Station | None = None,
    station_field: str = "station",
) -> None:
    """A dated record's commune existed that day, its station covered it, its village lies in it.

    Models call this from clean(), so forms and the admin say so next to the field.
    """
    commune = record.commune if getattr(record, "commune_id", None) else None
    if commune is None:
        return
    errors = {}
    for check in (
        lambda: commune.validate_on(day),
        lambda: station.validate_covers(commune, day, station_field) if station else None,
        lambda: validate_village_in(
            record.village if getattr(record, "village_id", None) else None, commune
        ),
    ):
        try:
            check()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


class VillageKind(models.TextChoices):
    VILLAGE = "thon", _("Thôn")
    HAMLET = "ap", _("Ấp")
    BAN = "ban", _("Bản")
    RESIDENTIAL_GROUP = "to_dan_pho", _("Tổ dân phố")


class Village(models.Model):
    """A village, hamlet or residential group; it stays with the commune it was created in."""

    name = models.CharField(_("tên"), max_length=150, db_collation=VIETNAMESE)
    kind = models.CharField(
        _("loại"), max_length=12, choices=VillageKind, default=VillageKind.VILLAGE
    )
    commune = models.ForeignKey(
        Commune, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="villages"
    )
    valid_from = models.DateField(_("có hiệu lực từ"), null=True, blank=True)
    valid_until = models.DateField(_("có hiệu lực đến"), null=True, blank=True)

    scope = Scope("commune", "commune", staff_may_edit=False)
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thôn, ấp, bản")
        verbose_name_plural = _("thôn, ấp, bản")
        ordering = ["commune__name", "name"]
        constraints = [
            ends_after_start("valid_from", "valid_until", "village_valid_period"),
            models.UniqueConstraint(fields=["commune", "name"], name="village_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class StationQuerySet(TimeBoundUnitQuerySet):
    def covered_commune_ids(self, pk: int) -> models.QuerySet:
        """The communes station pk covers or covered, as a subquery of ids."""
        return StationCoverage.objects.filter(station_id=pk).values("commune_id")

    def province_family_ids(self, pk: int) -> list[int]:
        """The family (see `base.family_ids`) of station pk's province."""
        province_id = self.values_list("province_id", flat=True).get(pk=pk)
        return Province.objects.family_ids(province_id)


class Station(TimeBoundUnit):
    """A border station (Đồn Biên phòng) of a provincial command."""

    code = models.CharField(_("phiên hiệu"), max_length=30, blank=True)
    report_symbol = models.CharField(
        _("ký hiệu báo cáo"),
        max_length=30,
        blank=True,
        help_text=_(
            "Phần sau số của báo cáo do đồn ban hành, ví dụ BC-ĐBP (số 12/BC-ĐBP). Để trống: "
            "BC-ĐBP."
        ),
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("Bộ Chỉ huy BĐBP tỉnh"),
        on_delete=models.PROTECT,
        related_name="stations",
        help_text=_("Tỉnh của Bộ Chỉ huy mà đồn trực thuộc khi được lập."),
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("sáp nhập vào"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
    )
    communes = models.ManyToManyField(
        Commune, through="StationCoverage", related_name="stations", verbose_name=_("xã phụ trách")
    )

    scope = Scope("station", staff_may_edit=False)
    objects = StationQuerySet.as_manager()
    history = HistoricalRecords()

    def validate_covers(
        self, commune: Commune | None, day: datetime.date | None, field: str = "station"
    ) -> None:
        """Refuse a record of a commune this station did not cover on that day."""
        if commune is None or day is None:
            return
        if not self.covers(commune, day):
            raise ValidationError(
                {
                    field: _("%(station)s không phụ trách %(commune)s vào ngày %(day)s.")
                    % {"station": self, "commune": commune, "day": day.strftime("%d/%m/%Y")}
                }
            )

    def covers(self, commune: Commune, day: datetime.date) -> bool:
        """Whether this station covered the commune that day; an import of many records
        (`one_reading`) reads the station's coverage once."""
        if not reading():
            return self.coverage.filter(commune=commune).on(day).exists()
        periods = remembered(
            ("station coverage", self.pk),
            lambda: list(self.coverage.values_list("commune_id", "valid_from", "valid_until")),
        )
        return any(
            covered == commune.pk
            and (start is None or start <= day)
            and (end is None or end >= day)
            for covered, start, end in periods
        )

    class Meta(TimeBoundUnit.Meta):
        verbose_name = _("đồn Biên phòng")
        verbose_name_plural = _("đồn Biên phòng")
        constraints = [ends_after_start("valid_from", "valid_until", "station_valid_period")]


class StationCoverageQuerySet(ScopedQuerySet):
    def on(self, day: datetime.date) -> StationCoverageQuerySet:
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        )


class StationCoverage(models.Model):
    """A station covers a commune from one date to another."""

    station = models.ForeignKey(
        Station, verbose_name=_("đồn Biên phòng"), on_delete=models.CASCADE, related_name="coverage"
    )
    commune = models.ForeignKey(
        Commune, verbose_name=_("xã"), on_delete=models.CASCADE, related_name="coverage"
    )
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_until = models.DateField(_("đến ngày"), null=True, blank=True)

    scope = Scope("station", "station", staff_may_edit=False)
    period = Period(("valid_from", "valid_until"))
    objects = StationCoverageQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("địa bàn phụ trách")
        verbose_name_plural = _("địa bàn phụ trách")
        ordering = ["station__name", "commune__name"]
        constraints = [
            ends_after_start("valid_from", "valid_until", "coverage_valid_period"),
            models.UniqueConstraint(
                fields=["station", "commune", "valid_from"], name="coverage_unique_period"
            ),
        ]
        indexes = [models.Index(fields=["commune", "valid_from"], name="coverage_commune_from")]

    def __str__(self) -> str:
        return f"{self.station} – {self.commune}"
