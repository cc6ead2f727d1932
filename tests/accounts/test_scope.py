"""Each role sees exactly its share, on merged communes too, and changes only what it may."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cadres.models import Assignment, Officer
from communes.models import Commune, District, EthnicGroup, Province, Station
from programmes.models import SupportRecord
from tests import factories

pytestmark = pytest.mark.django_db


def names(queryset):
    return {str(obj.name if hasattr(obj, "name") else obj) for obj in queryset}


@pytest.fixture
def records(world):
    """A support record in every commune and an officer with an assignment at every station."""
    support = {}
    for commune, station in [
        (world.loc_thanh, world.station_bp),
        (world.loc_tan, world.station_bp),
        (world.merged, world.station_bp),
        (world.loc_an, world.station_bp_other),
        (world.dan_hoa, world.station_qb),
    ]:
        support[commune.name] = factories.SupportRecordFactory(
            commune=commune, station=station, recipient_name=f"Hộ ở {commune.name}"
        )
        officer = factories.OfficerFactory(station=station, full_name=f"Cán bộ ở {commune.name}")
        factories.AssignmentFactory(officer=officer, commune=commune)
    return support


BP_FAMILY = {"Lộc Thạnh", "Lộc Tấn", "Lộc Tấn mới", "Lộc An"}


@pytest.mark.parametrize(
    ("username", "communes"),
    [
        ("station-bp", {"Lộc Thạnh", "Lộc Tấn", "Lộc Tấn mới"}),
        ("commissar-station-bp", {"Lộc Thạnh", "Lộc Tấn", "Lộc Tấn mới"}),
        ("staff-bp", BP_FAMILY),
        ("commissar-bp", BP_FAMILY),
        ("staff-dn", BP_FAMILY),
        ("station-qb", {"Dân Hóa"}),
        ("staff-qb", {"Dân Hóa"}),
        ("national", BP_FAMILY | {"Dân Hóa"}),
        ("admin", BP_FAMILY | {"Dân Hóa"}),
    ],
)
def test_each_role_sees_exactly_the_communes_of_its_unit(world, records, username, communes):
    user = world.users[username]

    assert names(Commune.objects.visible_to(user)) == communes
    assert {r.commune.name for r in SupportRecord.objects.visible_to(user)} == communes


def test_station_staff_see_the_merged_commune_and_both_communes_it_was_made_of(world, records):
    visible = Commune.objects.visible_to(world.users["station-bp"])

    assert set(visible) == {world.loc_thanh, world.loc_tan, world.merged}
    assert world.loc_thanh.today_unit() == world.merged


def test_station_staff_see_only_their_own_station_and_its_officers(world, records):
    user = world.users["station-bp"]

    assert list(Station.objects.visible_to(user)) == [world.station_bp]
    assert {o.station for o in Officer.objects.visible_to(user)} == {world.station_bp}
    assert {a.officer.station for a in Assignment.objects.visible_to(user)} == {world.station_bp}


def test_province_staff_see_every_station_of_their_province_family(world, records):
    assert set(Station.objects.visible_to(world.users["staff-bp"])) == {
        world.station_bp,
        world.station_bp_other,
    }
    assert set(Province.objects.visible_to(world.users["staff-bp"])) == {world.bp, world.dn}
    assert set(Province.objects.visible_to(world.users["station-qb"])) == {world.qb, world.qt}


def test_province_scoped_rows_follow_the_province_family(world):
    factories.DistrictFactory(name="Lộc Ninh", province=world.bp)
    factories.DistrictFactory(name="Minh Hóa", province=world.qb)

    assert names(District.objects.visible_to(world.users["staff-dn"])) == {"Lộc Ninh"}
    assert names(District.objects.visible_to(world.users["station-qb"])) == {"Minh Hóa"}


def test_station_staff_cannot_see_another_province(world, records):
    user = world.users["station-qb"]

    assert not SupportRecord.objects.visible_to(user).filter(commune__province=world.bp).exists()
    assert not Officer.objects.visible_to(user).filter(station__province=world.bp).exists()


@pytest.mark.parametrize(
    ("username", "editable"),
    [
        ("station-bp", {"Lộc Thạnh", "Lộc Tấn", "Lộc Tấn mới"}),
        ("staff-bp", BP_FAMILY),
        ("staff-qb", {"Dân Hóa"}),
        ("commissar-bp", set()),
        ("commissar-station-bp", set()),
        ("national", set()),
        ("admin", BP_FAMILY | {"Dân Hóa"}),
    ],
)
def test_only_data_entry_roles_change_records_of_their_unit(world, records, username, editable):
    user = world.users[username]

    assert {r.commune.name for r in SupportRecord.objects.editable_by(user)} == editable


def test_geography_and_reference_lists_are_changed_by_administrators_only(world):
    group = factories.EthnicGroupFactory()

    for username in ("station-bp", "staff-bp", "national"):
        user = world.users[username]
        assert not Commune.objects.editable_by(user).exists()
        assert not EthnicGroup.objects.editable_by(user).exists()
        assert list(EthnicGroup.objects.visible_to(user)) == [group]
    assert Commune.objects.editable_by(world.users["admin"]).count() == 5


def test_anonymous_and_inactive_users_see_nothing(world, records):
    inactive = world.users["national"]
    inactive.is_active = False

    assert not SupportRecord.objects.visible_to(AnonymousUser()).exists()
    assert not EthnicGroup.objects.visible_to(AnonymousUser()).exists()
    assert not SupportRecord.objects.visible_to(inactive).exists()
