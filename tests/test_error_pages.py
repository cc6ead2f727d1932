"""What a person sees when a page is missing or a view fails: our page, in their language."""

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@override_settings(ROOT_URLCONF="tests.error_urls", DEBUG=False)
def test_a_failing_view_shows_the_error_page_in_vietnamese_with_a_way_home(client, world):
    client.force_login(world.users["station-bp"])
    client.raise_request_exception = False

    response = client.get("/hong/")

    page = response.content.decode()
    assert response.status_code == 500
    assert 'data-testid="server-error"' in page
    assert "Có lỗi xảy ra, hệ thống chưa xử lý được yêu cầu" in page
    assert 'href="/"' in page
    assert "RuntimeError" not in page and "a bug in a view" not in page


@override_settings(ROOT_URLCONF="tests.error_urls", DEBUG=False)
def test_the_error_page_follows_the_chosen_language(client, world):
    client.force_login(world.users["station-bp"])
    client.raise_request_exception = False
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    page = client.get("/hong/").content.decode()

    assert 'lang="en"' in page
    assert "Something went wrong" in page


def test_a_missing_record_shows_the_not_found_page_with_a_way_home(client, world):
    client.force_login(world.users["station-bp"])

    response = client.get(reverse("communes:commune-detail", args=[999_999]))

    page = response.content.decode()
    assert response.status_code == 404
    assert 'data-testid="not-found"' in page
    assert f'href="{reverse("home")}"' in page
