"""Filters shared by record lists: search, period (quarter or year), scoped choices."""

import datetime

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from borderwork.text import ascii_int, nfc

FIRST_YEAR = 2020


def quarter_choices(today: datetime.date | None = None) -> list[tuple[str, str]]:
    """Years and quarters, newest first: ("2026", "Năm 2026"), ("2026-3", "Quý III/2026") ..."""
    today = today or datetime.date.today()
    roman = {1: "I", 2: "II", 3: "III", 4: "IV"}
    choices = []
    for year in range(today.year, FIRST_YEAR - 1, -1):
        choices.append((str(year), _("Năm %(year)s") % {"year": year}))
        last = (today.month - 1) // 3 + 1 if year == today.year else 4
        for quarter in range(last, 0, -1):
            label = _("Quý %(q)s/%(year)s") % {"q": roman[quarter], "year": year}
            choices.append((f"{year}-{quarter}", label))
    return choices


def period_bounds(value: str) -> tuple[datetime.date, datetime.date] | None:
    """'2026' -> the year; '2026-3' -> the third quarter; anything else -> None."""
    year_text, _sep, quarter_text = value.partition("-")
    year = ascii_int(year_text, max_digits=4)
    quarter = ascii_int(quarter_text, max_digits=1) if quarter_text else None
    if _sep and quarter is None:
        return None
    if year is None or not FIRST_YEAR <= year <= 2100 or quarter not in (None, 1, 2, 3, 4):
        return None
    if quarter is None:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    start = datetime.date(year, 3 * quarter - 2, 1)
    end_month = 3 * quarter
    end = (
        datetime.date(year, 12, 31)
        if end_month == 12
        else datetime.date(year, end_month + 1, 1) - datetime.timedelta(days=1)
    )
    return start, end


class PeriodFilter(django_filters.ChoiceFilter):
    """A year or a quarter, applied to the record's main date."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Kỳ"))
        kwargs.setdefault("empty_label", _("Mọi kỳ"))
        super().__init__(*args, choices=quarter_choices, **kwargs)

    def filter(self, qs, value):
        bounds = period_bounds(value) if value else None
        if not bounds:
            return qs
        return qs.filter(**{f"{self.field_name}__range": bounds})


class SearchFilter(django_filters.CharFilter):
    """Free text over a few fields at once."""

    def __init__(self, *args, fields: tuple[str, ...], **kwargs):
        kwargs.setdefault("label", _("Tìm kiếm"))
        super().__init__(*args, **kwargs)
        self.search_fields = fields

    def filter(self, qs, value):
        value = nfc((value or "").strip())  # stored text is NFC (borderwork/fields.py)
        if not value:
            return qs
        query = Q()
        for field in self.search_fields:
            query |= Q(**{f"{field}__icontains": value})
        return qs.filter(query)


def visible(model):
    """A queryset callable for a filter's choices: what the requesting user may see."""

    def choices(request):
        if request is None:
            return model.objects.none()
        return model.objects.visible_to(request.user)

    return choices
