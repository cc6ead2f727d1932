"""The page a user lands on after signing in (sign-in itself is django.contrib.auth)."""

from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from borderwork.reports import rules
from communes.models import Commune


def home(request: HttpRequest) -> HttpResponse:
    """The communes the signed-in user may see, today's first."""
    communes = (
        Commune.objects.visible_to(request.user)
        .select_related("province__merged_into", "district", "merged_into")
        .order_by(F("valid_until").desc(nulls_first=True), "province__name", "name")
    )
    context = {"communes": communes, "awaiting": list(rules.awaiting(request.user))}
    return render(request, "accounts/home.html", context)
