"""The page a user lands on after signing in (sign-in itself is django.contrib.auth)."""

from django.db.models import Count, F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from borderwork.accounts.models import Role
from borderwork.hub.profile_pdf import CommuneProfilePdf
from borderwork.reports import rules
from communes.models import Commune, Province

# A station or a province's few border communes are listed; beyond this (a national reviewer's
# thousand), the page sums them up by province and the commune list searches and pages.
HOME_LISTS_UP_TO = 150


def home(request: HttpRequest) -> HttpResponse:
    """The communes the signed-in user may see, today's first; by province when many."""
    visible = Commune.objects.visible_to(request.user)
    context = {"awaiting": list(rules.awaiting(request.user)), "total": visible.count()}
    if context["total"] > HOME_LISTS_UP_TO:
        rows = list(
            visible.values("province_id", "province__name")
            .annotate(
                current=Count("pk", filter=Q(valid_until__isnull=True)),
                former=Count("pk", filter=Q(valid_until__isnull=False)),
            )
            .order_by("province__name")
        )
        # Named as everywhere else: "Bình Phước (nay thuộc Đồng Nai)" (one query for them all).
        provinces = Province.objects.select_related("merged_into").in_bulk(
            [row["province_id"] for row in rows]
        )
        for row in rows:
            row["name"] = provinces[row["province_id"]].name_and_today()
        context["provinces"] = rows
    else:
        context["communes"] = visible.select_related(
            "province__merged_into", "district", "merged_into"
        ).order_by(F("valid_until").desc(nulls_first=True), "province__name", "name")
    return render(request, "accounts/home.html", context)


def landing(request: HttpRequest) -> HttpResponse:
    """Where signing in leads: a commissar to his dashboard, everyone else to the home page."""
    if request.user.role == Role.COMMISSAR:
        return redirect("indicators:home")
    return redirect("home")


def commune_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The commune hub as a printable PDF, for whoever may see the commune."""
    commune = get_object_or_404(
        Commune.objects.visible_to(request.user).select_related(
            "province", "district", "merged_into"
        ),
        pk=pk,
    )
    filename, content_type, content = CommuneProfilePdf(commune, request.user).render()
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
