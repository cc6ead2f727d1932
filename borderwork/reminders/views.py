"""The list of what needs doing, for the signed-in user's scope."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from borderwork.reminders import due
from borderwork.reminders.due import REPORT_GRACE, REVIEW_WITHIN, TERM_WITHIN, reminders
from borderwork.reports import rules


def reminder_list(request: HttpRequest) -> HttpResponse:
    context = {
        "due": reminders(request.user),
        "may_draft": rules.may_draft(request.user),
        "review_days": REVIEW_WITHIN.days,
        "term_days": TERM_WITHIN.days,
        "grace_days": REPORT_GRACE.days,
    }
    return render(request, "reminders/list.html", context)


def reminder_count(request: HttpRequest) -> HttpResponse:
    """The menu bar's badge, asked by htmx after the page: cached per scope for minutes."""
    return render(request, "reminders/_count.html", {"count": due.count(request.user)})


def awaiting_approval(request: HttpRequest) -> HttpResponse:
    """The reports awaiting this commissar's approval, for the top of his dashboard."""
    awaiting = rules.awaiting(request.user).order_by("year", "quarter", "pk")
    return render(request, "reminders/_awaiting.html", {"awaiting": awaiting})
