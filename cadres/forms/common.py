"""Checks the cadres forms share: birth years, dates not in the future, officer labels."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cadres.models import (
    CourseParticipant,
    Officer,
)

FIRST_BIRTH_YEAR = 1940
# The youngest a local person followed as a future cadre, or an officer, can be.
YOUNGEST_AGE = 16
PARTY_AGE = 18
NAME_LENGTH = CourseParticipant._meta.get_field("full_name").max_length
POSITION_LENGTH = CourseParticipant._meta.get_field("position").max_length
MAX_PARTICIPANT_LINES = 300


def check_birth_year(year: int | None) -> int | None:
    """A birth year of a living adult: from 1940 to sixteen years ago."""
    last = timezone.localdate().year - YOUNGEST_AGE
    if year is not None and not FIRST_BIRTH_YEAR <= year <= last:
        raise ValidationError(
            _("Năm sinh phải từ %(first)s đến %(last)s."),
            params={"first": FIRST_BIRTH_YEAR, "last": last},
            code="birth_year_out_of_range",
        )
    return year


def not_in_future(day, message):
    if day is not None and day > timezone.localdate():
        raise ValidationError(message, code="in_future")
    return day


def officer_label(officer: Officer) -> str:
    return f"{officer} – {officer.station}"
