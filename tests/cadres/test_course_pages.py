"""Recording a course and its participants: the course form takes the list, one a line."""

import datetime

import pytest
from django.urls import reverse

from cadres.models import Course, CourseParticipant
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(world):
    return factories.CourseFactory(
        title="Lớp bồi dưỡng nhận thức về Đảng, khóa 2 năm 2025",
        station=world.station_bp,
        commune=world.merged,
    )


def course_data(world, **changes):
    data = {
        "kind": "party",
        "title": "Lớp bồi dưỡng nhận thức về Đảng, khóa 1 năm 2026",
        "host": "Đảng ủy xã Lộc Tấn",
        "started_on": "2026-03-09",
        "ended_on": "2026-03-13",
        "commune": world.merged.pk,
        "station": world.station_bp.pk,
    }
    return {**data, **changes}


def test_the_list_shows_courses_of_the_users_communes_with_their_participants(
    client, world, course
):
    xtieng = factories.EthnicGroupFactory(name="Xtiêng")
    factories.CourseParticipantFactory(course=course, ethnic_group=xtieng)
    factories.CourseParticipantFactory(course=course)
    factories.CourseFactory(
        title="Lớp quốc phòng – an ninh Dân Hóa", station=world.station_qb, commune=world.dan_hoa
    )
    client.force_login(world.users["station-bp"])

    response = client.get(reverse("cadres:course-list"))

    page = response.content.decode()
    assert "khóa 2 năm 2025" in page and "08/09/2025" in page
    assert "Dân Hóa" not in page
    [row] = response.context["table"].data
    assert (row.participant_count, row.minority_count) == (2, 1)


def test_a_course_is_recorded_with_its_participants_in_one_form(client, world):
    factories.EthnicGroupFactory(name="Xtiêng")
    kinh = factories.EthnicGroupFactory(name="Kinh")
    kinh.is_minority = False
    kinh.save()
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("cadres:course-create"),
        course_data(
            world,
            participants=(
                "Điểu Thị Hoa; xtiêng ; Bí thư Chi đoàn ấp 3\n\nNguyễn Văn Long; KINH\nThị Mai\n"
            ),
        ),
        follow=True,
    )

    course = Course.objects.get()
    assert response.redirect_chain[-1][0] == reverse("cadres:course-detail", args=[course.pk])
    people = {p.full_name: p for p in course.participants.select_related("ethnic_group")}
    assert set(people) == {"Điểu Thị Hoa", "Nguyễn Văn Long", "Thị Mai"}
    assert str(people["Điểu Thị Hoa"].ethnic_group) == "Xtiêng"
    assert people["Điểu Thị Hoa"].position == "Bí thư Chi đoàn ấp 3"
    assert people["Điểu Thị Hoa"].commune == world.merged
    assert people["Thị Mai"].ethnic_group is None
    page = response.content.decode()
    assert "3 người, 1 người dân tộc thiểu số" in page
    assert "Bí thư Chi đoàn ấp 3" in page


def test_an_unknown_ethnic_group_names_the_line_and_saves_nothing(client, world):
    factories.EthnicGroupFactory(name="Xtiêng")
    client.force_login(world.users["station-bp"])
    typed = "Điểu Thị Hoa; Xtiêng\nThị Lan; Xtieng; Công an viên"

    response = client.post(reverse("cadres:course-create"), course_data(world, participants=typed))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Dòng 2: không có dân tộc “Xtieng” trong danh mục." in page
    assert "Thị Lan; Xtieng; Công an viên" in page
    assert 'value="Lớp bồi dưỡng nhận thức về Đảng, khóa 1 năm 2026"' in page
    assert not Course.objects.exists() and not CourseParticipant.objects.exists()


def test_a_course_ending_before_it_starts_is_refused(client, world):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("cadres:course-create"), course_data(world, ended_on="2026-03-01")
    )

    assert "Ngày bế giảng phải bằng hoặc sau ngày khai giảng." in response.content.decode()
    assert not Course.objects.exists()


def test_a_course_in_a_merged_commune_after_the_merger_is_refused(client, world):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("cadres:course-create"), course_data(world, commune=world.loc_tan.pk)
    )

    assert "sáp nhập vào Xã Lộc Tấn mới" in response.content.decode()
    assert not Course.objects.exists()


def test_more_participants_are_added_from_the_course_page_without_losing_any(client, world, course):
    factories.CourseParticipantFactory(course=course, full_name="Điểu Thị Hoa")
    client.force_login(world.users["station-bp"])
    detail = client.get(reverse("cadres:course-detail", args=[course.pk])).content.decode()
    update = reverse("cadres:course-update", args=[course.pk])
    assert update in detail
    assert f"{reverse('cadres:participant-create')}?course={course.pk}" in detail

    assert "Thêm học viên" in client.get(update).content.decode()
    client.post(
        update,
        course_data(
            world,
            title=course.title,
            started_on="2025-09-08",
            ended_on="2025-09-12",
            participants="Lâm Văn Sang;; Công an viên",
        ),
    )

    names = sorted(course.participants.values_list("full_name", flat=True))
    assert names == ["Lâm Văn Sang", "Điểu Thị Hoa"]


def test_another_provinces_course_is_not_found(client, world, course):
    client.force_login(world.users["station-qb"])

    assert client.get(reverse("cadres:course-detail", args=[course.pk])).status_code == 404
    assert client.get(reverse("cadres:course-update", args=[course.pk])).status_code == 404


def test_the_participant_list_shows_the_users_participants_only(client, world, course):
    factories.CourseParticipantFactory(course=course, full_name="Điểu Thị Hoa")
    qb_course = factories.CourseFactory(station=world.station_qb, commune=world.dan_hoa)
    factories.CourseParticipantFactory(course=qb_course, full_name="Hồ Thị Xuân")
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("cadres:participant-list")).content.decode()

    assert "Điểu Thị Hoa" in page and "khóa 2 năm 2025" in page
    assert "Hồ Thị Xuân" not in page


def test_one_participant_is_added_from_the_course_page(client, world, course):
    xtieng = factories.EthnicGroupFactory(name="Xtiêng")
    client.force_login(world.users["station-bp"])
    link = f"{reverse('cadres:participant-create')}?course={course.pk}&commune={world.merged.pk}"
    assert f'<option value="{course.pk}" selected>' in client.get(link).content.decode()

    response = client.post(
        reverse("cadres:participant-create"),
        {
            "course": course.pk,
            "full_name": "Điểu Văn Lành",
            "ethnic_group": xtieng.pk,
            "commune": world.merged.pk,
            "position": "Trưởng ấp",
        },
        follow=True,
    )

    person = CourseParticipant.objects.get(full_name="Điểu Văn Lành")
    assert response.redirect_chain[-1][0] == reverse("cadres:participant-detail", args=[person.pk])
    assert person.course == course and person.ethnic_group == xtieng
    course_page = client.get(reverse("cadres:course-detail", args=[course.pk])).content.decode()
    assert "Điểu Văn Lành" in course_page and "Trưởng ấp" in course_page


def test_a_participant_without_a_name_is_refused_keeping_what_was_typed(client, world, course):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("cadres:participant-create"),
        {"course": course.pk, "full_name": "", "position": "Trưởng ấp"},
    )

    page = response.content.decode()
    assert "Trường này là bắt buộc." in page and 'value="Trưởng ấp"' in page
    assert not CourseParticipant.objects.exists()


def test_another_provinces_participant_is_not_found(client, world, course):
    person = factories.CourseParticipantFactory(course=course)
    client.force_login(world.users["station-qb"])

    assert client.get(reverse("cadres:participant-detail", args=[person.pk])).status_code == 404
    assert client.get(reverse("cadres:participant-update", args=[person.pk])).status_code == 404


def test_course_dates_show_the_vietnamese_way(client, world, course):
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("cadres:course-detail", args=[course.pk])).content.decode()

    assert course.ended_on == datetime.date(2025, 9, 12)
    assert "12/09/2025" in page and "Chưa ghi học viên nào." in page
