"""The source queries name their tables quoted and their choices through the TextChoices."""

import re

from django.db import connection, models

from borderwork.indicators import marks
from borderwork.indicators.sources import SOURCES, TABLE_NAMES, T, value
from cadres.models import AssignmentKind, PetitionStatus
from communes.models import QualityRating
from programmes.models import ActivityKind, FollowUpStatus, GroupKind, OutputUnit, ProgrammeKind

CHOICES = (
    AssignmentKind,
    OutputUnit,
    GroupKind,
    # Issue 16's indicators count by these too.
    ActivityKind,
    FollowUpStatus,
    PetitionStatus,
    ProgrammeKind,
    QualityRating,
)


def test_every_literal_in_the_sources_is_a_choice_they_count_by():
    # A literal written by hand would survive a renamed choice and count zero.
    literals = {text for sql in SOURCES.values() for text in re.findall(r"'([^']*)'", sql)}
    known = {choice.value for choices in CHOICES for choice in choices}
    assert literals and literals <= known


def test_a_renamed_choice_changes_the_literal_with_it():
    class Kind(models.TextChoices):
        RENAMED = "o'clock", "o'clock"

    assert value(Kind.RENAMED) == "'o''clock'"
    assert value(AssignmentKind.PARTY_COMMITTEE) in SOURCES["committee"]


def test_tables_are_quoted_in_the_sql_and_named_plainly_for_the_triggers():
    for key, name in TABLE_NAMES.items():
        assert T[key] == connection.ops.quote_name(name)
        assert name in marks.MARKS
    assert T["support"] in SOURCES["support"]
