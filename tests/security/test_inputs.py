"""Whatever writes it, text is NFC, look-alike landmark numbers are one, dates are plausible."""

import datetime
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cadres.models import Officer
from programmes.models import Landmark, SupportRecord
from tests import factories

pytestmark = pytest.mark.django_db

NFD = unicodedata.normalize("NFD", "Ố12")
NFC = unicodedata.normalize("NFC", "Ố12")


def test_text_saved_in_nfd_is_stored_in_nfc(world):
    officer = factories.OfficerFactory(station=world.station_bp, full_name="Nguyễn Văn Ố")
    Officer.objects.filter(pk=officer.pk).update(
        full_name=unicodedata.normalize("NFD", "Lê Thị Ánh")
    )
    officer.refresh_from_db()

    assert officer.full_name == unicodedata.normalize("NFC", "Lê Thị Ánh")
    # An NFC search finds a name typed in NFD.
    nfd = factories.OfficerFactory(
        station=world.station_bp, full_name=unicodedata.normalize("NFD", "Hoàng Ngọc")
    )
    assert nfd.full_name == unicodedata.normalize("NFC", "Hoàng Ngọc")
    assert Officer.objects.filter(full_name="Hoàng Ngọc").get() == nfd


def test_bulk_create_stores_nfc_too(world):
    Landmark.objects.bulk_create([Landmark(commune=world.loc_an, number=NFD)])

    assert Landmark.objects.get(commune=world.loc_an).number == NFC


@pytest.mark.parametrize(
    ("first", "second"),
    [(NFC, NFD), ("102", "１０２"), ("A1", "a1")],
    ids=["nfc-and-nfd", "full-width-digits", "case"],
)
def test_a_look_alike_landmark_number_is_refused_in_the_same_commune(world, first, second):
    Landmark.objects.create(commune=world.loc_an, number=first)
    duplicate = Landmark(commune=world.loc_an, number=second)

    with pytest.raises(ValidationError) as refused:
        duplicate.full_clean()
    assert "đã có mốc" in str(refused.value)
    # Another commune may have the same number.
    Landmark(commune=world.dan_hoa, number=second).full_clean()


def test_the_database_refuses_a_look_alike_that_skips_validation(world):
    from django.db import IntegrityError, transaction

    Landmark.objects.create(commune=world.loc_an, number="A1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Landmark.objects.create(commune=world.loc_an, number="ａ1")


def test_a_cyrillic_letter_in_a_landmark_number_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        Landmark(commune=world.loc_an, number="А1").full_clean()  # Cyrillic А
    assert "Latinh" in str(refused.value)
    Landmark(commune=world.loc_an, number="Ố12").full_clean()


@pytest.mark.parametrize(
    "day",
    [datetime.date(1, 1, 1), datetime.date(1944, 12, 31), datetime.date(9999, 12, 31)],
)
def test_an_implausible_date_of_support_is_refused(world, day):
    record = factories.SupportRecordFactory(commune=world.loc_an, station=world.station_bp_other)
    record.given_on = day

    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    assert "given_on" in refused.value.message_dict


def test_support_a_year_ahead_is_refused_but_a_term_may_end_in_five_years(world):
    today = timezone.localdate()
    field = SupportRecord._meta.get_field("given_on")
    with pytest.raises(ValidationError):
        field.clean(today.replace(year=today.year + 2), None)
    field.clean(today, None)
    term_end = factories.AssignmentFactory._meta.model._meta.get_field("ended_on")
    term_end.clean(today.replace(year=today.year + 4), None)
    with pytest.raises(ValidationError):
        term_end.clean(today.replace(year=today.year + 6), None)
