"""Admin for programmes and support records, landmarks, self-management and activities."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from borderwork.records.admin import RecordAdmin
from programmes.models import (
    Activity,
    Landmark,
    MassMobilisationModel,
    Programme,
    SelfManagementGroup,
    SupportFollowUp,
    SupportRecord,
)


class SupportFollowUpInline(admin.TabularInline):
    model = SupportFollowUp
    extra = 0
    fields = ("checked_on", "status", "note")


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "slug", "kind", "unit", "sponsorship")
    list_filter = ("kind", "unit", "sponsorship")
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(SupportRecord)
class SupportRecordAdmin(RecordAdmin):
    list_display = (
        "given_on",
        "programme",
        "recipient_name",
        "recipient_kind",
        "poverty_status",
        "commune",
        "village",
        "station",
        "quantity",
        "value_vnd",
    )
    list_select_related = ("programme", "commune", "village", "station")
    list_filter = (
        "programme",
        "recipient_kind",
        "poverty_status",
        ("commune__province", admin.RelatedOnlyFieldListFilter),
        ("commune", admin.RelatedOnlyFieldListFilter),
        ("station", admin.RelatedOnlyFieldListFilter),
        ("given_on", admin.DateFieldListFilter),
    )
    search_fields = (
        "recipient_name",
        "programme__name",
        "commune__name",
        "village__name",
        "funding_source",
    )
    date_hierarchy = "given_on"
    autocomplete_fields = ("station", "commune", "village", "ethnic_group")
    fieldsets = (
        (None, {"fields": ("programme", "station", "given_on")}),
        (
            _("Người nhận"),
            {
                "fields": (
                    "commune",
                    "village",
                    "recipient_kind",
                    "recipient_name",
                    "ethnic_group",
                    "poverty_status",
                )
            },
        ),
        (_("Giá trị"), {"fields": ("quantity", "value_vnd", "funding_source", "notes")}),
    )
    inlines = (SupportFollowUpInline,)


@admin.register(SupportFollowUp)
class SupportFollowUpAdmin(RecordAdmin):
    list_display = ("record", "checked_on", "status")
    list_select_related = ("record__programme",)
    list_filter = (
        "status",
        ("record__programme", admin.RelatedOnlyFieldListFilter),
        ("record__commune__province", admin.RelatedOnlyFieldListFilter),
        ("checked_on", admin.DateFieldListFilter),
    )
    search_fields = ("record__recipient_name", "record__commune__name", "note")
    date_hierarchy = "checked_on"
    autocomplete_fields = ("record",)


@admin.register(Landmark)
class LandmarkAdmin(RecordAdmin):
    list_display = ("number", "commune", "is_auxiliary")
    list_select_related = ("commune",)
    list_filter = (
        "is_auxiliary",
        ("commune__province", admin.RelatedOnlyFieldListFilter),
        ("commune", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("number", "commune__name")
    autocomplete_fields = ("commune",)


@admin.register(SelfManagementGroup)
class SelfManagementGroupAdmin(RecordAdmin):
    list_display = (
        "name",
        "kind",
        "commune",
        "village",
        "station",
        "registered_on",
        "ended_on",
        "members",
        "border_length_km",
    )
    list_select_related = ("commune", "village", "station")
    list_filter = (
        "kind",
        ("commune__province", admin.RelatedOnlyFieldListFilter),
        ("commune", admin.RelatedOnlyFieldListFilter),
        ("station", admin.RelatedOnlyFieldListFilter),
        ("registered_on", admin.DateFieldListFilter),
        ("ended_on", admin.DateFieldListFilter),
    )
    search_fields = ("name", "commune__name", "village__name", "station__name")
    date_hierarchy = "registered_on"
    autocomplete_fields = ("commune", "village", "station", "landmarks")


@admin.register(MassMobilisationModel)
class MassMobilisationModelAdmin(RecordAdmin):
    list_display = (
        "name",
        "field",
        "station",
        "commune",
        "recognised_level",
        "recognised_year",
        "started_on",
    )
    list_select_related = ("station", "commune")
    list_filter = (
        "field",
        "recognised_level",
        "recognised_year",
        ("commune__province", admin.RelatedOnlyFieldListFilter),
        ("station", admin.RelatedOnlyFieldListFilter),
        ("started_on", admin.DateFieldListFilter),
    )
    search_fields = ("name", "results", "commune__name", "station__name")
    date_hierarchy = "started_on"
    autocomplete_fields = ("station", "commune")


@admin.register(Activity)
class ActivityAdmin(RecordAdmin):
    list_display = (
        "held_on",
        "kind",
        "topic",
        "programme",
        "station",
        "commune",
        "village",
        "sessions",
        "attendees",
        "prestigious_people",
    )
    list_select_related = ("programme", "station", "commune", "village")
    list_filter = (
        "kind",
        "programme",
        ("commune__province", admin.RelatedOnlyFieldListFilter),
        ("commune", admin.RelatedOnlyFieldListFilter),
        ("station", admin.RelatedOnlyFieldListFilter),
        ("held_on", admin.DateFieldListFilter),
    )
    search_fields = ("topic", "commune__name", "village__name", "station__name")
    date_hierarchy = "held_on"
    autocomplete_fields = ("station", "commune", "village")
