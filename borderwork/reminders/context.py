"""Context processor: the reports awaiting a commissar's approval, which the dashboard shows
on top (indicators may not import reports); computed only when a page shows them."""

from __future__ import annotations

from functools import cache

from borderwork.reports import rules


def reminders(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    # A callable: the template calls it when it shows the list, so other pages cost nothing.
    @cache
    def awaiting_approval() -> list:
        return list(rules.awaiting(user).order_by("year", "quarter", "pk"))

    return {"awaiting_approval": awaiting_approval}
