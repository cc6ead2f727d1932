"""Signing in and the home page that lists the communes a user may see."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_is_sent_to_the_sign_in_page(client):
    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_sign_in_page_is_in_vietnamese(client):
    response = client.get(reverse("login"))

    assert "Đăng nhập" in response.content.decode()
    assert 'lang="vi"' in response.content.decode()


def test_a_user_signs_in_with_the_password_and_lands_on_the_home_page(client, world):
    response = client.post(
        reverse("login"), {"username": "station-bp", "password": "borderwork-demo"}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Lộc Tấn mới" in response.content.decode()


def test_station_staff_see_their_communes_and_where_the_merged_ones_went(client, world):
    client.force_login(world.users["station-bp"])

    page = client.get(reverse("home")).content.decode()

    assert "Lộc Thạnh" in page and "Lộc Tấn mới" in page
    assert "sáp nhập vào Xã Lộc Tấn mới" in page
    assert "30/06/2025" in page
    assert "Dân Hóa" not in page and "Lộc An" not in page


def test_the_page_names_the_user_and_their_unit(client, world):
    client.force_login(world.users["station-qb"])

    page = client.get(reverse("home")).content.decode()

    assert "Đồn Biên phòng Cha Lo" in page
    assert "Cán bộ nhập liệu đồn Biên phòng" in page
    assert "Dân Hóa" in page and "Lộc" not in page


def test_the_language_switch_turns_the_page_into_english(client, world):
    client.force_login(world.users["national"])

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("home")).content.decode()

    assert 'lang="en"' in page


def test_each_commune_links_to_its_record_and_names_todays_province(client, world):
    client.force_login(world.users["national"])

    page = client.get(reverse("home")).content.decode()

    detail = reverse("communes:commune-detail", args=[world.dan_hoa.pk])
    assert f'href="{detail}"' in page
    # Quảng Bình merged into Quảng Trị: its province then, with today's beside it.
    assert "Quảng Bình (nay thuộc Quảng Trị)" in page
    # A commune that ended before the merger too: one way of naming a province everywhere.
    row = page[page.index("Lộc Thạnh") :].split("</tr>")[0]
    assert "Bình Phước (nay thuộc Đồng Nai)" in row and "trước đây" not in row


def test_the_home_page_costs_the_same_queries_for_ten_times_the_communes(
    client, world, django_assert_max_num_queries
):
    from tests import factories

    client.force_login(world.users["national"])
    for number in range(50):
        factories.CommuneFactory(name=f"Xã thêm {number}", province=world.qb)

    with django_assert_max_num_queries(10):
        page = client.get(reverse("home")).content.decode()

    assert "Xã thêm 49" in page


def test_a_user_who_sees_many_communes_gets_them_by_province_not_one_by_one(
    client, world, monkeypatch, django_assert_max_num_queries
):
    from borderwork.hub import views

    monkeypatch.setattr(views, "HOME_LISTS_UP_TO", 1)
    client.force_login(world.users["national"])

    with django_assert_max_num_queries(10):
        page = client.get(reverse("home")).content.decode()

    assert 'data-testid="home-provinces"' in page
    detail = reverse("communes:commune-detail", args=[world.dan_hoa.pk])
    assert f'href="{detail}"' not in page
    assert f"{reverse('communes:commune-list')}?province={world.qb.pk}" in page
    assert 'name="q"' in page
