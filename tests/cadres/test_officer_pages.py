"""Recording a station's officers and reading, on an officer's page, where they serve."""

import datetime

import pytest
from django.urls import reverse

from cadres.models import Officer
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def hung(world):
    return factories.OfficerFactory(
        full_name="Nguyễn Văn Hùng", rank="Thiếu tá", station=world.station_bp
    )


def test_the_list_shows_officers_of_the_users_station_and_what_they_hold_today(client, world, hung):
    factories.AssignmentFactory(officer=hung, commune=world.merged)
    factories.OfficerFactory(full_name="Hồ Văn Bảy", station=world.station_qb)
    client.force_login(world.users["station-bp"])

    response = client.get(reverse("cadres:officer-list"))

    page = response.content.decode()
    assert "Thiếu tá" in page and "Nguyễn Văn Hùng" in page
    assert "Hồ Văn Bảy" not in page
    [row] = response.context["table"].page.object_list.data
    assert row.current_assignments == 1


def test_station_staff_record_an_officer_and_land_on_the_officers_page(client, world):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("cadres:officer-create"),
        {
            "full_name": "Lương Văn Tám",
            "rank": "Đại úy",
            "position": "Đội trưởng Đội Vận động quần chúng",
            "station": world.station_bp.pk,
            "ethnic_group": factories.EthnicGroupFactory(name="Tày").pk,
            "birth_year": "1989",
            "party_joined_on": "2010-05-19",
        },
        follow=True,
    )

    officer = Officer.objects.get(full_name="Lương Văn Tám")
    assert response.redirect_chain[-1][0] == reverse("cadres:officer-detail", args=[officer.pk])
    assert officer.party_joined_on == datetime.date(2010, 5, 19)
    page = response.content.decode()
    assert "19/05/2010" in page and "Tày" in page
    assert "Cán bộ chưa được phân công tham gia ở đâu." in page


def test_joining_the_party_before_eighteen_is_refused_keeping_what_was_typed(client, world):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("cadres:officer-create"),
        {
            "full_name": "Lương Văn Tám",
            "station": world.station_bp.pk,
            "birth_year": "1995",
            "party_joined_on": "2010-05-19",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Chưa lưu được" in page
    assert "chỉ có thể vào Đảng từ năm 2013" in page
    assert 'value="Lương Văn Tám"' in page
    assert not Officer.objects.filter(full_name="Lương Văn Tám").exists()


def test_station_staff_cannot_put_an_officer_in_another_station(client, world):
    client.force_login(world.users["station-bp"])

    form = client.get(reverse("cadres:officer-create")).content.decode()
    response = client.post(
        reverse("cadres:officer-create"),
        {"full_name": "Lương Văn Tám", "station": world.station_qb.pk},
    )

    assert "Đồn Biên phòng Hoa Lư" not in form and "Đồn Biên phòng Cha Lo" not in form
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not Officer.objects.exists()


def test_another_provinces_officer_is_not_found(client, world, hung):
    client.force_login(world.users["station-qb"])

    assert client.get(reverse("cadres:officer-detail", args=[hung.pk])).status_code == 404
    assert client.get(reverse("cadres:officer-update", args=[hung.pk])).status_code == 404


def test_the_officers_page_lists_assignments_held_today_first_with_a_link_to_add_one(
    client, world, hung
):
    old = factories.AssignmentFactory(
        officer=hung,
        kind="fatherland_front",
        commune=world.loc_tan,
        started_on=datetime.date(2021, 3, 1),
        ended_on=datetime.date(2025, 6, 30),
    )
    current = factories.AssignmentFactory(
        officer=hung, commune=world.merged, started_on=datetime.date(2025, 7, 1)
    )
    # Newer but already over: it still comes after the one held today.
    factories.AssignmentFactory(
        officer=hung,
        kind="youth_union",
        commune=world.merged,
        started_on=datetime.date(2025, 8, 1),
        ended_on=datetime.date(2025, 12, 31),
    )
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("cadres:officer-detail", args=[hung.pk])).content.decode()

    held = page.index(reverse("cadres:assignment-detail", args=[current.pk]))
    over = page.index(reverse("cadres:assignment-detail", args=[old.pk]))
    youth = page.index("Tham gia Đoàn Thanh niên")
    assert held < youth < over
    assert page.count("Đang đảm nhiệm") == 1
    assert f"{reverse('cadres:assignment-create')}?officer={hung.pk}" in page


def test_a_commissar_reads_an_officer_but_gets_no_link_to_assign_them(client, world, hung):
    client.force_login(world.users["commissar-bp"])

    page = client.get(reverse("cadres:officer-detail", args=[hung.pk])).content.decode()

    assert "Nguyễn Văn Hùng" in page
    assert reverse("cadres:assignment-create") not in page
    assert client.get(reverse("cadres:officer-update", args=[hung.pk])).status_code == 403
