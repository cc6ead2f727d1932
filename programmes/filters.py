"""List filters for the programmes app."""

import django_filters
from django.utils.translation import gettext_lazy as _

from borderwork.records.filters import PeriodFilter, SearchFilter, visible
from communes.models import Commune, Station
from programmes.models import Programme, SupportFollowUp, SupportRecord


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
