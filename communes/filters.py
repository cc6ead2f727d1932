"""List filters for the communes app."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderwork.records.filters import PeriodFilter, SearchFilter, visible
from communes.models import (
    Commune,
    CommuneProfile,
    CoordinationRegulation,
    Directive,
    District,
    PartyCell,
    PartyCellRating,
    PartyCommittee,
    PartyCommitteeRating,
    Province,
    RegulationReview,
    Station,
    Village,
)


class YesNoSelect(forms.NullBooleanSelect):
    """Any, yes or no, in the users' words."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("", _("Tất cả")), ("true", _("Có")), ("false", _("Không"))]


def commune_filter(field_name: str = "commune"):
    return django_filters.ModelChoiceFilter(
        field_name=field_name, queryset=visible(Commune), label=_("Xã")
    )


def year_filter():
    return django_filters.NumberFilter(label=_("Năm"))


class CommuneFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("name",))
    province = django_filters.ModelChoiceFilter(queryset=visible(Province), label=_("Tỉnh"))
    district = django_filters.ModelChoiceFilter(queryset=visible(District), label=_("Huyện"))
    is_border = django_filters.BooleanFilter(label=_("Xã biên giới"), widget=YesNoSelect)
    current = django_filters.BooleanFilter(
        label=_("Chỉ đơn vị hiện nay"),
        widget=forms.CheckboxInput,
        method="filter_current",
    )

    class Meta:
        model = Commune
        fields = ["q", "province", "district", "is_border", "current"]

    def filter_current(self, queryset, name, value):
        return queryset.current() if value else queryset


class CommuneProfileFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("commune__name", "notes"))
    year = year_filter()
    commune = commune_filter()

    class Meta:
        model = CommuneProfile
        fields = ["q", "year", "commune"]


class PartyCommitteeFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("name", "commune__name"))
    commune = commune_filter()

    class Meta:
        model = PartyCommittee
        fields = ["q", "commune"]


class PartyCellFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("name", "village__name"))
    commune = commune_filter()
    village = django_filters.ModelChoiceFilter(queryset=visible(Village), label=_("Thôn, ấp, bản"))

    class Meta:
        model = PartyCell
        fields = ["q", "commune", "village"]


class PartyCommitteeRatingFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("committee__name", "notes"))
    year = year_filter()
    commune = commune_filter("committee__commune")

    class Meta:
        model = PartyCommitteeRating
        fields = ["q", "year", "rating", "commune"]


class PartyCellRatingFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("cell__name", "notes"))
    year = year_filter()
    commune = commune_filter("cell__commune")

    class Meta:
        model = PartyCellRating
        fields = ["q", "year", "rating", "commune"]


class CoordinationRegulationFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("number", "title"))
    period = PeriodFilter(field_name="signed_on", label=_("Kỳ ký"))
    commune = commune_filter()
    station = django_filters.ModelChoiceFilter(queryset=visible(Station), label=_("Đồn"))
    overdue = django_filters.BooleanFilter(
        label=_("Quá hạn sơ kết"), widget=forms.CheckboxInput, method="filter_overdue"
    )

    class Meta:
        model = CoordinationRegulation
        fields = ["q", "period", "commune", "station", "status", "counterpart", "overdue"]

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue_on(timezone.localdate()) if value else queryset


class RegulationReviewFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("regulation__number", "regulation__title", "summary"))
    period = PeriodFilter(field_name="held_on")
    commune = commune_filter("regulation__commune")

    class Meta:
        model = RegulationReview
        fields = ["q", "period", "kind", "commune"]


class DirectiveFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("code", "title", "issuer"))

    class Meta:
        model = Directive
        fields = ["q"]
