"""Recording propaganda sessions and meetings with prestigious people."""

import datetime

import pytest
from django.urls import reverse

from programmes.models import Activity
from tests import factories

pytestmark = pytest.mark.django_db


def activity_data(world, **changes) -> dict:
    data = {
        "kind": "prestigious",
        "topic": "Gặp mặt già làng, trưởng bản trước Tết",
        "held_on": "2026-01-20",
        "station": world.station_bp.pk,
        "commune": world.merged.pk,
        "sessions": "1",
        "attendees": "1250",
        "prestigious_people": "14",
    }
    data.update(changes)
    return data


@pytest.fixture
def lesson(world):
    return factories.ActivityFactory(
        kind="lesson",
        topic="Lớp xóa mù chữ cho đồng bào",
        commune=world.merged,
        station=world.station_bp,
        sessions=24,
        attendees=1830,
    )


def test_the_list_shows_the_users_activities_with_their_figures(client, world, lesson):
    factories.ActivityFactory(
        topic="Tuyên truyền ở bản Ka Ai", commune=world.dan_hoa, station=world.station_qb
    )
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("programmes:activity-list")).content.decode()

    assert "Lớp xóa mù chữ cho đồng bào" in page and "10/09/2025" in page
    assert "1.830" in page and ">24<" in page
    assert "Ka Ai" not in page


def test_the_list_filters_by_programme_and_quarter(client, world, lesson):
    radio = factories.ProgrammeFactory(
        name="Loa phát thanh biên giới", slug="loa", kind="propaganda", unit="sessions"
    )
    factories.ActivityFactory(
        topic="Phát thanh Luật Biên phòng",
        programme=radio,
        commune=world.loc_tan,
        station=world.station_bp,
        held_on=datetime.date(2025, 5, 4),
    )
    client.force_login(world.users["station-bp"])
    url = reverse("programmes:activity-list")

    by_programme = client.get(url, {"programme": radio.pk}).content.decode()
    second_quarter = client.get(url, {"period": "2025-2"}).content.decode()

    assert "Phát thanh Luật Biên phòng" in by_programme and "xóa mù chữ" not in by_programme
    assert "Phát thanh Luật Biên phòng" in second_quarter and "xóa mù chữ" not in second_quarter


def test_station_staff_record_a_meeting_with_prestigious_people(client, world):
    client.force_login(world.users["station-bp"])

    response = client.post(reverse("programmes:activity-create"), activity_data(world), follow=True)

    activity = Activity.objects.get(topic="Gặp mặt già làng, trưởng bản trước Tết")
    assert response.redirect_chain[-1][0] == reverse(
        "programmes:activity-detail", args=[activity.pk]
    )
    assert activity.prestigious_people == 14 and activity.attendees == 1250
    page = response.content.decode()
    assert "Gặp gỡ người có uy tín" in page and "1.250" in page and "20/01/2026" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"attendees": "-5"}, "Giá trị phải lớn hơn hoặc bằng 0."),
        ({"sessions": "0"}, "Giá trị phải lớn hơn hoặc bằng 1."),
        ({"attendees": "10"}, "không thể nhiều hơn số lượt người tham dự (10)"),
        ({"prestigious_people": "0"}, "phải có ít nhất một người"),
        ({"held_on": "2025-05-10"}, "không phụ trách Xã Lộc Tấn mới vào ngày 10/05/2025"),
    ],
)
def test_an_activity_that_cannot_be_right_is_refused_keeping_what_was_typed(
    client, world, changes, message
):
    client.force_login(world.users["station-bp"])

    response = client.post(reverse("programmes:activity-create"), activity_data(world, **changes))

    page = response.content.decode()
    assert "Chưa lưu được" in page and message in page
    assert 'value="Gặp mặt già làng, trưởng bản trước Tết"' in page
    for value in changes.values():
        assert f'value="{value}"' in page
    assert not Activity.objects.exists()


def test_another_provinces_activity_is_not_found(client, world, lesson):
    client.force_login(world.users["staff-qb"])

    assert client.get(reverse("programmes:activity-detail", args=[lesson.pk])).status_code == 404
    assert client.get(reverse("programmes:activity-update", args=[lesson.pk])).status_code == 404
