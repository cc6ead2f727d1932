"""Officers, communes and document numbers: one person, one commune, one number, however
they were typed; a race between two saves ends in the form's message, never a 500."""

import unicodedata
from types import SimpleNamespace

import pytest
from django.apps import apps as installed
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.state import ProjectState
from django.urls import reverse

from cadres.models import Officer
from communes.models import Commune, CoordinationRegulation, Directive
from tests import factories
from tests.conftest import AFTER, BEFORE

pytestmark = pytest.mark.django_db

NFD = unicodedata.normalize("NFD", "Lê Thị Ánh")
NFC = unicodedata.normalize("NFC", "Lê Thị Ánh")


@pytest.mark.parametrize(
    "second", [NFD, NFC.upper(), NFC.lower()], ids=["nfd", "upper-case", "lower-case"]
)
def test_an_officer_of_the_same_name_and_birth_year_is_refused_in_the_same_station(world, second):
    factories.OfficerFactory(station=world.station_bp, full_name=NFC, birth_year=1990)

    with pytest.raises(ValidationError) as refused:
        Officer(station=world.station_bp, full_name=second, birth_year=1990).full_clean()
    assert "cùng họ tên và năm sinh" in str(refused.value)
    # A namesake born another year, or in another station, is another person.
    Officer(station=world.station_bp, full_name=second, birth_year=1991).full_clean()
    Officer(station=world.station_bp_other, full_name=second, birth_year=1990).full_clean()


def test_the_database_refuses_an_officer_twice_even_without_a_birth_year(world):
    factories.OfficerFactory(station=world.station_bp, full_name=NFC)

    with pytest.raises(IntegrityError), transaction.atomic():
        Officer.objects.create(station=world.station_bp, full_name=NFD.upper())


def test_a_commune_of_the_same_name_is_refused_in_the_province_while_both_exist(world):
    with pytest.raises(ValidationError) as refused:
        Commune(name="LỘC AN", province=world.bp, slug="loc-an-2").full_clean()
    assert "cùng tên" in str(refused.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        Commune.objects.create(name="lộc an", province=world.bp, slug="loc-an-3")
    # An ended commune overlapping the one of today is refused by validation too.
    with pytest.raises(ValidationError):
        Commune(name="Lộc An", province=world.bp, slug="loc-an-4", valid_until=BEFORE).full_clean()


def test_a_commune_may_take_the_name_of_one_that_ended_before_it_began(world):
    # Lộc Thạnh ended on 30/06/2025; a new Lộc Thạnh from 01/07/2025 is another commune.
    Commune(
        name="Lộc Thạnh", province=world.bp, slug="loc-thanh-moi", valid_from=AFTER
    ).full_clean()
    # So may a commune of another province, or a ward of the same name.
    Commune(name="Lộc An", province=world.qb, slug="loc-an-qb").full_clean()
    Commune(name="Lộc An", kind="phuong", province=world.bp, slug="loc-an-p").full_clean()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("１０-KH/TU", "10-KH/TU"), ("68－KL／TW", "68-KL/TW")],
    ids=["full-width-digits", "full-width-punctuation"],
)
def test_a_directive_and_a_regulation_number_are_stored_in_nfkc(world, typed, stored):
    directive = Directive.objects.create(code=typed, title="Kế hoạch")
    regulation = factories.CoordinationRegulationFactory(
        station=world.station_bp_other, commune=world.loc_an, number=typed
    )

    assert Directive.objects.get(pk=directive.pk).code == stored
    assert CoordinationRegulation.objects.get(pk=regulation.pk).number == stored
    # The same document typed the other way is the one already there.
    with pytest.raises(ValidationError):
        Directive(code=stored, title="Kế hoạch").full_clean()


def test_a_cyrillic_letter_in_a_directive_number_is_refused():
    with pytest.raises(ValidationError) as refused:
        Directive(code="10-КН/TU", title="Kế hoạch").full_clean()  # Cyrillic К, Н
    assert "Latinh" in str(refused.value)


def test_a_uniqueness_race_becomes_the_forms_message(client, world, monkeypatch):
    """Both saves passed validation; the database refused the second: the form says why."""
    user = world.users["station-bp"]
    factories.OfficerFactory(station=world.station_bp, full_name=NFC, birth_year=1990)
    # As if the first save committed between this one's validation and its INSERT.
    monkeypatch.setattr(Officer, "validate_constraints", lambda self, exclude=None: None)
    client.force_login(user)

    response = client.post(
        reverse("cadres:officer-create"),
        {"full_name": NFD, "rank": "Đại úy", "station": world.station_bp.pk, "birth_year": 1990},
    )

    assert response.status_code == 200
    assert "cùng họ tên và năm sinh" in response.content.decode()
    assert Officer.objects.filter(station=world.station_bp).count() == 1


def test_the_migration_puts_rows_written_before_it_in_their_normal_forms(world):
    from borderwork.text import normalise_stored

    officer = factories.OfficerFactory(station=world.station_bp, full_name="Tạm")
    directive = Directive.objects.create(code="1540-QĐ/TU", title="Quy định")
    with connection.cursor() as cursor:  # as rows written before issue 13 could be
        cursor.execute("UPDATE cadres_officer SET full_name = %s WHERE id = %s", [NFD, officer.pk])
        cursor.execute(
            "UPDATE communes_directive SET code = %s, title = %s WHERE id = %s",
            ["１５４０-QĐ/TU", unicodedata.normalize("NFD", "Quy định"), directive.pk],
        )

    normalise_stored("cadres")(migration_apps(), schema_editor())
    normalise_stored("communes", {"directive": ("code",)})(migration_apps(), schema_editor())

    with connection.cursor() as cursor:
        cursor.execute("SELECT full_name FROM cadres_officer WHERE id = %s", [officer.pk])
        assert cursor.fetchone()[0] == NFC
        cursor.execute("SELECT code, title FROM communes_directive WHERE id = %s", [directive.pk])
        assert cursor.fetchone() == ("1540-QĐ/TU", "Quy định")


def test_a_duplicate_left_by_old_data_stays_as_it_was_and_the_migration_goes_on(world):
    from borderwork.text import normalise_stored

    factories.OfficerFactory(station=world.station_bp, full_name=NFC)
    other = factories.OfficerFactory(station=world.station_bp, full_name="Tạm")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cadres_officer SET full_name = %s WHERE id = %s", [NFD, other.pk])

    normalise_stored("cadres")(migration_apps(), schema_editor())

    with connection.cursor() as cursor:
        cursor.execute("SELECT full_name FROM cadres_officer WHERE id = %s", [other.pk])
        assert cursor.fetchone()[0] == NFD


def migration_apps():
    return ProjectState.from_apps(installed).apps


def schema_editor():
    """What RunPython passes, enough for the function (SQLite's cannot open in a test)."""

    def execute(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)

    return SimpleNamespace(connection=connection, execute=execute)
