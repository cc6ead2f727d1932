"""Filters shared by record lists: search, period (quarter or year), scoped choices."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from borderwork import periods
from borderwork.text import nfc


class PeriodFilter(django_filters.ChoiceFilter):
    """A year or a quarter, applied to the record's main date."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Kỳ"))
        kwargs.setdefault("empty_label", _("Mọi kỳ"))
        super().__init__(*args, choices=periods.choices, **kwargs)

    def filter(self, qs, value):
        bounds = periods.bounds(value) if value else None
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
