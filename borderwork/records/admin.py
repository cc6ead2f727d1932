"""The admin of a record family: its history, and spreadsheets in and out through the same
resource as its list's pages (`exchange.resource_class`), for the signed-in user.

So the admin writes the list's columns, reads them back with the same rules and messages
(the family's form: scope, dates, the quarter lock), and what it exports imports back with
no change. The domain apps' `admin.py` build on `RecordAdmin`; Django's admin discovery does
not look here.
"""

from __future__ import annotations

import tablib
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from import_export.admin import ImportExportModelAdmin
from import_export.forms import ExportForm
from simple_history.admin import SimpleHistoryAdmin

from borderwork.records.exchange import RecordResource, resource_class
from borderwork.records.export_rows import export_rows
from borderwork.records.registry import REGISTRY, RecordType
from borderwork.records.sheets import BadFile, check_headers


class AdminResource:
    """The list's resource as the admin uses it: each row written as the list's export writes
    it, and no row read from a file whose headers are not its columns, as the import page
    does (a column left out would blank that field of every record updated)."""

    def export(self, queryset=None, **kwargs) -> tablib.Dataset:
        # import-export builds each row's model and looks every column up again for it; the
        # list's export reads the same cells in bulk (`export_rows`, benchmarks/README.md).
        rows = self.get_queryset() if queryset is None else queryset
        return tablib.Dataset(*export_rows(self, rows), headers=self.headers())

    def before_import(self, dataset, **kwargs):
        try:
            check_headers(self, list(dataset.headers or ()))
        except BadFile:
            del dataset[:]  # the message says why; no row is read against the wrong columns
            raise
        super().before_import(dataset, **kwargs)


def admin_resource_class(kind: RecordType) -> type[RecordResource]:
    base = resource_class(kind)
    return type(base.__name__, (AdminResource, base), {})


# ImportExportModelAdmin comes first: its change list template adds the import and export
# buttons on top of admin/change_list.html, and every get_urls() calls super(), so the
# import/export views and the simple-history views are both registered.
class RecordAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    """A record family's admin: history, and import and export through its own resource."""

    # Every column, always: a file without one would blank that field when imported back.
    export_form_class = ExportForm

    @property
    def record_type(self) -> RecordType:
        return REGISTRY[self.model]

    def get_resource_classes(self, request):
        return [admin_resource_class(self.record_type)]

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {"user": request.user}

    # The admin's own permissions still decide who may use the pages: an import adds and
    # changes records, an export shows them.
    def has_import_permission(self, request) -> bool:
        return (
            super().has_import_permission(request)
            and self.has_add_permission(request)
            and self.has_change_permission(request)
        )

    def has_export_permission(self, request) -> bool:
        return super().has_export_permission(request) and self.has_view_or_change_permission(
            request
        )

    def get_export_queryset(self, request):
        """The change list's rows (its filters and search) that the user may see."""
        return super().get_export_queryset(request).visible_to(request.user)

    def get_import_data_kwargs(self, **kwargs):
        # All or nothing, in the preview and once confirmed: a row refused only at the
        # confirmation (a quarter approved in between) leaves no other row written.
        return {
            **super().get_import_data_kwargs(**kwargs),
            "use_transactions": True,
            "rollback_on_validation_errors": True,
        }

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                _(
                    "Không nhập được: dữ liệu đã thay đổi từ lúc xem trước (ví dụ một quý vừa "
                    "được phê duyệt). Không dòng nào được ghi; hãy nhập lại tệp để xem lỗi."
                ),
            )
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        return super().process_result(result, request)
