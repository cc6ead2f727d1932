"""List filters for the cadres app."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderwork.records.filters import PeriodFilter, SearchFilter, visible
from cadres.models import (
    Assignment,
    CadreCandidate,
    Course,
    CourseKind,
    CourseParticipant,
    Officer,
    PartyAdmission,
    Petition,
)
from communes.models import Commune, EthnicGroup, Station


def commune_filter(field_name: str = "commune", label=None):
    return django_filters.ModelChoiceFilter(
        field_name=field_name, queryset=visible(Commune), label=label or _("Xã")
    )


def station_filter(field_name: str = "station"):
    return django_filters.ModelChoiceFilter(
        field_name=field_name, queryset=visible(Station), label=_("Đồn")
    )


def ethnic_group_filter(field_name: str = "ethnic_group"):
    return django_filters.ModelChoiceFilter(
        field_name=field_name, queryset=visible(EthnicGroup), label=_("Dân tộc")
    )


class OfficerFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("full_name", "rank", "position"))
    station = station_filter()
    ethnic_group = ethnic_group_filter()

    class Meta:
        model = Officer
        fields = ["q", "station", "ethnic_group"]


class AssignmentFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("officer__full_name", "decision_number", "notes"))
    period = PeriodFilter(field_name="started_on", label=_("Bắt đầu trong kỳ"))
    current = django_filters.ChoiceFilter(
        label=_("Nhiệm kỳ"),
        empty_label=_("Tất cả"),
        choices=[("yes", _("Đang đảm nhiệm")), ("no", _("Đã kết thúc"))],
        method="filter_current",
    )
    commune = commune_filter()
    station = station_filter("officer__station")

    class Meta:
        model = Assignment
        fields = ["q", "kind", "level", "current", "period", "commune", "station"]

    def filter_current(self, queryset, name, value):
        today = timezone.localdate()
        if value == "yes":
            return queryset.current_on(today)
        if value == "no":
            return queryset.filter(ended_on__lt=today)
        return queryset


class PetitionFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("subject", "voters", "resolution", "assignment__officer__full_name"))
    period = PeriodFilter(field_name="received_on", label=_("Tiếp nhận trong kỳ"))
    commune = commune_filter("assignment__commune")
    station = station_filter("assignment__officer__station")

    class Meta:
        model = Petition
        fields = ["q", "period", "status", "commune", "station"]


class CourseFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("title", "host"))
    period = PeriodFilter(field_name="started_on", label=_("Khai giảng trong kỳ"))
    commune = commune_filter()
    station = station_filter()

    class Meta:
        model = Course
        fields = ["q", "kind", "period", "commune", "station"]


class CourseParticipantFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("full_name", "position", "course__title"))
    period = PeriodFilter(field_name="course__started_on", label=_("Khai giảng trong kỳ"))
    kind = django_filters.ChoiceFilter(
        field_name="course__kind", choices=CourseKind.choices, label=_("Loại lớp")
    )
    course = django_filters.ModelChoiceFilter(queryset=visible(Course), label=_("Lớp"))
    commune = commune_filter("course__commune", _("Xã tổ chức lớp"))
    ethnic_group = ethnic_group_filter()

    class Meta:
        model = CourseParticipant
        fields = ["q", "period", "kind", "course", "commune", "ethnic_group"]


class CadreCandidateFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("full_name", "notes"))
    period = PeriodFilter(field_name="identified_on", label=_("Đưa vào nguồn trong kỳ"))
    commune = commune_filter()
    ethnic_group = ethnic_group_filter()

    class Meta:
        model = CadreCandidate
        fields = ["q", "period", "stage", "source", "commune", "ethnic_group"]


class PartyAdmissionFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("full_name", "decision_number"))
    period = PeriodFilter(field_name="admitted_on", label=_("Kết nạp trong kỳ"))
    commune = commune_filter()
    ethnic_group = ethnic_group_filter()

    class Meta:
        model = PartyAdmission
        fields = ["q", "period", "commune", "ethnic_group"]
