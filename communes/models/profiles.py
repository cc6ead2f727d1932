"""The yearly profile of a commune: population, ethnic minorities, poverty, schooling."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from borderwork.scoping import Period, Scope, ScopedQuerySet
from communes.models.base import percentage
from communes.models.geography import Commune


class CommuneProfile(models.Model):
    """One commune's figures for one year."""

    commune = models.ForeignKey(
        Commune, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="profiles"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    population = models.PositiveIntegerField(_("dân số (người)"), default=0)
    households = models.PositiveIntegerField(_("số hộ"), default=0)
    ethnic_minority_people = models.PositiveIntegerField(_("người dân tộc thiểu số"), default=0)
    ethnic_minority_households = models.PositiveIntegerField(_("hộ dân tộc thiểu số"), default=0)
    ethnic_groups_count = models.PositiveSmallIntegerField(
        _("số dân tộc cùng sinh sống"), default=0
    )
    ethnic_groups = models.ManyToManyField(
        "communes.EthnicGroup", verbose_name=_("các dân tộc"), blank=True, related_name="+"
    )
    poor_household_rate = models.DecimalField(
        _("tỷ lệ hộ nghèo (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    near_poor_household_rate = models.DecimalField(
        _("tỷ lệ hộ cận nghèo (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    literacy_rate = models.DecimalField(
        _("tỷ lệ biết chữ (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    school_enrolment_rate = models.DecimalField(
        _("tỷ lệ trẻ em đi học đúng độ tuổi (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    notes = models.TextField(_("ghi chú"), blank=True)

    scope = Scope("commune", "commune")
    period = Period(("year",))
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[ethnic_groups])

    class Meta:
        verbose_name = _("hồ sơ xã theo năm")
        verbose_name_plural = _("hồ sơ xã theo năm")
        ordering = ["commune__name", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year"], name="profile_one_per_commune_year"
            ),
            percentage("poor_household_rate", "profile_poor_rate_range"),
            percentage("near_poor_household_rate", "profile_near_poor_rate_range"),
            percentage("literacy_rate", "profile_literacy_rate_range"),
            percentage("school_enrolment_rate", "profile_school_rate_range"),
        ]
        indexes = [models.Index(fields=["year"], name="profile_year")]

    def __str__(self) -> str:
        return f"{self.commune} – {self.year}"
