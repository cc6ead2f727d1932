"""A commissar or administrator needs a second factor whenever DEBUG is off."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from borderwork.security.second_factor import issue_recovery_codes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_throttle(settings):
    """django-otp refuses a second try within a second of a wrong code; tests try at once."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def sign_in_with_password(username: str) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": "borderwork-demo"})
    assert response.status_code == 302
    return client


def code_of(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):0{device.digits}d}"


def test_a_commissar_with_debug_off_is_sent_to_enrol_before_any_page(world, settings):
    assert settings.DEBUG is False and settings.OTP_REQUIRED is True
    client = sign_in_with_password("commissar-bp")

    for url in (reverse("home"), reverse("indicators:home"), reverse("reports:list"), "/admin/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("second-factor-enrol")), url


def test_a_commissar_enrols_with_the_qr_code_and_gets_recovery_codes(world):
    client = sign_in_with_password("commissar-bp")
    page = client.get(reverse("second-factor-enrol"), {"next": reverse("reports:list")})
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()
    device = TOTPDevice.objects.get(user=world.users["commissar-bp"], confirmed=False)

    wrong = client.post(reverse("second-factor-enrol"), {"token": "000000"})
    assert wrong.status_code == 200 and client.get(reverse("home")).status_code != 200

    done = client.post(
        reverse("second-factor-enrol"), {"token": code_of(device), "next": reverse("reports:list")}
    )

    codes = re.findall(r"<li>(\w+)</li>", done.content.decode())
    assert len(codes) == 10
    assert StaticToken.objects.filter(device__user=world.users["commissar-bp"]).count() == 10
    assert client.get(reverse("home")).status_code == 200


def test_an_enrolled_commissar_verifies_at_each_sign_in_and_a_recovery_code_works_once(world):
    user = world.users["commissar-bp"]
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    codes = issue_recovery_codes(user)
    client = sign_in_with_password("commissar-bp")
    response = client.get(reverse("home"))
    assert response["Location"].startswith(reverse("second-factor-verify"))

    assert client.post(reverse("second-factor-verify"), {"token": "123456"}).status_code == 200
    assert client.get(reverse("home")).status_code == 302
    assert (
        client.post(reverse("second-factor-verify"), {"token": code_of(device)}).status_code == 302
    )
    assert client.get(reverse("home")).status_code == 200

    other = sign_in_with_password("commissar-bp")
    assert other.post(reverse("second-factor-verify"), {"token": codes[0]}).status_code == 302
    assert other.get(reverse("home")).status_code == 200
    again = sign_in_with_password("commissar-bp")
    assert again.post(reverse("second-factor-verify"), {"token": codes[0]}).status_code == 200


def test_an_administrator_needs_it_too_and_station_staff_do_not(world):
    assert sign_in_with_password("admin").get(reverse("home")).status_code == 302
    assert sign_in_with_password("station-bp").get(reverse("home")).status_code == 200


def test_with_debug_on_the_demo_commissar_signs_in_with_the_password_alone(world, settings):
    settings.OTP_REQUIRED = False  # what DEBUG=true (make run) sets

    assert sign_in_with_password("commissar-bp").get(reverse("home")).status_code == 200


def test_outside_the_tests_debug_decides_whether_it_is_required():
    from tests.test_settings import start

    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.OTP_REQUIRED)"
    )
    assert start(code, DEBUG="true").stdout.strip() == "False"
    assert start(code, SECRET_KEY="x" * 60).stdout.strip() == "True"


def test_the_next_address_must_be_ours(world):
    user = world.users["commissar-bp"]
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = sign_in_with_password("commissar-bp")

    response = client.post(
        reverse("second-factor-verify"),
        {"token": code_of(device), "next": "https://evil.example/"},
    )

    assert response["Location"] == reverse("landing")
