"""Finding a commune, as it was and as it is today, in the read-only commune list."""

import pytest
from django.urls import NoReverseMatch, reverse

from communes.models import Directive
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_list_shows_the_stations_communes_with_their_merger_and_not_another_province(
    client, world
):
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("communes:commune-list")).content.decode()

    assert "Lộc Thạnh" in page and "Lộc Tấn mới" in page
    assert "30/06/2025" in page  # the day Lộc Thạnh ended
    assert "Xã Lộc Tấn mới" in page  # the commune it merged into
    assert "Dân Hóa" not in page


def test_current_only_hides_communes_that_merged_away(client, world):
    client.force_login(world.users["staff-dn"])

    page = client.get(reverse("communes:commune-list"), {"current": "on"}).content.decode()

    assert "Lộc Tấn mới" in page and "Lộc An" in page
    assert "Lộc Thạnh" not in page


def test_the_list_filters_by_province_district_border_and_name(client, world):
    district = factories.DistrictFactory(name="Lộc Ninh", province=world.bp)
    world.loc_thanh.district = district
    world.loc_thanh.save()
    world.loc_an.is_border = False
    world.loc_an.save()
    client.force_login(world.users["staff-dn"])
    url = reverse("communes:commune-list")

    by_province = client.get(url, {"province": world.dn.pk}).content.decode()
    by_district = client.get(url, {"district": district.pk}).content.decode()
    inland = client.get(url, {"is_border": "false"}).content.decode()
    by_name = client.get(url, {"q": "thạnh"}).content.decode()

    assert "Lộc Tấn mới" in by_province and "Lộc An" not in by_province
    assert "Lộc Thạnh" in by_district and "Lộc Tấn<" not in by_district
    assert "Lộc An" in inland and "Lộc Thạnh" not in inland
    assert "Lộc Thạnh" in by_name and "Lộc An" not in by_name


def test_the_province_filter_offers_only_the_users_provinces(client, world):
    client.force_login(world.users["staff-dn"])

    page = client.get(reverse("communes:commune-list")).content.decode()

    assert "Bình Phước" in page and "Quảng Bình" not in page


def test_communes_are_read_only_for_staff(client, world):
    client.force_login(world.users["staff-bp"])

    page = client.get(reverse("communes:commune-list")).content.decode()

    assert "Thêm mới" not in page
    with pytest.raises(NoReverseMatch):
        reverse("communes:commune-create")


def test_another_provinces_commune_is_not_found(client, world):
    client.force_login(world.users["station-qb"])

    assert (
        client.get(reverse("communes:commune-detail", args=[world.loc_thanh.pk])).status_code == 404
    )
    page = client.get(reverse("communes:commune-detail", args=[world.dan_hoa.pk])).content.decode()
    assert "Dân Hóa" in page


def test_directives_are_a_reference_list_everyone_reads_but_nobody_adds_to_here(client, world):
    directive = factories.DirectiveFactory()
    client.force_login(world.users["station-qb"])

    listing = client.get(reverse("communes:directive-list")).content.decode()
    detail = client.get(reverse("communes:directive-detail", args=[directive.pk])).content.decode()

    assert "1540-QĐ/TU" in listing and "Thêm mới" not in listing
    assert "sinh hoạt chi bộ thôn" in detail
    assert Directive.objects.count() == 1
