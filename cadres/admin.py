"""Admin for officers, their assignments and petitions, courses and the cadre source."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from borderwork.records.admin import RecordAdmin
from cadres.models import (
    Assignment,
    CadreCandidate,
    Course,
    CourseParticipant,
    Officer,
    PartyAdmission,
    Petition,
)


class PetitionInline(admin.TabularInline):
    model = Petition
    extra = 0
    fields = ("received_on", "voters", "subject", "status", "resolved_on")


class CourseParticipantInline(admin.TabularInline):
    model = CourseParticipant
    extra = 0
    fields = ("full_name", "ethnic_group", "commune", "position")
    autocomplete_fields = ("ethnic_group", "commune")


@admin.register(Officer)
class OfficerAdmin(RecordAdmin):
    list_display = (
        "full_name",
        "rank",
        "position",
        "station",
        "ethnic_group",
        "birth_year",
        "party_joined_on",
    )
    list_select_related = ("station", "ethnic_group")
    list_filter = (
        ("station__province", admin.RelatedOnlyFieldListFilter),
        ("station", admin.RelatedOnlyFieldListFilter),
        ("ethnic_group", admin.RelatedOnlyFieldListFilter),
        ("party_joined_on", admin.DateFieldListFilter),
    )
    search_fields = ("full_name", "rank", "position", "station__name", "station__code")
    autocomplete_fields = ("station", "ethnic_group")


@admin.register(Assignment)
class AssignmentAdmin(RecordAdmin):
    list_display = (
        "officer",
        "kind",
        "level",
        "commune",
        "district",
        "party_cell",
        "started_on",
        "ended_on",
        "decision_number",
    )
    list_select_related = ("officer", "commune", "district", "party_cell")
    list_filter = (
        "kind",
        "level",
        ("commune__province", admin.RelatedOnlyFieldListFilter),
        ("officer__station", admin.RelatedOnlyFieldListFilter),
        ("started_on", admin.DateFieldListFilter),
        ("ended_on", admin.DateFieldListFilter),
    )
    search_fields = (
        "officer__full_name",
        "commune__name",
        "district__name",
        "party_cell__name",
        "decision_number",
    )
    date_hierarchy = "started_on"
    autocomplete_fields = ("officer", "commune", "district", "party_cell", "directive")
    fieldsets = (
        (None, {"fields": ("officer", "kind")}),
        (_("Nơi tham gia"), {"fields": ("level", "commune", "district", "party_cell")}),
        (
            _("Nhiệm kỳ và căn cứ"),
            {"fields": ("started_on", "ended_on", "decision_number", "directive")},
        ),
        (None, {"fields": ("notes",)}),
    )
    inlines = (PetitionInline,)


@admin.register(Petition)
class PetitionAdmin(RecordAdmin):
    list_display = ("received_on", "subject_excerpt", "assignment", "status", "resolved_on")
    list_select_related = (
        "assignment__officer",
        "assignment__commune",
        "assignment__district",
    )
    list_filter = (
        "status",
        ("assignment__commune__province", admin.RelatedOnlyFieldListFilter),
        ("assignment__officer__station", admin.RelatedOnlyFieldListFilter),
        ("received_on", admin.DateFieldListFilter),
        ("resolved_on", admin.DateFieldListFilter),
    )
    search_fields = ("subject", "voters", "resolution", "assignment__officer__full_name")
    date_hierarchy = "received_on"
    autocomplete_fields = ("assignment",)

    @admin.display(description=_("nội dung kiến nghị"), ordering="subject")
    def subject_excerpt(self, obj: Petition) -> str:
        return obj.subject if len(obj.subject) <= 80 else f"{obj.subject[:79]}…"


@admin.register(Course)
class CourseAdmin(RecordAdmin):
    list_display = ("title", "kind", "host", "commune", "station", "started_on", "ended_on")
    list_select_related = ("commune", "station")
    list_filter = (
        "kind",
        ("commune__province", admin.RelatedOnlyFieldListFilter),
        ("station", admin.RelatedOnlyFieldListFilter),
        ("started_on", admin.DateFieldListFilter),
    )
    search_fields = ("title", "host", "commune__name", "station__name")
    date_hierarchy = "started_on"
    autocomplete_fields = ("commune", "station")
    inlines = (CourseParticipantInline,)


@admin.register(CourseParticipant)
class CourseParticipantAdmin(RecordAdmin):
    list_display = ("full_name", "course", "ethnic_group", "commune", "position")
    list_select_related = ("course", "ethnic_group", "commune")
    list_filter = (
        "course__kind",
        ("course__commune__province", admin.RelatedOnlyFieldListFilter),
        ("ethnic_group", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("full_name", "position", "course__title", "commune__name")
    autocomplete_fields = ("course", "ethnic_group", "commune")


@admin.register(CadreCandidate)
class CadreCandidateAdmin(RecordAdmin):
    list_display = (
        "full_name",
        "birth_year",
        "ethnic_group",
        "commune",
        "village",
        "source",
        "stage",
        "identified_on",
    )
    list_select_related = ("ethnic_group", "commune", "village")
    list_filter = (
        "stage",
        "source",
        ("commune__province", admin.RelatedOnlyFieldListFilter),
        ("commune", admin.RelatedOnlyFieldListFilter),
        ("identified_on", admin.DateFieldListFilter),
    )
    search_fields = ("full_name", "commune__name", "village__name", "notes")
    date_hierarchy = "identified_on"
    autocomplete_fields = ("ethnic_group", "commune", "village")


@admin.register(PartyAdmission)
class PartyAdmissionAdmin(RecordAdmin):
    list_display = (
        "full_name",
        "ethnic_group",
        "commune",
        "village",
        "admitted_on",
        "decision_number",
        "candidate",
    )
    list_select_related = ("ethnic_group", "commune", "village", "candidate")
    list_filter = (
        ("commune__province", admin.RelatedOnlyFieldListFilter),
        ("commune", admin.RelatedOnlyFieldListFilter),
        ("ethnic_group", admin.RelatedOnlyFieldListFilter),
        ("admitted_on", admin.DateFieldListFilter),
    )
    search_fields = ("full_name", "decision_number", "commune__name", "village__name")
    date_hierarchy = "admitted_on"
    autocomplete_fields = ("ethnic_group", "commune", "village", "candidate")
