"""Recording support given to a household and, later, its follow-up, in the browser's forms."""

import datetime

import pytest
from django.urls import reverse

from programmes.models import SupportFollowUp, SupportRecord
from tests import factories
from tests.programmes.test_support_scans import support_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def cow(world):
    return factories.SupportRecordFactory(
        commune=world.merged, station=world.station_bp, recipient_name="Hộ bà Thị Lan"
    )


def test_the_list_shows_records_of_the_users_station_with_their_value(client, world, cow):
    factories.SupportRecordFactory(
        commune=world.dan_hoa, station=world.station_qb, recipient_name="Hộ ông Hồ Văn Bảy"
    )
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("programmes:support-list")).content.decode()

    assert "Hộ bà Thị Lan" in page
    assert "18.000.000 đ" in page
    assert "01/09/2025" in page
    assert "Hồ Văn Bảy" not in page


def test_station_staff_record_support_and_see_it_in_the_list(client, world):
    programme = factories.ProgrammeFactory()
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("programmes:support-create"),
        support_data(world, programme=programme.pk),
        follow=True,
    )

    record = SupportRecord.objects.get(recipient_name="Hộ ông Điểu Lâm")
    assert response.redirect_chain[-1][0] == reverse("programmes:support-detail", args=[record.pk])
    page = response.content.decode()
    assert "17.500.000 đ" in page and "15/10/2025" in page
    assert "station-bp" in page  # the history names who recorded it


def test_a_record_dated_after_the_merger_must_name_the_new_commune(client, world):
    programme = factories.ProgrammeFactory()
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("programmes:support-create"),
        {
            "programme": programme.pk,
            "given_on": "2025-10-15",
            "station": world.station_bp.pk,
            "commune": world.loc_thanh.pk,
            "recipient_kind": "household",
            "recipient_name": "Hộ ông A",
            "poverty_status": "poor",
            "quantity": "1",
            "value_vnd": "1000",
        },
    )

    assert response.status_code == 200
    assert "sáp nhập vào Xã Lộc Tấn mới" in response.content.decode()
    assert 'value="Hộ ông A"' in response.content.decode()
    assert not SupportRecord.objects.exists()


def test_a_tampered_post_naming_another_provinces_commune_is_refused(client, world):
    programme = factories.ProgrammeFactory()
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("programmes:support-create"),
        {
            "programme": programme.pk,
            "given_on": "2025-10-15",
            "station": world.station_qb.pk,
            "commune": world.dan_hoa.pk,
            "recipient_kind": "household",
            "recipient_name": "Hộ ông B",
            "poverty_status": "poor",
            "quantity": "1",
            "value_vnd": "1000",
        },
    )

    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not SupportRecord.objects.exists()


def test_a_follow_up_is_recorded_from_the_support_page(client, world, cow):
    client.force_login(world.users["station-bp"])
    detail = client.get(reverse("programmes:support-detail", args=[cow.pk])).content.decode()
    add_link = f"{reverse('programmes:followup-create')}?record={cow.pk}"
    assert add_link in detail

    form = client.get(add_link).content.decode()
    assert f'<option value="{cow.pk}" selected>' in form
    client.post(
        reverse("programmes:followup-create"),
        {"record": cow.pk, "checked_on": "2026-03-01", "status": "passed_on", "note": "Bò đã đẻ"},
    )

    follow_up = SupportFollowUp.objects.get(record=cow)
    assert follow_up.checked_on == datetime.date(2026, 3, 1)
    assert (
        "Bò đã đẻ"
        in client.get(reverse("programmes:support-detail", args=[cow.pk])).content.decode()
    )


def test_another_provinces_record_is_not_found(client, world, cow):
    client.force_login(world.users["station-qb"])

    assert client.get(reverse("programmes:support-detail", args=[cow.pk])).status_code == 404
    assert client.get(reverse("programmes:support-update", args=[cow.pk])).status_code == 404


def test_a_commissar_reads_but_cannot_change(client, world, cow):
    client.force_login(world.users["commissar-bp"])

    assert client.get(reverse("programmes:support-detail", args=[cow.pk])).status_code == 200
    assert client.get(reverse("programmes:support-update", args=[cow.pk])).status_code == 403
    assert client.get(reverse("programmes:support-create")).status_code == 403


def test_editing_keeps_the_change_in_history(client, world, cow):
    client.force_login(world.users["station-bp"])
    url = reverse("programmes:support-update", args=[cow.pk])
    data = {
        "programme": cow.programme_id,
        "given_on": "2025-09-01",
        "station": world.station_bp.pk,
        "commune": world.merged.pk,
        "recipient_kind": "household",
        "recipient_name": "Hộ bà Thị Lan",
        "poverty_status": "poor",
        "quantity": "2",
        "value_vnd": "36000000",
    }

    client.post(url, data)
    page = client.get(reverse("programmes:support-detail", args=[cow.pk])).content.decode()

    assert "18.000.000 đ" in page and "36.000.000 đ" in page  # old → new in the history
