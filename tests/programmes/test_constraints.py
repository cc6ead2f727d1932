"""Quantities and VND values are never negative, in the database itself."""

import pytest
from django.db import IntegrityError, transaction

from programmes.models import SupportRecord
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["quantity", "value_vnd"])
def test_a_negative_quantity_or_value_is_refused(field):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.SupportRecordFactory(**{field: -1})

    assert not SupportRecord.objects.exists()


def test_vnd_values_beyond_two_billion_are_kept_exactly():
    record = factories.SupportRecordFactory(value_vnd=12_345_678_900)
    record.refresh_from_db()

    assert record.value_vnd == 12_345_678_900
