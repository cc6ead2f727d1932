"""A row named by many records (a programme, an ethnic group) reads their spans by quarter,
and only within the days an approved report closes (`Period.named_by`)."""

import datetime

import pytest

from borderwork.scoping import _joined, period_of
from programmes.models import Programme
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date


def test_nothing_naming_a_row_is_read_while_no_report_is_approved(django_assert_num_queries):
    programme = factories.SupportRecordFactory.create_batch(3)[0].programme
    with django_assert_num_queries(1):  # the approved periods: none, so no record is read
        assert period_of(Programme).named_by(programme.pk) == []


def test_spans_that_meet_or_follow_are_joined_per_commune():
    spans = [
        (1, D(2024, 4, 1), D(2024, 6, 30)),
        (1, D(2024, 1, 1), D(2024, 3, 31)),
        (1, D(2025, 1, 1), D(2025, 3, 31)),
        (2, D(2024, 7, 1), None),
        (2, D(2025, 1, 1), D(2025, 3, 31)),
        (None, D(2020, 1, 1), D(2020, 3, 31)),
    ]
    assert _joined(spans) == [
        (None, D(2020, 1, 1), D(2020, 3, 31)),
        (1, D(2024, 1, 1), D(2024, 6, 30)),
        (1, D(2025, 1, 1), D(2025, 3, 31)),
        (2, D(2024, 7, 1), None),
    ]
