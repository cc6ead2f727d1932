"""Choosers that search: a related record is picked by typing, never from a list of all.

A domain app declares which of its models are chosen this way (`register_chooser`, in its
`records.py`); every `RecordForm` field choosing one of them then renders only the chosen
option, and the browser (Tom Select, `static/js/choosers.js`) asks `chooser_results` for a
page of matches as the user types. The form still validates the id against the user's
scoped queryset, so the endpoint only helps to find: it never widens what may be chosen.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.db import models
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.urls import reverse

PAGE_SIZE = 20
MAX_QUERY = 100


@dataclass(frozen=True)
class Chooser:
    """How one model is searched and named in a chooser."""

    model: type[models.Model]
    search: tuple[str, ...]  # lookups matched case-insensitively: ("name",)
    label: Callable[[models.Model], str] = str
    select_related: tuple[str, ...] = ()
    order: tuple[str, ...] = ()  # the model's ordering when empty
    # Query parameters that narrow the choice by the form's other fields: the villages of
    # the chosen commune are {"commune": "commune"}; each names a form field and a lookup.
    narrow: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.model._meta.label_lower

    def url(self) -> str:
        return reverse("chooser", args=[self.key])

    def rows(self, queryset, text: str = "", narrow: dict[str, str] | None = None):
        """The matching rows of a queryset already narrowed to the user, in a stable order."""
        rows = queryset.select_related(*self.select_related)
        for word in normalise(text).split():
            match = Q()
            for lookup in self.search:
                match |= Q(**{f"{lookup}__icontains": word})
            rows = rows.filter(match)
        for param, value in (narrow or {}).items():
            lookup = self.narrow.get(param)
            if lookup and value.isdigit():
                # Through a subquery: a lookup across a many-to-many never repeats a row.
                rows = rows.filter(
                    pk__in=self.model.objects.filter(**{lookup: int(value)}).values("pk")
                )
        order = self.order or tuple(self.model._meta.ordering)
        # pk last: equal names page the same way every time.
        return rows.order_by(*order, "pk")


CHOOSERS: dict[type[models.Model], Chooser] = {}


def register_chooser(*choosers: Chooser) -> None:
    for chooser in choosers:
        CHOOSERS[chooser.model] = chooser


def chooser_for(model) -> Chooser | None:
    return CHOOSERS.get(model)


def normalise(text: str) -> str:
    """What a person typed, in the form the database holds: NFC, spaces collapsed, bounded."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())[:MAX_QUERY]


class ChooserWidget(forms.Select):
    """A <select> holding only the chosen option; the browser searches for the others."""

    def __init__(self, chooser: Chooser, attrs=None, choices=()):
        super().__init__(attrs, choices)
        self.chooser = chooser

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-chooser"] = self.chooser.url()
        if self.chooser.narrow:
            attrs["data-chooser-narrow"] = " ".join(self.chooser.narrow)
        return attrs

    def chosen(self, value) -> list[tuple]:
        """(id, label) of the records chosen: one query, whatever the size of the choice."""
        ids = [str(v) for v in value if str(v).isdigit()]
        iterator = self.choices
        if not ids or not hasattr(iterator, "queryset"):
            return []
        rows = iterator.queryset.select_related(*self.chooser.select_related).filter(pk__in=ids)
        return [(row.pk, iterator.field.label_from_instance(row)) for row in rows]

    def optgroups(self, name, value, attrs=None):
        empty = getattr(getattr(self.choices, "field", None), "empty_label", None)
        options = [("", empty)] if empty is not None else []
        saved, self.choices = self.choices, options + self.chosen(value)
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = saved


class MultipleChooserWidget(ChooserWidget):
    """Several records chosen by search: only those chosen are rendered."""

    allow_multiple_selected = True

    def optgroups(self, name, value, attrs=None):
        saved, self.choices = self.choices, self.chosen(value)
        try:
            return forms.Select.optgroups(self, name, value, attrs)
        finally:
            self.choices = saved

    def value_from_datadict(self, data, files, name):
        return forms.SelectMultiple.value_from_datadict(self, data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return False


def use_chooser(form_field: forms.Field) -> bool:
    """Give a model choice field a searching widget when its model has a chooser."""
    queryset = getattr(form_field, "queryset", None)
    if queryset is None:
        return False
    chooser = chooser_for(queryset.model)
    if chooser is None:
        return False
    attrs = form_field.widget.attrs
    if isinstance(form_field, forms.ModelMultipleChoiceField):
        form_field.widget = MultipleChooserWidget(chooser, attrs=attrs)
    else:
        form_field.widget = ChooserWidget(chooser, attrs=attrs)
    form_field.widget.choices = form_field.choices
    if chooser.label is not str:
        form_field.label_from_instance = chooser.label
    return True


def chooser_results(request, model: str):
    """A page of the records of one chooser that this user may see, matching what they typed.

    JSON: {"results": [{"value": id, "text": label}], "more": bool}. A model without a
    chooser is a 404; `q` is matched word by word, case-insensitively, after NFC;
    `page` counts from 1; the chooser's narrowing parameters (e.g. `commune`) filter further.
    """
    chooser = next((c for c in CHOOSERS.values() if c.key == model), None)
    if chooser is None:
        raise Http404
    page = request.GET.get("page", "1")
    page = int(page) if page.isdigit() and 0 < int(page) < 10_000 else 1
    narrow = {param: request.GET.get(param, "") for param in chooser.narrow}
    rows = chooser.rows(
        chooser.model.objects.visible_to(request.user), request.GET.get("q", ""), narrow
    )
    start = (page - 1) * PAGE_SIZE
    found = list(rows[start : start + PAGE_SIZE + 1])  # one more tells whether a next page exists
    results = [{"value": row.pk, "text": chooser.label(row)} for row in found[:PAGE_SIZE]]
    # Names as they are, not \u-escaped: a third of the bytes for Vietnamese.
    return JsonResponse(
        {"results": results, "more": len(found) > PAGE_SIZE},
        json_dumps_params={"ensure_ascii": False},
    )
