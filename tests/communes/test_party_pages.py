"""Recording a commune's party committee, its village party cells and their yearly ratings."""

import re

import pytest
from django.urls import reverse

from communes.models import (
    PartyCell,
    PartyCellRating,
    PartyCommittee,
    PartyCommitteeRating,
    QualityRating,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee(world):
    return factories.PartyCommitteeFactory(
        commune=world.merged, name="Đảng ủy xã Lộc Tấn mới", members=15, party_members=312
    )


@pytest.fixture
def cell(world):
    village = factories.VillageFactory(name="Ấp 3", commune=world.merged)
    return factories.PartyCellFactory(
        commune=world.merged, village=village, name="Chi bộ ấp 3", party_members=24
    )


def test_the_committee_list_shows_the_users_committees_and_not_another_provinces(
    client, world, committee
):
    factories.PartyCommitteeFactory(commune=world.dan_hoa, name="Đảng ủy xã Dân Hóa")
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("communes:committee-list")).content.decode()

    assert "Đảng ủy xã Lộc Tấn mới" in page and "312" in page
    assert "Dân Hóa" not in page


def test_station_staff_record_a_committee(client, world):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("communes:committee-create"),
        {
            "commune": world.loc_thanh.pk,
            "name": "Đảng ủy xã Lộc Thạnh",
            "members": "13",
            "party_members": "1250",
        },
        follow=True,
    )

    committee = PartyCommittee.objects.get(commune=world.loc_thanh)
    assert response.redirect_chain[-1][0] == reverse(
        "communes:committee-detail", args=[committee.pk]
    )
    assert "1.250" in response.content.decode()


def test_a_negative_member_count_is_refused_keeping_the_name(client, world):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("communes:committee-create"),
        {
            "commune": world.loc_thanh.pk,
            "name": "Đảng ủy xã Lộc Thạnh",
            "members": "-1",
            "party_members": "0",
        },
    )

    page = response.content.decode()
    assert "Giá trị phải lớn hơn hoặc bằng 0." in page
    assert 'value="Đảng ủy xã Lộc Thạnh"' in page
    assert not PartyCommittee.objects.exists()


def test_a_committee_rating_is_added_from_the_committee_page(client, world, committee):
    client.force_login(world.users["station-bp"])
    detail = reverse("communes:committee-detail", args=[committee.pk])
    add_link = f"{reverse('communes:committeerating-create')}?committee={committee.pk}"
    assert add_link in client.get(detail).content.decode()

    form = client.get(add_link).content.decode()
    assert f'<option value="{committee.pk}" selected>' in form
    client.post(
        reverse("communes:committeerating-create"),
        {"committee": committee.pk, "year": "2025", "rating": "good", "notes": ""},
    )

    assert PartyCommitteeRating.objects.get(committee=committee).rating == QualityRating.GOOD
    assert "Hoàn thành tốt nhiệm vụ" in client.get(detail).content.decode()


def test_a_second_committee_rating_for_the_same_year_is_refused_in_vietnamese(
    client, world, committee
):
    PartyCommitteeRating.objects.create(committee=committee, year=2025, rating="good")
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("communes:committeerating-create"),
        {"committee": committee.pk, "year": "2025", "rating": "excellent", "notes": ""},
    )

    assert response.status_code == 200
    assert "Xếp loại Đảng ủy với thông tin Đảng ủy và Năm đã tồn tại" in response.content.decode()
    assert PartyCommitteeRating.objects.get().rating == "good"


def test_the_cell_list_shows_the_users_cells_and_not_another_provinces(client, world, cell):
    factories.PartyCellFactory(commune=world.dan_hoa, name="Chi bộ bản Ra Mai")
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("communes:cell-list")).content.decode()

    assert "Chi bộ ấp 3" in page and "Ấp 3" in page
    assert "Ra Mai" not in page


def test_the_cell_form_offers_only_villages_the_user_may_see_with_their_commune(client, world):
    factories.VillageFactory(name="Ấp 5", commune=world.merged)
    factories.VillageFactory(name="Bản Ra Mai", commune=world.dan_hoa)
    client.force_login(world.users["station-bp"])

    form = client.get(reverse("communes:cell-create")).content.decode()
    # The form names the chooser; the chooser offers the villages, each with its commune.
    chooser = re.search(r'<select name="village"[^>]*data-chooser="([^"]+)"', form).group(1)
    offered = client.get(chooser, {"q": "Ấp"}).content.decode()

    assert "Thôn Ấp 5 – Xã Lộc Tấn mới" in offered
    assert "Ra Mai" not in form and "Ra Mai" not in client.get(chooser).content.decode()


def test_station_staff_record_a_cell_in_a_village_of_its_commune(client, world):
    village = factories.VillageFactory(name="Ấp 5", commune=world.merged)
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("communes:cell-create"),
        {
            "commune": world.merged.pk,
            "village": village.pk,
            "name": "Chi bộ ấp 5",
            "party_members": "18",
        },
        follow=True,
    )

    cell = PartyCell.objects.get(name="Chi bộ ấp 5")
    assert response.redirect_chain[-1][0] == reverse("communes:cell-detail", args=[cell.pk])
    assert cell.village == village


def test_a_village_of_another_commune_is_refused(client, world):
    village = factories.VillageFactory(name="Ấp Chà Là", commune=world.loc_an)
    client.force_login(world.users["staff-bp"])

    response = client.post(
        reverse("communes:cell-create"),
        {
            "commune": world.merged.pk,
            "village": village.pk,
            "name": "Chi bộ ấp Chà Là",
            "party_members": "10",
        },
    )

    page = response.content.decode()
    assert "Thôn Ấp Chà Là không thuộc Xã Lộc Tấn mới." in page
    assert 'value="Chi bộ ấp Chà Là"' in page
    assert not PartyCell.objects.exists()


def test_a_cell_rating_is_added_from_the_cell_page(client, world, cell):
    client.force_login(world.users["station-bp"])
    detail = reverse("communes:cell-detail", args=[cell.pk])
    add_link = f"{reverse('communes:cellrating-create')}?cell={cell.pk}"
    assert add_link in client.get(detail).content.decode()

    form = client.get(add_link).content.decode()
    assert f'<option value="{cell.pk}" selected>' in form
    response = client.post(
        reverse("communes:cellrating-create"),
        {"cell": cell.pk, "year": "2025", "rating": "excellent", "notes": "Chi bộ trong sạch"},
        follow=True,
    )

    rating = PartyCellRating.objects.get(cell=cell)
    assert response.redirect_chain[-1][0] == reverse("communes:cellrating-detail", args=[rating.pk])
    page = client.get(detail).content.decode()
    assert "Hoàn thành xuất sắc nhiệm vụ" in page and "Chi bộ trong sạch" in page


def test_a_second_cell_rating_for_the_same_year_is_refused_in_vietnamese(client, world, cell):
    PartyCellRating.objects.create(cell=cell, year=2025, rating="good")
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("communes:cellrating-create"),
        {"cell": cell.pk, "year": "2025", "rating": "excellent", "notes": "Nhập trùng"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Xếp loại chi bộ với thông tin Chi bộ và Năm đã tồn tại" in page
    assert "Nhập trùng" in page
    assert PartyCellRating.objects.get().rating == "good"


def test_a_rating_year_far_in_the_future_is_refused(client, world, cell):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("communes:cellrating-create"),
        {"cell": cell.pk, "year": "2205", "rating": "good", "notes": ""},
    )

    assert "Năm phải từ 2000 đến" in response.content.decode()
    assert not PartyCellRating.objects.exists()


def test_cell_ratings_filter_by_year_and_rating(client, world, cell):
    other = factories.PartyCellFactory(commune=world.merged, name="Chi bộ ấp 7")
    PartyCellRating.objects.create(cell=cell, year=2024, rating="good", notes="Năm cũ")
    PartyCellRating.objects.create(cell=cell, year=2025, rating="excellent", notes="Năm mới")
    PartyCellRating.objects.create(cell=other, year=2025, rating="not_completed")
    client.force_login(world.users["station-bp"])
    url = reverse("communes:cellrating-list")

    by_year = client.get(url, {"year": "2024"}).content.decode()
    by_rating = client.get(url, {"rating": "not_completed"}).content.decode()

    assert "Năm cũ" in by_year and "Năm mới" not in by_year
    assert "Chi bộ ấp 7" in by_rating and "Chi bộ ấp 3" not in by_rating


def test_committee_ratings_filter_by_year(client, world, committee):
    PartyCommitteeRating.objects.create(
        committee=committee, year=2024, rating="good", notes="Năm cũ"
    )
    PartyCommitteeRating.objects.create(
        committee=committee, year=2025, rating="excellent", notes="Năm mới"
    )
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("communes:committeerating-list"), {"year": "2025"}).content.decode()

    assert "Năm mới" in page and "Năm cũ" not in page


def test_another_provinces_party_records_are_not_found(client, world, committee, cell):
    rating = PartyCellRating.objects.create(cell=cell, year=2025, rating="good")
    committee_rating = PartyCommitteeRating.objects.create(
        committee=committee, year=2025, rating="good"
    )
    client.force_login(world.users["station-qb"])

    for name, pk in [
        ("committee", committee.pk),
        ("cell", cell.pk),
        ("cellrating", rating.pk),
        ("committeerating", committee_rating.pk),
    ]:
        assert client.get(reverse(f"communes:{name}-detail", args=[pk])).status_code == 404
        assert client.get(reverse(f"communes:{name}-update", args=[pk])).status_code == 404


def test_a_commissar_reads_ratings_but_cannot_add_one(client, world, cell):
    client.force_login(world.users["commissar-bp"])

    detail = client.get(reverse("communes:cell-detail", args=[cell.pk])).content.decode()

    assert "Chi bộ ấp 3" in detail
    assert "?cell=" not in detail
    assert client.get(reverse("communes:cellrating-create")).status_code == 403
