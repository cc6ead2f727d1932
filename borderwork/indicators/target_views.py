"""The pages of the yearly targets: the plans a user may read, one province's plan for a year
(set by its staff in one formset), and its commissar's approval or reopening."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from borderwork.indicators.target_forms import ChoosePlanForm, save_targets, target_formset
from borderwork.indicators.targets import (
    PlanApproved,
    TargetPlan,
    may_plan,
    plan_years,
    refuse_outside,
)
from borderwork.text import ascii_int
from communes.models import Province


def index(request: HttpRequest) -> HttpResponse:
    """The plans the user may read, and a choice of province and year to open one."""
    form = ChoosePlanForm(request.GET or None, user=request.user)
    if request.GET and form.is_valid():
        return redirect(
            "indicators:target-plan", form.cleaned_data["province"].pk, form.cleaned_data["year"]
        )
    plans = TargetPlan.objects.visible_to(request.user).select_related("province", "approved_by")
    return render(request, "indicators/targets.html", {"form": form, "plans": plans})


def _province(request: HttpRequest, province_pk: int, year: int) -> Province:
    if year not in plan_years():
        raise Http404
    return get_object_or_404(Province.objects.visible_to(request.user), pk=province_pk)


def _page_url(province: Province, year: int, page: int) -> str:
    url = reverse("indicators:target-plan", args=[province.pk, year])
    return url if page == 1 else f"{url}?trang={page}"


def plan_page(request: HttpRequest, province_pk: int, year: int) -> HttpResponse:
    """A province's targets for a year: a grid to fill for its staff, a table for the others."""
    province = _province(request, province_pk, year)
    plan = (
        TargetPlan.objects.visible_to(request.user)
        .filter(province=province, year=year)
        .select_related("approved_by")
        .first()
    )
    page = ascii_int(request.GET.get("trang"), max_digits=3) or 1
    editable = may_plan(request.user, province) and not (plan and plan.is_approved)
    refused = ""
    try:
        refuse_outside(province, year)
    except ValidationError as error:
        refused, editable = " ".join(error.message_dict["year"]), False
    if request.method == "POST":
        if not editable:
            if plan is not None and plan.is_approved:
                raise PlanApproved(_("Chỉ tiêu năm này đã được Chính ủy duyệt."))
            if refused:
                raise PermissionDenied(refused)
            raise PermissionDenied(_("Vai trò của anh/chị không đặt chỉ tiêu của tỉnh này."))
        formset = target_formset(plan, province, year, request.POST, page)
        if formset.is_valid():
            with transaction.atomic():
                if plan is None:
                    plan = TargetPlan(province=province, year=year)
                    plan.full_clean()
                    plan.save()
                changed = save_targets(formset, plan, request.user)
            messages.success(
                request, _("Đã lưu chỉ tiêu (%(count)s thay đổi).") % {"count": changed}
            )
            return redirect(_page_url(province, year, page))
    else:
        formset = target_formset(plan, province, year, page=page)
    context = {
        "province": province,
        "year": year,
        "plan": plan,
        "formset": formset,
        "editable": editable,
        "refused": refused,
        "may_decide": plan is not None and plan.may_decide(request.user),
        "page": page,
        "page_urls": [
            (number, _page_url(province, year, number)) for number in range(1, formset.pages + 1)
        ],
    }
    return render(request, "indicators/target_plan.html", context)


@require_POST
def decide(request: HttpRequest, province_pk: int, year: int, action: str) -> HttpResponse:
    """The commissar approves the plan, or reopens an approved one for the staff to edit."""
    province = _province(request, province_pk, year)
    plan = get_object_or_404(
        TargetPlan.objects.visible_to(request.user), province=province, year=year
    )
    if not plan.may_decide(request.user):
        raise PermissionDenied(_("Chỉ Chính ủy của tỉnh duyệt chỉ tiêu năm của tỉnh."))
    if action == "approve" and not plan.is_approved:
        if not plan.targets.exists():
            messages.error(request, _("Chưa có chỉ tiêu nào để duyệt."))
        else:
            plan.approve(request.user)
            messages.success(request, _("Đã duyệt chỉ tiêu năm."))
    elif action == "reopen" and plan.is_approved:
        plan.reopen(request.user)
        messages.success(request, _("Đã mở lại chỉ tiêu năm thành dự thảo để sửa."))
    else:
        raise Http404
    return redirect("indicators:target-plan", province.pk, year)
