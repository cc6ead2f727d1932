"""A list's export and its import page: thin views over `sheets.py` and `imports.py`."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from borderwork.models import EXPORT_JOB, ExportStatus, ListExportRun
from borderwork.records.imports import run_import
from borderwork.records.navigation import area_of
from borderwork.records.registry import RecordType, url_for
from borderwork.records.sheets import (
    BACKGROUND_ROWS,
    CSV_TYPE,
    EXPORTERS,
    XLSX_TYPE,
    template_xlsx,
)
from borderwork.records.uploads import MAX_UPLOAD_BYTES, keep_pending
from borderwork.records.views import may_enter_data
from borderwork.tasks import queue_export

PREVIEW_ROWS = 500  # rows shown besides those in error; the counts say the rest


def download(filename: str, content_type: str, content: bytes) -> HttpResponse:
    return attachment(HttpResponse(content, content_type=content_type), filename)


def attachment(response: HttpResponse | StreamingHttpResponse, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


class ExportView(View):
    """The list as the user sees it (filters, sort, scope), every page of it."""

    kind: RecordType | None = None
    fmt: str = "xlsx"

    def get(self, request):
        exporter = EXPORTERS[self.fmt](self.kind, request.user, request.GET.copy())
        total = exporter.count()
        if total > BACKGROUND_ROWS:
            run = queue_export(
                request.user, self.kind.segment, self.fmt, request.GET.urlencode(), total
            )
            return HttpResponseRedirect(reverse(self.kind.url_name("export-run"), args=[run.pk]))
        if exporter.streams:
            # The CSV leaves as it is written: the first rows arrive at once, and the
            # process never holds the whole file.
            response = StreamingHttpResponse(exporter.stream(), content_type=exporter.content_type)
            return attachment(response, exporter.filename())
        return download(*exporter.render())


class ExportRunView(View):
    """A long export's progress, then its file: only for the person who asked for it."""

    kind: RecordType | None = None

    def get(self, request, pk: int):
        EXPORT_JOB.mark_lost()
        run = get_object_or_404(
            ListExportRun, pk=pk, requested_by=request.user, segment=self.kind.segment
        )
        if request.GET.get("tai") == "1":
            if run.status != ExportStatus.DONE or not run.file:
                raise Http404
            with run.file.open("rb") as handle:
                content = handle.read()
            content_type = XLSX_TYPE if run.fmt == "xlsx" else CSV_TYPE
            return download(run.file.name.rsplit("/", 1)[-1], content_type, content)
        again = reverse(self.kind.url_name(f"export-{run.fmt}"))
        context = {
            "kind": self.kind,
            "area": area_of(self.kind.url_name("list")),
            "list_url": url_for(self.kind.model, "list"),
            "again_url": f"{again}?{run.query}" if run.query else again,
            "run": run,
        }
        return render(request, "records/export_run.html", context)


class TemplateView(View):
    kind: RecordType | None = None

    def get(self, request):
        if not may_enter_data(request.user):
            raise PermissionDenied(_("Vai trò của anh/chị chỉ được xem, không được nhập liệu."))
        return download(*template_xlsx(self.kind, request.user))


class ImportView(View):
    """Upload, preview every row, then confirm: all or nothing."""

    kind: RecordType | None = None
    template_name = "records/import.html"
    session_key = "bw-imports"

    def dispatch(self, request, *args, **kwargs):
        if not may_enter_data(request.user):
            raise PermissionDenied(_("Vai trò của anh/chị chỉ được xem, không được nhập liệu."))
        return super().dispatch(request, *args, **kwargs)

    def context(self, **extra):
        return {
            "kind": self.kind,
            "area": area_of(self.kind.url_name("list")),
            "list_url": url_for(self.kind.model, "list"),
            "max_mb": MAX_UPLOAD_BYTES // 1024 // 1024,
            **extra,
        }

    def get(self, request):
        return render(request, self.template_name, self.context())

    def post(self, request):
        token = request.POST.get("token", "")
        if token:
            return self.confirm(request, token)
        upload = request.FILES.get("file")
        if upload is None:
            return render(
                request,
                self.template_name,
                self.context(problem=_("Hãy chọn một tệp XLSX hoặc CSV.")),
                status=400,
            )
        if upload.size > MAX_UPLOAD_BYTES:
            problem = _("Tệp lớn hơn %(limit)s MB (%(size)s MB): hãy chia thành nhiều tệp.") % {
                "limit": MAX_UPLOAD_BYTES // 1024 // 1024,
                "size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ","),
            }
            return render(request, self.template_name, self.context(problem=problem), status=400)
        content = upload.read()
        outcome = run_import(self.kind, request.user, upload.name, content, dry_run=True)
        extra = {"outcome": outcome, "filename": upload.name}
        if outcome.ok:
            token = uuid.uuid4().hex
            stored = keep_pending(token, content)
            pending = request.session.get(self.session_key, {})
            pending[token] = {"path": stored, "name": upload.name, "segment": self.kind.segment}
            request.session[self.session_key] = pending
            extra["token"] = token
        return render(request, self.template_name, self.context(**self.shown(outcome), **extra))

    def confirm(self, request, token: str):
        pending = request.session.get(self.session_key, {})
        entry = pending.get(token)
        if entry is None or entry.get("segment") != self.kind.segment:
            raise Http404
        with default_storage.open(entry["path"], "rb") as handle:
            content = handle.read()
        outcome = run_import(self.kind, request.user, entry["name"], content, dry_run=False)
        if not outcome.ok:
            # Something changed since the preview (another person's edit, a closed quarter).
            return render(
                request,
                self.template_name,
                self.context(outcome=outcome, filename=entry["name"], **self.shown(outcome)),
                status=409,
            )
        pending.pop(token)
        request.session[self.session_key] = pending
        default_storage.delete(entry["path"])
        counts = outcome.counts
        messages.success(
            request,
            _(
                "Đã nhập %(file)s: %(new)s hồ sơ mới, %(changed)s hồ sơ được sửa, "
                "%(unchanged)s dòng không đổi."
            )
            % {"file": entry["name"], **counts},
        )
        return HttpResponseRedirect(url_for(self.kind.model, "list"))

    @staticmethod
    def shown(outcome) -> dict:
        others = [row for row in outcome.rows if row.errors == []][:PREVIEW_ROWS]
        return {"error_rows": outcome.errors, "other_rows": others}
