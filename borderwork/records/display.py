"""A record's fields and history as a person reads them: labels, choices, dd/mm/yyyy, VND."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import PurePosixPath

from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from borderwork.records.registry import url_for
from borderwork.templatetags.borderwork_tags import number, vnd

HIDDEN = {"id"}


def show(field: models.Field, value, obj=None) -> str:
    """One field's value as text (or safe HTML for links)."""
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("Có") if value else _("Không")
    if isinstance(field, models.FileField):
        if obj is None:
            return str(value)
        url = reverse("record-file", args=[obj._meta.label_lower, obj.pk, field.name])
        return format_html('<a href="{}">{}</a>', url, _("Xem tệp đính kèm"))
    if isinstance(value, datetime.datetime):
        return value.strftime("%H:%M %d/%m/%Y")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if field.name.endswith("_vnd"):
        return vnd(value)
    if isinstance(value, Decimal):
        return number(value, field.decimal_places).rstrip("0").rstrip(",") or "0"
    if isinstance(value, int) and not field.name.endswith("year"):
        return number(value)
    return str(value)


def linked(related) -> str:
    """A related record as a link to its page, when it has one."""
    if related is None:
        return "—"
    url = url_for(related)
    return format_html('<a href="{}">{}</a>', url, related) if url else str(related)


def fields_of(obj: models.Model) -> list[tuple[str, str]]:
    """(label, value) for each concrete field and many-to-many of a record."""
    rows = []
    for field in obj._meta.get_fields():
        if (
            field.name in HIDDEN
            or field.auto_created
            or not field.concrete
            and not field.many_to_many
        ):
            continue
        label = capfirst(str(field.verbose_name))
        if field.many_to_many:
            related = ", ".join(str(item) for item in getattr(obj, field.name).all())
            rows.append((label, related or "—"))
        elif field.is_relation:
            rows.append((label, linked(getattr(obj, field.name))))
        else:
            rows.append((label, show(field, getattr(obj, field.attname), obj)))
    return rows


def history_of(obj: models.Model, limit: int = 50) -> list[dict]:
    """Who changed what and when, newest first, with each field's old and new value."""
    records = list(obj.history.select_related("history_user")[: limit + 1])
    fields = {f.name: f for f in obj._meta.concrete_fields}
    entries, related_ids = [], {}
    for newer, older in zip(records[:limit], records[1:] + [None], strict=False):
        changes = []
        if older is not None:
            delta = newer.diff_against(older, foreign_keys_are_objs=False)
            for change in delta.changes:
                field = fields.get(change.field)
                if field is None:
                    continue
                if field.is_relation:
                    related_ids.setdefault(field, set()).update({change.old, change.new} - {None})
                changes.append({"field": field, "old": change.old, "new": change.new})
        entries.append(
            {
                "when": newer.history_date,
                "who": newer.history_user,
                "kind": newer.get_history_type_display(),
                "type": newer.history_type,
                "changes": changes,
            }
        )
    # One query per foreign key that changed, not one per change.
    related = {
        field: field.related_model._base_manager.in_bulk(ids) for field, ids in related_ids.items()
    }
    for entry in entries:
        for change in entry["changes"]:
            field = change.pop("field")
            change["label"] = capfirst(str(field.verbose_name))
            for side in ("old", "new"):
                value = change[side]
                if field.is_relation:
                    change[side] = str(related[field].get(value, "—")) if value else "—"
                elif isinstance(field, models.FileField):
                    # The file's own name, not the folders it is stored under.
                    change[side] = PurePosixPath(str(value)).name or "—"
                else:
                    change[side] = show(field, value)
    return entries
