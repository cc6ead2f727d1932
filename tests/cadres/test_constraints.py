"""The database refuses terms that end before they start and assignments without a unit."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cadres.models import AssignmentLevel
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_reversed_term_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.AssignmentFactory(
            started_on=datetime.date(2025, 7, 1), ended_on=datetime.date(2025, 6, 30)
        )


def test_a_term_may_end_the_day_it_starts():
    assignment = factories.AssignmentFactory(
        started_on=datetime.date(2025, 7, 1), ended_on=datetime.date(2025, 7, 1)
    )

    assert assignment.is_current(datetime.date(2025, 7, 1))
    assert not assignment.is_current(datetime.date(2025, 7, 2))


def test_a_commune_assignment_without_a_commune_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.AssignmentFactory(commune=None, level=AssignmentLevel.COMMUNE)


def test_clean_explains_a_reversed_term_in_vietnamese():
    assignment = factories.AssignmentFactory.build(
        officer=factories.OfficerFactory(),
        commune=factories.CommuneFactory(),
        started_on=datetime.date(2025, 7, 1),
        ended_on=datetime.date(2025, 1, 1),
    )

    with pytest.raises(ValidationError) as error:
        assignment.full_clean()

    assert error.value.message_dict["ended_on"] == [
        "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu nhiệm kỳ (01/07/2025)."
    ]
