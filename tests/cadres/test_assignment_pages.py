"""Assigning an officer to a commune party committee for a term, and ending that term."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cadres.models import Assignment
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def hung(world):
    return factories.OfficerFactory(
        full_name="Nguyễn Văn Hùng", rank="Thiếu tá", station=world.station_bp
    )


@pytest.fixture
def seat(world, hung):
    return factories.AssignmentFactory(
        officer=hung,
        commune=world.merged,
        started_on=datetime.date(2025, 7, 1),
        decision_number="125-QĐ/ĐU",
    )


def term(world, officer, **changes):
    data = {
        "officer": officer.pk,
        "kind": "party_committee",
        "level": "commune",
        "commune": world.merged.pk,
        "started_on": "2025-07-15",
        "decision_number": "18-QĐ/ĐU",
    }
    return {**data, **changes}


def test_the_list_shows_assignments_of_the_users_station_and_not_another_provinces(
    client, world, seat
):
    qb_officer = factories.OfficerFactory(full_name="Hồ Văn Bảy", station=world.station_qb)
    factories.AssignmentFactory(officer=qb_officer, commune=world.dan_hoa)
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("cadres:assignment-list")).content.decode()

    assert "Nguyễn Văn Hùng" in page and "Xã Lộc Tấn mới" in page and "01/07/2025" in page
    assert "Hồ Văn Bảy" not in page and "Dân Hóa" not in page


def test_the_current_filter_leaves_out_terms_that_have_ended(client, world, hung, seat):
    factories.AssignmentFactory(
        officer=hung,
        kind="veterans",
        commune=world.loc_tan,
        started_on=datetime.date(2021, 1, 4),
        ended_on=datetime.date(2025, 6, 30),
    )
    client.force_login(world.users["station-bp"])

    def rows(current: str) -> list[str]:
        response = client.get(reverse("cadres:assignment-list"), {"current": current})
        return [str(row) for row in response.context["table"].data]

    assert rows("yes") == [
        "Thiếu tá Nguyễn Văn Hùng – Cấp ủy viên (cán bộ tăng cường) – Xã Lộc Tấn mới"
    ]
    [ended] = rows("no")
    assert ended.startswith("Thiếu tá Nguyễn Văn Hùng – Tham gia Hội Cựu chiến binh – Xã Lộc Tấn")


def test_station_staff_assign_an_officer_and_land_on_the_assignment_page(client, world, hung):
    client.force_login(world.users["station-bp"])

    response = client.post(reverse("cadres:assignment-create"), term(world, hung), follow=True)

    assignment = Assignment.objects.get(officer=hung)
    assert response.redirect_chain[-1][0] == reverse(
        "cadres:assignment-detail", args=[assignment.pk]
    )
    assert assignment.commune == world.merged
    page = response.content.decode()
    assert "15/07/2025" in page and "18-QĐ/ĐU" in page
    assert "Kết thúc nhiệm kỳ" in page


def test_a_commune_the_officers_station_does_not_cover_is_refused_next_to_the_commune(
    client, world, hung
):
    client.force_login(world.users["staff-bp"])  # sees every commune of the province

    response = client.post(
        reverse("cadres:assignment-create"),
        term(world, hung, commune=world.loc_an.pk, decision_number="77-QĐ/ĐU"),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Đồn Biên phòng Lộc Thạnh không phụ trách Xã Lộc An vào ngày 15/07/2025" in page
    assert 'value="77-QĐ/ĐU"' in page
    assert not Assignment.objects.exists()


def test_a_term_in_a_commune_that_had_merged_names_the_new_commune(client, world, hung):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("cadres:assignment-create"), term(world, hung, commune=world.loc_thanh.pk)
    )

    assert "sáp nhập vào Xã Lộc Tấn mới" in response.content.decode()
    assert not Assignment.objects.exists()


def test_a_term_ending_before_it_starts_is_refused_in_vietnamese(client, world, hung):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("cadres:assignment-create"), term(world, hung, ended_on="2025-07-01")
    )

    page = response.content.decode()
    assert "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu nhiệm kỳ" in page
    assert 'value="2025-07-01"' in page
    assert not Assignment.objects.exists()


def test_the_form_offers_only_the_users_officers_and_refuses_another_provinces(client, world, hung):
    qb_officer = factories.OfficerFactory(full_name="Hồ Văn Bảy", station=world.station_qb)
    client.force_login(world.users["station-bp"])

    form = client.get(reverse("cadres:assignment-create")).content.decode()
    response = client.post(reverse("cadres:assignment-create"), term(world, qb_officer))

    assert "Nguyễn Văn Hùng" in form and "Hồ Văn Bảy" not in form
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not Assignment.objects.exists()


def test_another_provinces_assignment_is_not_found_nor_ended(client, world, seat):
    client.force_login(world.users["station-qb"])

    assert client.get(reverse("cadres:assignment-detail", args=[seat.pk])).status_code == 404
    assert client.get(reverse("cadres:assignment-update", args=[seat.pk])).status_code == 404
    end = client.post(reverse("cadres:assignment-end", args=[seat.pk]), {"ended_on": "2026-01-01"})
    assert end.status_code == 404
    seat.refresh_from_db()
    assert seat.ended_on is None


def test_a_commissar_who_may_only_read_cannot_end_a_term(client, world, seat):
    client.force_login(world.users["commissar-bp"])

    page = client.get(reverse("cadres:assignment-detail", args=[seat.pk])).content.decode()
    end = client.post(reverse("cadres:assignment-end", args=[seat.pk]), {"ended_on": "2026-01-01"})

    assert "125-QĐ/ĐU" in page and reverse("cadres:assignment-end", args=[seat.pk]) not in page
    assert end.status_code == 404
    seat.refresh_from_db()
    assert seat.ended_on is None


def test_an_officer_is_assigned_from_their_page_and_the_term_ended_from_the_assignment(
    client, world, hung
):
    client.force_login(world.users["station-bp"])
    officer_page = reverse("cadres:officer-detail", args=[hung.pk])
    add_link = f"{reverse('cadres:assignment-create')}?officer={hung.pk}"
    assert add_link in client.get(officer_page).content.decode()

    form = client.get(add_link).content.decode()
    assert f'<option value="{hung.pk}" selected>' in form
    created = client.post(reverse("cadres:assignment-create"), term(world, hung))
    assignment = Assignment.objects.get(officer=hung)
    detail = reverse("cadres:assignment-detail", args=[assignment.pk])
    assert created["Location"] == detail

    page = client.get(detail).content.decode()
    assert reverse("cadres:assignment-end", args=[assignment.pk]) in page
    assert f'value="{timezone.localdate():%d/%m/%Y}"' in page  # today, ready to press
    ended = client.post(
        reverse("cadres:assignment-end", args=[assignment.pk]),
        {"ended_on": "2026-03-31"},
        follow=True,
    )

    assert ended.redirect_chain[-1][0] == detail
    assignment.refresh_from_db()
    assert assignment.ended_on == datetime.date(2026, 3, 31)
    page = ended.content.decode()
    assert "Đã kết thúc nhiệm kỳ ngày 31/03/2026" in page
    assert "Nhiệm kỳ đã kết thúc ngày 31/03/2026" in page
    assert "station-bp" in page  # the history names who ended it
    current = client.get(reverse("cadres:assignment-list"), {"current": "yes"}).content.decode()
    assert "Nguyễn Văn Hùng" not in current
    assert "Đang đảm nhiệm" not in client.get(officer_page).content.decode()


def test_ending_a_term_before_it_started_is_refused_on_the_assignment_page(client, world, seat):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("cadres:assignment-end", args=[seat.pk]), {"ended_on": "2025-06-01"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Chưa kết thúc được nhiệm kỳ" in page
    assert "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu nhiệm kỳ" in page
    assert 'value="2025-06-01"' in page
    assert "01/06/2025" not in page  # the refused date is not shown as the record's
    seat.refresh_from_db()
    assert seat.ended_on is None


def test_ending_a_term_without_a_date_asks_for_one(client, world, seat):
    client.force_login(world.users["station-bp"])

    response = client.post(reverse("cadres:assignment-end", args=[seat.pk]), {"ended_on": ""})

    assert "Trường này là bắt buộc." in response.content.decode()
    seat.refresh_from_db()
    assert seat.ended_on is None


def test_province_staff_see_each_officers_station_beside_their_name(client, world, hung):
    factories.OfficerFactory(
        full_name="Nguyễn Văn Hùng", rank="Thiếu tá", station=world.station_bp_other
    )
    client.force_login(world.users["staff-bp"])

    # The officer chooser searches; each officer it offers is named with their station.
    found = client.get(reverse("chooser", args=["cadres.officer"]), {"q": "Nguyễn Văn Hùng"})
    offered = [row["text"] for row in found.json()["results"]]

    assert "Thiếu tá Nguyễn Văn Hùng – Đồn Biên phòng Lộc Thạnh" in offered
    assert "Thiếu tá Nguyễn Văn Hùng – Đồn Biên phòng Hoa Lư" in offered
