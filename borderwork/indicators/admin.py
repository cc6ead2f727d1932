from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from borderwork.indicators.targets import Target, TargetPlan


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ["station", "indicator", "value"]
    autocomplete_fields = ["station"]


@admin.register(TargetPlan)
class TargetPlanAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "province", "year", "state", "approved_by", "approved_at"]
    list_filter = ["state", "year"]
    list_select_related = ["province", "approved_by"]
    search_fields = ["province__name"]
    autocomplete_fields = ["province"]
    # Approval is the commissar's, on the targets page; here it is only read.
    readonly_fields = ["state", "approved_by", "approved_at"]
    inlines = [TargetInline]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "station", "indicator", "value"]
    list_filter = ["year", "indicator"]
    list_select_related = ["plan__province", "station"]
    search_fields = ["plan__province__name", "station__name", "indicator"]
    autocomplete_fields = ["plan", "station"]
