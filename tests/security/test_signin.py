"""Sign-in: guessing is throttled, passwords are hashed with Argon2, sessions end."""

import logging
import re
import time

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from borderwork.accounts.models import Role, User
from borderwork.security import sessions
from tests import factories
from tests.test_settings import start

pytestmark = pytest.mark.django_db

LOCKED = "Đã sai quá nhiều lần"


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_ten_wrong_passwords_lock_the_username_even_with_the_right_one(client, world):
    for _ in range(9):
        assert sign_in(client, "staff-qb", "wrong-password-1").status_code == 200
    # The tenth failure is the last: it already gets the lockout page.
    assert sign_in(client, "staff-qb", "wrong-password-1").status_code == 429

    refused = sign_in(client, "staff-qb", "borderwork-demo")

    assert refused.status_code == 429
    assert LOCKED in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_follows_the_username_to_another_address(client, world):
    for _ in range(10):
        sign_in(client, "staff-qb", "wrong-password-1", address="10.0.0.1")

    assert sign_in(client, "staff-qb", "borderwork-demo", address="10.0.0.2").status_code == 429
    # Another user from another address is not affected.
    assert sign_in(client, "staff-bp", "borderwork-demo", address="10.0.0.3").status_code == 302


def test_an_address_guessing_many_usernames_is_locked(client, world):
    for n in range(10):
        sign_in(client, f"guess-{n}", "wrong-password-1", address="10.9.9.9")

    assert sign_in(client, "staff-bp", "borderwork-demo", address="10.9.9.9").status_code == 429
    assert sign_in(client, "staff-bp", "borderwork-demo", address="10.9.9.8").status_code == 302


def test_the_lock_message_is_the_same_for_a_user_who_does_not_exist(client, world):
    for _ in range(11):
        existing = sign_in(client, "staff-qb", "wrong-password-1", address="10.0.0.1")
        missing = sign_in(client, "no-such-user", "wrong-password-1", address="10.0.0.2")

    assert existing.status_code == missing.status_code == 429

    def without_token(response):
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())

    assert without_token(existing) == without_token(missing)
    assert "staff-qb" not in without_token(existing)


def test_the_lock_is_lifted_after_the_cool_off(client, world, settings):
    for _ in range(10):
        sign_in(client, "staff-qb", "wrong-password-1")
    assert sign_in(client, "staff-qb", "borderwork-demo").status_code == 429

    # Fifteen minutes and a second later the attempts no longer count.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time.replace(year=2000)
    )

    assert sign_in(client, "staff-qb", "borderwork-demo").status_code == 302


def test_the_admin_sees_the_lock_and_lifts_it(client, world):
    for _ in range(10):
        sign_in(client, "staff-qb", "wrong-password-1")
    attempt = AccessAttempt.objects.get(username="staff-qb")
    admin = factories.UserFactory(
        username="root", role=Role.ADMIN, is_staff=True, is_superuser=True
    )
    admin_client = client.__class__()
    admin_client.force_login(admin)

    listing = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert "staff-qb" in listing.content.decode()
    admin_client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )

    assert not AccessAttempt.objects.exists()
    assert sign_in(client, "staff-qb", "borderwork-demo").status_code == 302


def test_the_admin_sign_in_page_is_throttled_too(client, world):
    admin_login = reverse("admin:login")
    for _ in range(10):
        client.post(admin_login, {"username": "admin", "password": "wrong-password-1"})

    response = client.post(admin_login, {"username": "admin", "password": "borderwork-demo"})

    assert response.status_code == 429


def test_failures_and_locks_are_logged_with_the_address(client, world, caplog):
    with caplog.at_level(logging.INFO, logger="axes"):
        for _ in range(10):
            sign_in(client, "staff-qb", "wrong-password-1", address="10.7.7.7")
        sign_in(client, "staff-bp", "borderwork-demo", address="10.7.7.6")

    failures = [r.getMessage() for r in caplog.records if "failure by" in r.getMessage()]
    assert failures and all("10.7.7.7" in m for m in failures)
    assert any(
        "locking out" in r.getMessage().lower() and "10.7.7.7" in r.getMessage()
        for r in caplog.records
    )
    assert any(
        "Successful login" in r.getMessage() and "10.7.7.6" in r.getMessage()
        for r in caplog.records
    )


def test_behind_the_proxy_the_address_is_the_one_nginx_appended(client, world, settings):
    settings.BEHIND_PROXY = True
    for _ in range(10):
        client.post(
            reverse("login"),
            {"username": f"x{_}", "password": "wrong-password-1"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="1.2.3.4, 10.5.5.5",
        )

    assert AccessAttempt.objects.filter(ip_address="10.5.5.5").count() == 10
    assert not AccessAttempt.objects.filter(ip_address="127.0.0.1").exists()


def test_a_pbkdf2_hash_becomes_argon2_at_the_next_sign_in(client, world, settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    user = world.users["staff-bp"]
    user.password = make_password("borderwork-demo", hasher="pbkdf2_sha256")
    user.save()

    assert sign_in(client, "staff-bp", "borderwork-demo").status_code == 302

    user.refresh_from_db()
    assert user.password.startswith("argon2$")


def test_outside_the_tests_argon2_hashes_new_passwords():
    result = start(
        "import django; django.setup(); from django.contrib.auth.hashers import make_password; "
        "print(make_password('borderwork-demo').split('$')[0])",
        DEBUG="true",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "argon2"


def test_a_new_password_needs_twelve_characters():
    with pytest.raises(ValidationError):
        validate_password("Bi3n-gioi-2")
    validate_password("Bi3n-gioi-202")
    validate_password("borderwork-demo")


def test_an_idle_session_is_signed_out(client, world, settings):
    client.force_login(world.users["staff-bp"])
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session[sessions.SEEN] = int(time.time()) - settings.SESSION_IDLE_SECONDS - 1
    session.save()

    response = client.get(reverse("home"))

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client.get(reverse("home")).status_code == 302


def test_an_active_session_ends_after_twelve_hours(client, world, settings):
    assert settings.SESSION_COOKIE_AGE == 12 * 3600
    client.force_login(world.users["staff-bp"])
    client.get(reverse("home"))
    session = client.session
    session[sessions.STARTED] = int(time.time()) - 12 * 3600 - 1
    session[sessions.SEEN] = int(time.time())
    session.save()

    assert client.get(reverse("home")).status_code == 302


def test_a_session_in_use_goes_on(client, world):
    client.force_login(world.users["staff-bp"])
    for _ in range(3):
        assert client.get(reverse("home")).status_code == 200


def test_a_password_change_signs_the_user_out_elsewhere(client, world):
    user = world.users["staff-bp"]
    client.force_login(user)
    assert client.get(reverse("home")).status_code == 200

    user.set_password("a-new-long-password-2026")
    user.save()

    assert client.get(reverse("home")).status_code == 302


def test_the_admin_signs_a_user_out_everywhere(client, world):
    user = world.users["staff-bp"]
    laptop, phone = client, client.__class__()
    laptop.force_login(user)
    phone.force_login(user)
    other = client.__class__()
    other.force_login(world.users["staff-qb"])
    admin = factories.UserFactory(
        username="root", role=Role.ADMIN, is_staff=True, is_superuser=True
    )
    admin_client = client.__class__()
    admin_client.force_login(admin)

    admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "sign_out_everywhere", "_selected_action": [user.pk]},
    )

    assert laptop.get(reverse("home")).status_code == 302
    assert phone.get(reverse("home")).status_code == 302
    assert other.get(reverse("home")).status_code == 200
    assert User.objects.filter(pk=user.pk).exists()
