"""The communes app's own page pieces; its record types are declared in `records.py`."""

from django.utils import timezone

from communes.models import (
    CoordinationRegulation,
)


def regulation_detail(regulation: CoordinationRegulation, user) -> dict:
    """Whether the review is overdue today, and the reviews held so far."""
    today = timezone.localdate()
    return {
        "today": today,
        "overdue": regulation.is_overdue(today),
        "reviews": regulation.reviews.order_by("-held_on"),
    }
