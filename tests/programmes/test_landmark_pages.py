"""National border landmarks: listed per commune, each with the groups looking after it."""

import re

import pytest
from django.urls import reverse

from programmes.models import Landmark, SelfManagementGroup
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def landmark(world):
    return factories.LandmarkFactory(number="118", commune=world.loc_thanh)


def test_the_list_shows_the_users_landmarks_and_not_another_provinces(client, world, landmark):
    factories.LandmarkFactory(number="620", commune=world.dan_hoa)
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("programmes:landmark-list")).content.decode()

    assert "118" in page and str(world.loc_thanh) in page
    assert "620" not in page and "Dân Hóa" not in page


def test_the_list_counts_the_groups_looking_after_each_landmark(client, world, landmark):
    for name in ("Chi đoàn ấp 1", "Hộ ông Điểu Xiêm"):
        factories.SelfManagementGroupFactory(
            name=name, commune=world.merged, station=world.station_bp
        ).landmarks.add(landmark)
    client.force_login(world.users["station-bp"])

    response = client.get(reverse("programmes:landmark-list"))

    row = response.context["table"].rows[0]
    assert row.get_cell("number") is not None and row.get_cell("group_count") == "2"


def test_station_staff_add_a_landmark(client, world):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("programmes:landmark-create"),
        {"commune": world.merged.pk, "number": "121/2", "is_auxiliary": "on"},
        follow=True,
    )

    landmark = Landmark.objects.get(number="121/2")
    assert landmark.commune == world.merged and landmark.is_auxiliary
    assert response.redirect_chain[-1][0] == reverse(
        "programmes:landmark-detail", args=[landmark.pk]
    )
    assert "Mốc 121/2" in response.content.decode()


def test_a_number_the_commune_already_has_is_refused(client, world, landmark):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("programmes:landmark-create"), {"commune": world.loc_thanh.pk, "number": "118"}
    )

    page = response.content.decode()
    assert f"{world.loc_thanh} đã có mốc 118." in page and 'value="118"' in page
    assert Landmark.objects.count() == 1


def test_a_landmark_page_lists_its_groups_and_registers_another(client, world, landmark):
    factories.SelfManagementGroupFactory(
        name="Chi hội Phụ nữ ấp 2",
        commune=world.loc_thanh,
        station=world.station_bp,
        registered_on="2024-04-01",
    ).landmarks.add(landmark)
    client.force_login(world.users["station-bp"])

    detail = client.get(reverse("programmes:landmark-detail", args=[landmark.pk])).content.decode()
    assert "Chi hội Phụ nữ ấp 2" in detail
    # A group registering today does so in the commune Lộc Thạnh merged into.
    create = reverse("programmes:group-create")
    add_link = f"{create}?commune={world.merged.pk}&amp;landmarks={landmark.pk}"
    assert add_link in detail

    form = client.get(add_link.replace("&amp;", "&")).content.decode()
    assert f'<option value="{world.merged.pk}" selected>' in form
    assert re.search(rf'value="{landmark.pk}"\s+id="id_landmarks_\d+" checked', form)

    client.post(
        reverse("programmes:group-create"),
        {
            "kind": "household",
            "name": "Hộ ông Điểu Xiêm",
            "registered_on": "2025-11-05",
            "station": world.station_bp.pk,
            "commune": world.merged.pk,
            "members": "5",
            "border_length_km": "0,8",
            "landmarks": [landmark.pk],
        },
    )

    assert SelfManagementGroup.objects.get(name="Hộ ông Điểu Xiêm").landmarks.get() == landmark
    detail = client.get(reverse("programmes:landmark-detail", args=[landmark.pk])).content.decode()
    assert "Chi hội Phụ nữ ấp 2" in detail and "Hộ ông Điểu Xiêm" in detail


def test_another_provinces_landmark_is_not_found(client, world, landmark):
    client.force_login(world.users["station-qb"])

    assert client.get(reverse("programmes:landmark-detail", args=[landmark.pk])).status_code == 404
    assert client.get(reverse("programmes:landmark-update", args=[landmark.pk])).status_code == 404
