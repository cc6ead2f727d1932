"""Registering a self-management group with the landmarks it looks after, in two pages."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from programmes.models import Landmark, SelfManagementGroup
from tests import factories

pytestmark = pytest.mark.django_db


def group_data(world, **changes) -> dict:
    data = {
        "kind": "collective",
        "name": "Chi hội Cựu chiến binh ấp 5",
        "registered_on": "2025-10-01",
        "station": world.station_bp.pk,
        "commune": world.merged.pk,
        "members": "14",
        "border_length_km": "2,5",
        "landmarks": [],
        "new_landmarks": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def group(world):
    return factories.SelfManagementGroupFactory(
        name="Chi đoàn Thanh niên ấp 3", commune=world.merged, station=world.station_bp
    )


def test_the_list_shows_the_users_groups_and_not_another_provinces(client, world, group):
    group.landmarks.add(factories.LandmarkFactory(number="118", commune=world.merged))
    factories.SelfManagementGroupFactory(
        name="Tổ an ninh bản Ka Ai", commune=world.dan_hoa, station=world.station_qb
    )
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("programmes:group-list")).content.decode()

    assert "Chi đoàn Thanh niên ấp 3" in page and "01/08/2025" in page
    assert "Tập thể tự quản đường biên, mốc quốc giới" in page
    assert "Ka Ai" not in page


def test_the_list_filters_by_kind_and_registration_period(client, world, group):
    factories.SelfManagementGroupFactory(
        kind="household",
        name="Hộ ông Điểu Thanh",
        commune=world.loc_thanh,
        station=world.station_bp,
        registered_on=datetime.date(2024, 5, 2),
    )
    client.force_login(world.users["station-bp"])
    url = reverse("programmes:group-list")

    households = client.get(url, {"kind": "household"}).content.decode()
    third_quarter = client.get(url, {"period": "2025-3"}).content.decode()

    assert "Hộ ông Điểu Thanh" in households and "Chi đoàn Thanh niên ấp 3" not in households
    assert "Chi đoàn Thanh niên ấp 3" in third_quarter and "Điểu Thanh" not in third_quarter


def test_station_staff_register_a_group_with_listed_and_new_landmarks(client, world):
    listed = factories.LandmarkFactory(number="101", commune=world.merged)
    before_merger = factories.LandmarkFactory(number="99", commune=world.loc_thanh)
    known = factories.LandmarkFactory(number="105", commune=world.merged)
    foreign = factories.LandmarkFactory(number="620", commune=world.dan_hoa)
    client.force_login(world.users["station-bp"])

    form = client.get(reverse("programmes:group-create")).content.decode()
    assert f"Mốc 101 – {world.merged}" in form and f"Mốc 99 – {world.loc_thanh}" in form
    assert "Mốc mới" in form
    assert "Mốc 620" not in form  # another province's landmark is not offered

    response = client.post(
        reverse("programmes:group-create"),
        group_data(
            world, landmarks=[listed.pk, before_merger.pk], new_landmarks=" 102, 102/1 ,105, 102"
        ),
        follow=True,
    )

    group = SelfManagementGroup.objects.get(name="Chi hội Cựu chiến binh ấp 5")
    assert response.redirect_chain[-1][0] == reverse("programmes:group-detail", args=[group.pk])
    assert group.border_length_km == Decimal("2.5")
    assert sorted(group.landmarks.values_list("number", flat=True)) == [
        "101",
        "102",
        "102/1",
        "105",
        "99",
    ]
    assert group.landmarks.filter(pk=known.pk).exists()  # 105 was reused, not made twice
    assert Landmark.objects.filter(number="105").count() == 1
    created = Landmark.objects.get(number="102/1")
    assert created.commune == world.merged and created.is_auxiliary
    assert not Landmark.objects.get(number="102").is_auxiliary
    assert not foreign.groups.exists()
    page = response.content.decode()
    assert "Mốc 102/1" in page and "Mốc 99" in page


def test_a_landmark_of_another_commune_is_refused_next_to_the_field(client, world):
    elsewhere = factories.LandmarkFactory(number="131", commune=world.loc_an)
    client.force_login(world.users["staff-bp"])

    response = client.post(
        reverse("programmes:group-create"),
        group_data(world, landmarks=[elsewhere.pk], new_landmarks="132"),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert f"Mốc 131 ({world.loc_an}) không thuộc {world.merged}." in page
    assert 'value="132"' in page and 'value="Chi hội Cựu chiến binh ấp 5"' in page
    assert not SelfManagementGroup.objects.exists()
    assert not Landmark.objects.filter(number="132").exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("102, , 103", "để trống giữa hai dấu phẩy"),
        ("102, 1234567890123456789012", "dài quá 20 ký tự"),
    ],
)
def test_new_landmark_numbers_that_cannot_be_right_are_refused(client, world, typed, message):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("programmes:group-create"), group_data(world, new_landmarks=typed)
    )

    page = response.content.decode()
    assert "Chưa lưu được" in page and message in page
    assert f'value="{typed}"' in page
    assert not Landmark.objects.exists() and not SelfManagementGroup.objects.exists()


def test_leaving_before_registering_is_refused(client, world):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("programmes:group-create"), group_data(world, ended_on="2025-09-01")
    )

    page = response.content.decode()
    assert "Ngày thôi tham gia phải bằng hoặc sau ngày đăng ký." in page
    assert 'value="2025-09-01"' in page
    assert not SelfManagementGroup.objects.exists()


def test_a_group_registered_after_the_merger_must_name_the_new_commune(client, world):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("programmes:group-create"),
        group_data(world, commune=world.loc_thanh.pk, new_landmarks="102"),
    )

    page = response.content.decode()
    assert "sáp nhập vào Xã Lộc Tấn mới" in page
    assert 'value="Chi hội Cựu chiến binh ấp 5"' in page
    assert not Landmark.objects.exists() and not SelfManagementGroup.objects.exists()


def test_editing_a_group_adds_a_landmark_and_keeps_the_others(client, world, group):
    first = factories.LandmarkFactory(number="118", commune=world.merged)
    group.landmarks.add(first)
    client.force_login(world.users["station-bp"])
    url = reverse("programmes:group-update", args=[group.pk])

    form = client.get(url).content.decode()
    assert re.search(rf'value="{first.pk}"\s+id="id_landmarks_\d+" checked', form)

    client.post(
        url,
        group_data(
            world,
            name=group.name,
            registered_on="2025-08-01",
            landmarks=[first.pk],
            new_landmarks="119",
        ),
    )

    assert sorted(group.landmarks.values_list("number", flat=True)) == ["118", "119"]


def test_another_provinces_group_is_not_found(client, world, group):
    client.force_login(world.users["station-qb"])

    assert client.get(reverse("programmes:group-detail", args=[group.pk])).status_code == 404
    assert client.get(reverse("programmes:group-update", args=[group.pk])).status_code == 404


def test_a_commissar_reads_a_group_but_cannot_change_it(client, world, group):
    client.force_login(world.users["commissar-bp"])

    page = client.get(reverse("programmes:group-detail", args=[group.pk])).content.decode()

    assert "Chi đoàn Thanh niên ấp 3" in page and "Sửa" not in page
    assert client.get(reverse("programmes:group-update", args=[group.pk])).status_code == 403


def test_the_commune_hub_shows_security_and_reconciliation_teams_apart_from_self_management(
    client, world, group
):
    factories.SelfManagementGroupFactory(
        kind="security",
        name="Tổ bảo vệ an ninh, trật tự ấp 3",
        commune=world.merged,
        station=world.station_bp,
    )
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("communes:commune-detail", args=[world.merged.pk])).content.decode()

    self_management = page.split('data-testid="self-management"')[1].split("</section>")[0]
    teams = page.split('data-testid="teams"')[1].split("</section>")[0]
    assert "Chi đoàn Thanh niên ấp 3" in self_management
    assert "Tổ bảo vệ an ninh, trật tự ấp 3" not in self_management
    assert "Tổ bảo vệ an ninh, trật tự ấp 3" in teams
    assert "Chi đoàn Thanh niên ấp 3" not in teams
