"""Commune party committees, village party cells and their yearly quality ratings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from borderwork.collation import VIETNAMESE
from borderwork.scoping import Period, Scope, ScopedQuerySet
from communes.models.base import ends_after_start
from communes.models.geography import Commune, Village


class QualityRating(models.TextChoices):
    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = "completed", _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = "not_completed", _("Không hoàn thành nhiệm vụ")


class PartyCommittee(models.Model):
    """The party committee (Đảng ủy) of a commune."""

    commune = models.OneToOneField(
        Commune, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="party_committee"
    )
    name = models.CharField(_("tên"), max_length=200, db_collation=VIETNAMESE)
    members = models.PositiveSmallIntegerField(_("số cấp ủy viên"), default=0)
    party_members = models.PositiveIntegerField(_("số đảng viên"), default=0)

    scope = Scope("commune", "commune")
    # The membership figures have no date: they hold on every day, so once a quarter of the
    # commune is approved they change only after the report is reopened. Its name may change.
    period = Period(counts=("members", "party_members"))
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Đảng ủy xã")
        verbose_name_plural = _("Đảng ủy xã")
        ordering = ["commune__name"]

    def __str__(self) -> str:
        return self.name


class PartyCell(models.Model):
    """A village party cell (chi bộ thôn, ấp, bản)."""

    commune = models.ForeignKey(
        Commune, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="party_cells"
    )
    village = models.ForeignKey(
        Village,
        verbose_name=_("thôn, ấp, bản"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="party_cells",
    )
    name = models.CharField(_("tên chi bộ"), max_length=200, db_collation=VIETNAMESE)
    party_members = models.PositiveSmallIntegerField(_("số đảng viên"), default=0)
    # A cell counts from its founding to its dissolution; an empty founding date: since before
    # the records begin. Ending a cell sets the second date and leaves the quarters before it.
    founded_on = models.DateField(_("ngày thành lập"), null=True, blank=True)
    dissolved_on = models.DateField(_("ngày giải thể, sáp nhập"), null=True, blank=True)

    scope = Scope("commune", "commune")
    period = Period(("founded_on", "dissolved_on"))
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chi bộ thôn, ấp, bản")
        verbose_name_plural = _("chi bộ thôn, ấp, bản")
        ordering = ["commune__name", "name"]
        constraints = [ends_after_start("founded_on", "dissolved_on", "cell_period_in_order")]

    def __str__(self) -> str:
        return self.name


class YearlyRating(models.Model):
    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.CharField(_("xếp loại chất lượng"), max_length=20, choices=QualityRating)
    notes = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        abstract = True
        ordering = ["-year"]


class PartyCommitteeRating(YearlyRating):
    committee = models.ForeignKey(
        PartyCommittee, verbose_name=_("Đảng ủy"), on_delete=models.CASCADE, related_name="ratings"
    )

    scope = Scope("commune", "committee__commune")
    # The year's rating counts in each quarter of that year (`committees_good`).
    period = Period(("year",), "committee__commune")
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(YearlyRating.Meta):
        verbose_name = _("xếp loại Đảng ủy")
        verbose_name_plural = _("xếp loại Đảng ủy")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "year"], name="committee_one_rating_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee} {self.year}: {self.get_rating_display()}"


class PartyCellRating(YearlyRating):
    cell = models.ForeignKey(
        PartyCell, verbose_name=_("chi bộ"), on_delete=models.CASCADE, related_name="ratings"
    )

    scope = Scope("commune", "cell__commune")
    period = Period(("year",), "cell__commune")
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(YearlyRating.Meta):
        verbose_name = _("xếp loại chi bộ")
        verbose_name_plural = _("xếp loại chi bộ")
        constraints = [
            models.UniqueConstraint(fields=["cell", "year"], name="cell_one_rating_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.cell} {self.year}: {self.get_rating_display()}"
