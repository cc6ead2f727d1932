"""Admin for geography, party organisations, commune profiles and coordination regulations.

Every admin keeps the history view of django-simple-history. Foreign keys to tables that
grow (communes, villages, stations, districts...) use autocomplete widgets, so the target
admins all declare `search_fields`.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from borderwork.records.admin import RecordAdmin
from communes.models import (
    Commune,
    CommuneProfile,
    CoordinationRegulation,
    Directive,
    District,
    EthnicGroup,
    PartyCell,
    PartyCellRating,
    PartyCommittee,
    PartyCommitteeRating,
    Province,
    RegulationReview,
    Station,
    StationCoverage,
    Village,
)

# --- inlines --------------------------------------------------------------------------


class VillageInline(admin.TabularInline):
    model = Village
    extra = 0
    fields = ("name", "kind", "valid_from", "valid_until")
    verbose_name = _("thôn, ấp, bản")
    verbose_name_plural = _("các thôn, ấp, bản của xã")


class CoverageOfCommuneInline(admin.TabularInline):
    model = StationCoverage
    fk_name = "commune"
    extra = 0
    fields = ("station", "valid_from", "valid_until")
    autocomplete_fields = ("station",)
    verbose_name = _("đồn phụ trách")
    verbose_name_plural = _("các đồn Biên phòng phụ trách xã")


class CoverageOfStationInline(admin.TabularInline):
    model = StationCoverage
    fk_name = "station"
    extra = 0
    fields = ("commune", "valid_from", "valid_until")
    autocomplete_fields = ("commune",)
    verbose_name = _("xã phụ trách")
    verbose_name_plural = _("các xã đồn phụ trách")


class PartyCommitteeRatingInline(admin.TabularInline):
    model = PartyCommitteeRating
    extra = 0
    fields = ("year", "rating", "notes")


class PartyCellRatingInline(admin.TabularInline):
    model = PartyCellRating
    extra = 0
    fields = ("year", "rating", "notes")


class RegulationReviewInline(admin.TabularInline):
    model = RegulationReview
    extra = 0
    fields = ("kind", "held_on", "summary", "next_review_due")


# --- reference lists and geography ----------------------------------------------------


@admin.register(EthnicGroup)
class EthnicGroupAdmin(SimpleHistoryAdmin):
    list_display = ("name", "is_minority")
    list_filter = ("is_minority",)
    search_fields = ("name",)


@admin.register(Province)
class ProvinceAdmin(SimpleHistoryAdmin):
    list_display = (
        "name",
        "slug",
        "neighbouring_country",
        "border_length_km",
        "valid_from",
        "valid_until",
        "merged_into",
    )
    list_select_related = ("merged_into",)
    list_filter = (
        "neighbouring_country",
        ("valid_from", admin.DateFieldListFilter),
        ("valid_until", admin.DateFieldListFilter),
    )
    search_fields = ("name", "slug", "command_name")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("merged_into",)
    fieldsets = (
        (None, {"fields": ("name", "slug", "command_name", "report_symbol")}),
        (_("Biên giới"), {"fields": ("neighbouring_country", "border_length_km")}),
        (_("Hiệu lực và sáp nhập"), {"fields": ("valid_from", "valid_until", "merged_into")}),
    )


@admin.register(District)
class DistrictAdmin(SimpleHistoryAdmin):
    list_display = ("name", "slug", "province", "valid_from", "valid_until", "merged_into")
    list_select_related = ("province", "merged_into")
    list_filter = (
        "province",
        ("valid_from", admin.DateFieldListFilter),
        ("valid_until", admin.DateFieldListFilter),
    )
    search_fields = ("name", "slug", "province__name")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("merged_into",)


@admin.register(Commune)
class CommuneAdmin(SimpleHistoryAdmin):
    list_display = (
        "name",
        "kind",
        "province",
        "district",
        "is_border",
        "valid_from",
        "valid_until",
        "merged_into",
    )
    list_select_related = ("province", "district", "merged_into")
    list_filter = (
        "kind",
        "is_border",
        "province",
        ("valid_from", admin.DateFieldListFilter),
        ("valid_until", admin.DateFieldListFilter),
    )
    search_fields = ("name", "slug", "province__name", "district__name")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("district", "merged_into")
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "is_border")}),
        (_("Thuộc"), {"fields": ("province", "district")}),
        (_("Hiệu lực và sáp nhập"), {"fields": ("valid_from", "valid_until", "merged_into")}),
    )
    inlines = (VillageInline, CoverageOfCommuneInline)


@admin.register(Village)
class VillageAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "commune", "valid_from", "valid_until")
    list_select_related = ("commune",)
    list_filter = (
        "kind",
        ("commune__province", admin.RelatedOnlyFieldListFilter),
        ("commune", admin.RelatedOnlyFieldListFilter),
        ("valid_until", admin.DateFieldListFilter),
    )
    search_fields = ("name", "commune__name", "commune__slug")
    autocomplete_fields = ("commune",)


@admin.register(Station)
class StationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "province", "valid_from", "valid_until", "merged_into")
    list_select_related = ("province", "merged_into")
    list_filter = (
        "province",
        ("valid_from", admin.DateFieldListFilter),
        ("valid_until", admin.DateFieldListFilter),
    )
    search_fields = ("name", "code", "slug", "province__name")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("merged_into",)
    fieldsets = (
        (None, {"fields": ("name", "slug", "code", "province", "report_symbol")}),
        (_("Hiệu lực và sáp nhập"), {"fields": ("valid_from", "valid_until", "merged_into")}),
    )
    inlines = (CoverageOfStationInline,)


@admin.register(StationCoverage)
class StationCoverageAdmin(SimpleHistoryAdmin):
    list_display = ("station", "commune", "valid_from", "valid_until")
    list_select_related = ("station", "commune")
    list_filter = (
        ("station__province", admin.RelatedOnlyFieldListFilter),
        ("station", admin.RelatedOnlyFieldListFilter),
        ("valid_from", admin.DateFieldListFilter),
        ("valid_until", admin.DateFieldListFilter),
    )
    search_fields = ("station__name", "station__code", "commune__name")
    autocomplete_fields = ("station", "commune")


# --- party organisations --------------------------------------------------------------


@admin.register(PartyCommittee)
class PartyCommitteeAdmin(RecordAdmin):
    list_display = ("name", "commune", "members", "party_members")
    list_select_related = ("commune",)
    list_filter = (("commune__province", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("name", "commune__name")
    autocomplete_fields = ("commune",)
    inlines = (PartyCommitteeRatingInline,)


@admin.register(PartyCommitteeRating)
class PartyCommitteeRatingAdmin(RecordAdmin):
    list_display = ("committee", "year", "rating", "notes")
    list_select_related = ("committee",)
    list_filter = (
        "rating",
        "year",
        ("committee__commune__province", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("committee__name", "committee__commune__name", "notes")
    autocomplete_fields = ("committee",)


@admin.register(PartyCell)
class PartyCellAdmin(RecordAdmin):
    list_display = ("name", "commune", "village", "party_members")
    list_select_related = ("commune", "village")
    list_filter = (
        ("commune__province", admin.RelatedOnlyFieldListFilter),
        ("commune", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("name", "commune__name", "village__name")
    autocomplete_fields = ("commune", "village")
    inlines = (PartyCellRatingInline,)


@admin.register(PartyCellRating)
class PartyCellRatingAdmin(RecordAdmin):
    list_display = ("cell", "year", "rating", "notes")
    list_select_related = ("cell",)
    list_filter = (
        "rating",
        "year",
        ("cell__commune__province", admin.RelatedOnlyFieldListFilter),
        ("cell__commune", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("cell__name", "cell__commune__name", "notes")
    autocomplete_fields = ("cell",)


# --- commune profiles -----------------------------------------------------------------


@admin.register(CommuneProfile)
class CommuneProfileAdmin(RecordAdmin):
    list_display = (
        "commune",
        "year",
        "population",
        "households",
        "ethnic_minority_people",
        "poor_household_rate",
        "near_poor_household_rate",
    )
    list_select_related = ("commune",)
    list_filter = ("year", ("commune__province", admin.RelatedOnlyFieldListFilter))
    search_fields = ("commune__name", "commune__slug", "notes")
    autocomplete_fields = ("commune", "ethnic_groups")
    fieldsets = (
        (None, {"fields": ("commune", "year")}),
        (
            _("Dân số và dân tộc"),
            {
                "fields": (
                    "population",
                    "households",
                    "ethnic_minority_people",
                    "ethnic_minority_households",
                    "ethnic_groups_count",
                    "ethnic_groups",
                )
            },
        ),
        (
            _("Đời sống và giáo dục"),
            {
                "fields": (
                    "poor_household_rate",
                    "near_poor_household_rate",
                    "literacy_rate",
                    "school_enrolment_rate",
                )
            },
        ),
        (None, {"fields": ("notes",)}),
    )


# --- directives and coordination regulations ------------------------------------------


@admin.register(Directive)
class DirectiveAdmin(SimpleHistoryAdmin):
    list_display = ("code", "title", "issuer", "issued_on")
    list_filter = (("issued_on", admin.DateFieldListFilter),)
    search_fields = ("code", "title", "issuer")
    date_hierarchy = "issued_on"


@admin.register(CoordinationRegulation)
class CoordinationRegulationAdmin(RecordAdmin):
    list_display = (
        "number",
        "title",
        "commune",
        "counterpart",
        "station",
        "province",
        "signed_on",
        "review_due",
        "status",
    )
    list_select_related = ("commune", "station", "province")
    list_filter = (
        "status",
        "counterpart",
        ("commune__province", admin.RelatedOnlyFieldListFilter),
        ("station", admin.RelatedOnlyFieldListFilter),
        ("signed_on", admin.DateFieldListFilter),
        ("review_due", admin.DateFieldListFilter),
    )
    search_fields = ("number", "title", "commune__name", "station__name")
    date_hierarchy = "signed_on"
    autocomplete_fields = ("commune", "station", "directives")
    fieldsets = (
        (None, {"fields": ("number", "title", "status", "document")}),
        (_("Các bên ký kết"), {"fields": ("commune", "counterpart", "station", "province")}),
        (_("Thời hạn"), {"fields": ("signed_on", "review_due", "expires_on")}),
        (_("Căn cứ"), {"fields": ("directives",)}),
    )
    inlines = (RegulationReviewInline,)


@admin.register(RegulationReview)
class RegulationReviewAdmin(RecordAdmin):
    list_display = ("regulation", "kind", "held_on", "next_review_due")
    list_select_related = ("regulation",)
    list_filter = (
        "kind",
        ("regulation__commune__province", admin.RelatedOnlyFieldListFilter),
        ("held_on", admin.DateFieldListFilter),
        ("next_review_due", admin.DateFieldListFilter),
    )
    search_fields = ("regulation__number", "regulation__title", "summary")
    date_hierarchy = "held_on"
    autocomplete_fields = ("regulation",)
