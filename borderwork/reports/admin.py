from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from borderwork.reports.models import IssuedReport, Report, ReportEvent


class ReportEventInline(admin.TabularInline):
    model = ReportEvent
    extra = 0
    readonly_fields = ["action", "by", "at", "comment"]
    can_delete = False


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "level", "year", "quarter", "state", "approved_by", "approved_at"]
    list_filter = ["state", "level", "year", "quarter"]
    list_select_related = ["province", "station", "approved_by"]
    search_fields = ["province__name", "station__name", "number"]
    readonly_fields = [
        "state",
        "frozen",
        "approved_by",
        "approved_at",
        "submitted_by",
        "submitted_at",
        "created_by",
    ]
    inlines = [ReportEventInline]


@admin.register(IssuedReport)
class IssuedReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "draft", "sha256", "requested_by"]
    list_filter = ["status", "draft"]
    list_select_related = ["report__province", "report__station", "requested_by"]
    # The archive is written once; nothing here changes a file or its checksum.
    readonly_fields = [f.name for f in IssuedReport._meta.fields]

    def has_add_permission(self, request):
        return False
