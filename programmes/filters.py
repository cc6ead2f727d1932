"""List filters for the programmes app."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderwork.records.filters import PeriodFilter, SearchFilter, visible
from communes.models import Commune, Station
from programmes.models import (
    Activity,
    Landmark,
    MassMobilisationModel,
    Programme,
    SelfManagementGroup,
    SupportFollowUp,
    SupportRecord,
)


def recent_years() -> list[tuple[int, int]]:
    """This year back to 2000, newest first: the years a model may have been recognised."""
    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year, 1999, -1)]


class SupportRecordFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("recipient_name", "funding_source", "notes"))
    period = PeriodFilter(field_name="given_on")
    programme = django_filters.ModelChoiceFilter(
        queryset=visible(Programme), label=_("Chương trình")
    )
    commune = django_filters.ModelChoiceFilter(queryset=visible(Commune), label=_("Xã"))
    station = django_filters.ModelChoiceFilter(queryset=visible(Station), label=_("Đồn"))

    class Meta:
        model = SupportRecord
        fields = ["q", "period", "programme", "commune", "station", "poverty_status"]


class SupportFollowUpFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("record__recipient_name", "note"))
    period = PeriodFilter(field_name="checked_on")
    commune = django_filters.ModelChoiceFilter(
        field_name="record__commune", queryset=visible(Commune), label=_("Xã")
    )

    class Meta:
        model = SupportFollowUp
        fields = ["q", "period", "commune", "status"]


class ProgrammeFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("name", "description"))

    class Meta:
        model = Programme
        fields = ["q", "kind", "unit"]


class SelfManagementGroupFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("name",))
    period = PeriodFilter(field_name="registered_on", label=_("Đăng ký trong kỳ"))
    commune = django_filters.ModelChoiceFilter(queryset=visible(Commune), label=_("Xã"))
    station = django_filters.ModelChoiceFilter(queryset=visible(Station), label=_("Đồn"))

    class Meta:
        model = SelfManagementGroup
        fields = ["q", "kind", "period", "commune", "station"]


class LandmarkFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("number",), label=_("Số hiệu mốc"))
    commune = django_filters.ModelChoiceFilter(queryset=visible(Commune), label=_("Xã"))

    class Meta:
        model = Landmark
        fields = ["q", "commune", "is_auxiliary"]


class MassMobilisationModelFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("name", "results"))
    recognised_year = django_filters.ChoiceFilter(
        choices=recent_years, label=_("Năm công nhận"), empty_label=_("Mọi năm")
    )
    commune = django_filters.ModelChoiceFilter(queryset=visible(Commune), label=_("Xã"))
    station = django_filters.ModelChoiceFilter(queryset=visible(Station), label=_("Đồn"))

    class Meta:
        model = MassMobilisationModel
        fields = ["q", "field", "recognised_level", "recognised_year", "commune", "station"]


class ActivityFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("topic",))
    period = PeriodFilter(field_name="held_on")
    programme = django_filters.ModelChoiceFilter(
        queryset=visible(Programme), label=_("Chương trình")
    )
    commune = django_filters.ModelChoiceFilter(queryset=visible(Commune), label=_("Xã"))
    station = django_filters.ModelChoiceFilter(queryset=visible(Station), label=_("Đồn"))

    class Meta:
        model = Activity
        fields = ["q", "kind", "period", "programme", "commune", "station"]
