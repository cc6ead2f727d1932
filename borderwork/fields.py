"""What every text and date field of the project's models does beyond Django's, whatever
writes it (a form, the admin, an import, the shell, bulk_create or update()):

- text is stored in Unicode NFC, so 'Ố12' typed in NFD and NFC is one value, and an NFC
  search finds it; fields a model lists in `code_fields` are folded with NFKC as well
  (full-width digits are digits) and refuse letters of other scripts;
- a date must be plausible: from 1945 to a year ahead for what happened, up to five years
  ahead for what is planned (PLAN_FIELDS), checked in model validation (forms, full_clean).

`install()` runs once from BorderworkConfig.ready(). It gives each field a subclass of its own
class that keeps the same import path, so migrations see no change.
"""

from __future__ import annotations

import datetime

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from borderwork.text import code, nfc, non_latin_letters

PROJECT_APPS = ("accounts", "indicators", "reports", "communes", "cadres", "programmes")
EARLIEST = datetime.date(1945, 1, 1)
# Dates that may lie in the future: the end of a term, a review that is due, a validity.
PLAN_FIELDS = {
    "valid_from",
    "valid_until",
    "review_due",
    "next_review_due",
    "expires_on",
    "ended_on",
}
EVENT_YEARS_AHEAD = 1
PLAN_YEARS_AHEAD = 5


class NormalisedText:
    is_code = False

    def _normal(self, value):
        return code(value) if self.is_code else nfc(value)

    def to_python(self, value):
        return self._normal(super().to_python(value))

    def get_prep_value(self, value):
        return self._normal(super().get_prep_value(value))

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        normal = self._normal(value)
        if normal != value:
            setattr(model_instance, self.attname, normal)
        return normal

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if self.is_code and isinstance(value, str) and non_latin_letters(value):
            raise ValidationError(
                _("Chỉ dùng chữ cái Latinh (kể cả tiếng Việt) và chữ số; “%(letters)s” thì không."),
                code="non_latin",
                params={"letters": "".join(non_latin_letters(value))},
            )


class PlausibleDate:
    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if not isinstance(value, datetime.date):
            return
        years = PLAN_YEARS_AHEAD if self.name in PLAN_FIELDS else EVENT_YEARS_AHEAD
        today = timezone.localdate()
        latest = today.replace(year=today.year + years, day=min(today.day, 28))
        if not EARLIEST <= value <= latest:
            raise ValidationError(
                _("Ngày phải trong khoảng %(earliest)s đến %(latest)s."),
                code="implausible_date",
                params={
                    "earliest": formats.date_format(EARLIEST, "d/m/Y"),
                    "latest": formats.date_format(latest, "d/m/Y"),
                },
            )


_SUBCLASSES: dict[tuple[type, type, bool], type] = {}


def _subclass(field_class: type, mixin: type, is_code: bool = False) -> type:
    key = (field_class, mixin, is_code)
    if key not in _SUBCLASSES:
        # Same module and qualified name as the original: deconstruct() (and so every
        # migration) sees the field it always saw.
        _SUBCLASSES[key] = type(
            field_class.__name__,
            (mixin, field_class),
            {
                "__module__": field_class.__module__,
                "__qualname__": field_class.__qualname__,
                "is_code": is_code,
            },
        )
    return _SUBCLASSES[key]


def install() -> None:
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        codes = set(getattr(model, "code_fields", ()))
        historical_of = getattr(model, "instance_type", None)  # simple_history's copy
        if historical_of is not None:
            codes |= set(getattr(historical_of, "code_fields", ()))
        for field in model._meta.local_fields:
            if type(field) in _SUBCLASSES.values():
                continue
            if isinstance(field, (models.CharField, models.TextField)):
                field.__class__ = _subclass(type(field), NormalisedText, field.name in codes)
            elif isinstance(field, models.DateField) and not isinstance(
                field, models.DateTimeField
            ):
                field.__class__ = _subclass(type(field), PlausibleDate)
