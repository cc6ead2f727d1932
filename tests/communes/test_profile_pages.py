"""Entering a commune's yearly profile: population, ethnic minorities, poverty, schooling."""

from decimal import Decimal

import pytest
from django.urls import reverse

from communes.models import CommuneProfile
from tests import factories

pytestmark = pytest.mark.django_db


def profile_data(world, **changes) -> dict:
    data = {
        "commune": world.merged.pk,
        "year": "2025",
        "population": "22204",
        "households": "5155",
        "ethnic_minority_people": "9870",
        "ethnic_minority_households": "2140",
        "ethnic_groups_count": "18",
        "poor_household_rate": "12,5",
        "near_poor_household_rate": "8.25",
        "literacy_rate": "",
        "school_enrolment_rate": "",
        "notes": "",
    }
    return {**data, **changes}


def test_the_list_shows_profiles_of_the_users_communes_and_not_another_provinces(client, world):
    factories.ProfileFactory(commune=world.merged, year=2025, population=22204)
    factories.ProfileFactory(commune=world.dan_hoa, year=2025, population=3131)
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("communes:profile-list")).content.decode()

    assert "Lộc Tấn mới" in page and "22.204" in page
    assert "Dân Hóa" not in page and "3.131" not in page


def test_the_list_filters_by_year_and_commune(client, world):
    factories.ProfileFactory(commune=world.merged, year=2025, population=22204)
    factories.ProfileFactory(commune=world.merged, year=2026, population=23001)
    factories.ProfileFactory(commune=world.loc_an, year=2025, population=4400)
    client.force_login(world.users["staff-dn"])
    url = reverse("communes:profile-list")

    by_year = client.get(url, {"year": "2026"}).content.decode()
    by_commune = client.get(url, {"commune": world.loc_an.pk}).content.decode()

    assert "23.001" in by_year and "22.204" not in by_year and "4.400" not in by_year
    assert "4.400" in by_commune and "22.204" not in by_commune


def test_station_staff_enter_a_profile_with_rates_written_the_vietnamese_way(client, world):
    xtieng = factories.EthnicGroupFactory(name="Xtiêng")
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("communes:profile-create"),
        {**profile_data(world), "ethnic_groups": [xtieng.pk]},
        follow=True,
    )

    profile = CommuneProfile.objects.get(commune=world.merged, year=2025)
    assert response.redirect_chain[-1][0] == reverse("communes:profile-detail", args=[profile.pk])
    assert profile.poor_household_rate == Decimal("12.5")
    assert profile.near_poor_household_rate == Decimal("8.25")
    assert list(profile.ethnic_groups.all()) == [xtieng]
    page = response.content.decode()
    assert "22.204" in page and "12,5" in page and "Xtiêng" in page


def test_a_rate_above_100_percent_is_refused_in_vietnamese_keeping_what_was_typed(client, world):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("communes:profile-create"),
        profile_data(world, poor_household_rate="120", notes="Số liệu của UBND xã"),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Tỷ lệ phải từ 0 đến 100%." in page
    assert "Số liệu của UBND xã" in page and 'value="22204"' in page
    assert not CommuneProfile.objects.exists()


def test_a_negative_population_is_refused(client, world):
    client.force_login(world.users["station-bp"])

    response = client.post(reverse("communes:profile-create"), profile_data(world, population="-5"))

    assert "Giá trị phải lớn hơn hoặc bằng 0." in response.content.decode()
    assert not CommuneProfile.objects.exists()


def test_a_profile_for_a_year_after_the_commune_merged_away_names_its_successor(client, world):
    client.force_login(world.users["station-bp"])

    response = client.post(
        reverse("communes:profile-create"),
        profile_data(world, commune=world.loc_thanh.pk, year="2026"),
    )

    assert "sáp nhập vào Xã Lộc Tấn mới" in response.content.decode()
    assert not CommuneProfile.objects.exists()


def test_the_year_the_commune_merged_still_takes_its_profile(client, world):
    client.force_login(world.users["station-bp"])

    client.post(
        reverse("communes:profile-create"),
        profile_data(world, commune=world.loc_thanh.pk, year="2025"),
    )

    assert CommuneProfile.objects.filter(commune=world.loc_thanh, year=2025).exists()


def test_a_second_profile_for_the_same_commune_and_year_is_refused_in_vietnamese(client, world):
    factories.ProfileFactory(commune=world.merged, year=2025)
    client.force_login(world.users["station-bp"])

    response = client.post(reverse("communes:profile-create"), profile_data(world))

    assert response.status_code == 200
    assert "đã tồn tại" in response.content.decode()
    assert CommuneProfile.objects.count() == 1


def test_another_provinces_profile_is_not_found(client, world):
    profile = factories.ProfileFactory(commune=world.merged, year=2025)
    client.force_login(world.users["station-qb"])

    assert client.get(reverse("communes:profile-detail", args=[profile.pk])).status_code == 404
    assert client.get(reverse("communes:profile-update", args=[profile.pk])).status_code == 404


def test_a_profile_is_started_from_the_commune_with_the_commune_chosen(client, world):
    client.force_login(world.users["station-bp"])

    form = client.get(
        f"{reverse('communes:profile-create')}?commune={world.merged.pk}"
    ).content.decode()

    assert f'<option value="{world.merged.pk}" selected>' in form
    assert "Dân Hóa" not in form
