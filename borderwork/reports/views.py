"""The pages of the quarterly report: list, draft, edit, the steps of approval, issuing the
PDF and downloading it from the archive. Who may do what is `rules.py`; the steps
themselves are `workflow`."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from borderwork.records.forms import version_of
from borderwork.reports import content, rules, tasks, workflow
from borderwork.reports.forms import NewReportForm, ReportForm, unit_label
from borderwork.reports.models import ISSUE_JOB, IssuedReport, IssueStatus, Report
from borderwork.storage.missing import missing_file_response

UNSENT_MESSAGE = gettext_lazy(
    "Không kết nối được hàng đợi xử lý nền nên chưa tạo được PDF. Báo cáo không bị ảnh hưởng;"
    " hãy bấm “Xuất PDF” lại sau ít phút hoặc báo quản trị viên."
)
ACTIONS = {
    "submit": (workflow.submit, False, gettext_lazy("Đã trình Chính ủy duyệt.")),
    "approve": (
        workflow.approve,
        False,
        gettext_lazy("Đã phê duyệt; số liệu của quý đã được chốt."),
    ),
    "return": (workflow.send_back, True, gettext_lazy("Đã trả lại báo cáo kèm ý kiến.")),
    "reopen": (
        workflow.reopen,
        True,
        gettext_lazy("Đã mở lại báo cáo; các hồ sơ của quý sửa được."),
    ),
}


def _report(request: HttpRequest, pk: int) -> Report:
    reports = Report.objects.visible_to(request.user).select_related(
        "province", "station", "approved_by", "submitted_by", "created_by"
    )
    return get_object_or_404(reports, pk=pk)


def report_list(request: HttpRequest) -> HttpResponse:
    reports = Report.objects.visible_to(request.user).select_related(
        "province", "station", "approved_by"
    )
    return render(
        request,
        "reports/list.html",
        {"reports": reports, "can_draft": rules.may_draft(request.user)},
    )


def report_new(request: HttpRequest) -> HttpResponse:
    if not rules.may_draft(request.user):
        raise PermissionDenied(_("Vai trò của anh/chị không lập báo cáo."))
    form = NewReportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        level, unit = form.cleaned_data["unit"]
        quarter = form.cleaned_data["quarter"]
        existing = Report.objects.of(level, unit, quarter).first()
        if existing is not None:
            messages.info(request, _("Đơn vị đã có báo cáo của kỳ này; mở báo cáo đó."))
            return redirect("reports:detail", existing.pk)
        try:
            with transaction.atomic():
                report = workflow.draft(request.user, level, unit, quarter)
        except ValidationError as error:  # e.g. drafted by another request since the check
            form.add_error(None, error)
        except IntegrityError:
            # Another request drafted the same unit and period between the check and the save.
            form.add_error(None, _("Đơn vị đã có báo cáo của kỳ này; mở báo cáo đó."))
        except content.NoFigures:
            form.add_error(
                None,
                _(
                    "Bảng chỉ tiêu chưa có số liệu của %(unit)s trong %(quarter)s. Hãy tính "
                    "lại số liệu trên Bảng chỉ tiêu rồi lập lại."
                )
                % {"unit": unit_label(unit), "quarter": quarter.label},
            )
        else:
            messages.success(request, _("Đã lập dự thảo từ số liệu; hãy đọc và sửa lời văn."))
            return redirect("reports:detail", report.pk)
    return render(request, "reports/new.html", {"form": form})


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    user = request.user
    try:
        document = workflow.render_context(report)
    except content.NoFigures:
        document = None
    ISSUE_JOB.mark_lost()  # a PDF whose worker died is said to have failed, not polled for ever
    context = {
        "report": report,
        "document": document,
        "events": report.events.select_related("by"),
        "issued": report.issued.select_related("requested_by")[:10],
        "can_edit": rules.may_edit(user, report),
        "can_submit": rules.may_submit(user, report),
        "can_decide": rules.may_decide(user, report),
        "can_reopen": rules.may_reopen(user, report),
        "can_issue": rules.may_issue(user, report),
    }
    return render(request, "reports/detail.html", context)


def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if not rules.may_edit(request.user, report):
        raise PermissionDenied(_("Chỉ sửa được dự thảo của đơn vị mình."))
    form = ReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            stored = Report.objects.select_for_update().get(pk=report.pk)
            sent = form.cleaned_data.get("version")
            if sent and sent != version_of(stored):
                return _texts_conflict(request, form, stored)
            form.save()
        messages.success(request, _("Đã lưu báo cáo."))
        return redirect("reports:detail", report.pk)
    return render(request, "reports/form.html", {"report": report, "form": form})


def _texts_conflict(request: HttpRequest, form: ReportForm, stored: Report) -> HttpResponse:
    """Someone saved the texts since this form was read: both versions, and this one again."""
    data = request.POST.copy()
    data["version"] = version_of(stored)
    rows = [
        (field.label, getattr(stored, name) or "—", form.cleaned_data[name] or "—")
        for name, field in form.fields.items()
        if name != "version" and getattr(stored, name) != form.cleaned_data.get(name)
    ]
    messages.warning(
        request,
        _(
            "Người khác đã lưu hồ sơ này sau khi anh/chị mở trang: chưa lưu thay đổi của "
            "anh/chị. Xem hai bản bên dưới; bấm “Lưu” để áp dụng lại bản của anh/chị."
        ),
    )
    again = ReportForm(data, instance=stored)
    context = {"report": stored, "form": again, "conflict": rows}
    return render(request, "reports/form.html", context, status=409)


@require_POST
def report_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    report = _report(request, pk)
    if action not in ACTIONS:
        raise Http404
    step, needs_reason, done = ACTIONS[action]
    try:
        if needs_reason:
            step(report, request.user, request.POST.get("comment", "")[:2000])
        else:
            step(report, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except content.NoFigures:
        messages.error(request, _("Bảng chỉ tiêu chưa có số liệu của kỳ này; chưa duyệt được."))
    else:
        messages.success(request, done)
    return redirect("reports:detail", report.pk)


@require_POST
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if not rules.may_issue(request.user, report):
        raise PermissionDenied(_("Anh/chị không xuất được báo cáo của đơn vị khác."))
    issued = tasks.queue_issue(report, request.user)
    # Without a broker the task has already run (on_commit is robust: a failure is logged and
    # kept on the row); with one, the row is still queued and the page polls it.
    issued.refresh_from_db()
    if request.htmx:
        return render(request, "reports/_issued_status.html", {"issued": issued})
    if issued.status == IssueStatus.UNSENT:
        messages.error(request, UNSENT_MESSAGE)
    return redirect("reports:detail", report.pk)


def _issued(request: HttpRequest, pk: int) -> IssuedReport:
    visible = Report.objects.visible_to(request.user)
    return get_object_or_404(
        IssuedReport.objects.select_related("report"), pk=pk, report__in=visible
    )


def issued_status(request: HttpRequest, pk: int) -> HttpResponse:
    ISSUE_JOB.mark_lost()
    return render(request, "reports/_issued_status.html", {"issued": _issued(request, pk)})


def issued_file(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The archived file, only if it still has the checksum it was issued with."""
    issued = _issued(request, pk)
    field, checksum, content_type = {
        "pdf": (issued.pdf, issued.sha256, "application/pdf"),
        "xlsx": (
            issued.xlsx,
            issued.xlsx_sha256,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    }.get(kind, (None, None, None))
    if not field:
        raise Http404
    try:
        with field.open("rb") as stored:
            data = stored.read()
    except FileNotFoundError:
        return missing_file_response(request, field.name)
    if hashlib.sha256(data).hexdigest() != checksum:
        raise Http404(_("Tệp lưu trữ không còn đúng với bản đã phát hành."))
    response = HttpResponse(data, content_type=content_type)
    name = f"{tasks.file_stem(issued.report)}-{issued.pk}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-SHA256"] = checksum
    return response
