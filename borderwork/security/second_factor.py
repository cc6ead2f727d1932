"""A second factor (TOTP from an authenticator app, or a recovery code) for the roles that
approve and administer: django-otp's devices, enrolled with a QR code drawn here."""

from __future__ import annotations

import base64
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from borderwork.accounts.models import Role

RECOVERY_CODES = 10
# Pages a signed-in user reaches before the second factor: enrolment, verification, signing out.
OPEN_URL_NAMES = ("second-factor-enrol", "second-factor-verify", "logout", "set_language")


ENROLLED = "bw_second_factor_enrolled"


def required_by_role(user) -> bool:
    """Commissars and administrators must use one when OTP_REQUIRED (DEBUG off)."""
    return settings.OTP_REQUIRED and (
        user.role in (Role.COMMISSAR, Role.ADMIN) or user.is_superuser
    )


def required_for(user, session=None) -> bool:
    """By role, or because the user enrolled of their own accord (noted at sign-in)."""
    if not user.is_authenticated:
        return False
    if required_by_role(user):
        return True
    if session is not None:
        return bool(session.get(ENROLLED))
    return user_has_device(user)


def note_enrolment(sender, request, user, **kwargs) -> None:
    """At sign-in (user_logged_in): whether a second factor is due, so that no request after
    it needs a query to know."""
    request.session[ENROLLED] = user_has_device(user)


def qr_data_uri(text: str) -> str:
    """The QR code of `text` as an SVG data URI (drawn here: nothing loads from outside)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()


def pending_totp(user) -> TOTPDevice:
    """The user's unconfirmed authenticator, made on first call, the same on reload."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def issue_recovery_codes(user) -> list[str]:
    """Fresh single-use recovery codes; any earlier ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name="recovery")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def safe_next(request: HttpRequest) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


class SecondFactorMiddleware:
    """Send a signed-in user who needs a second factor to verify it (or enrol) first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not user.is_verified() and required_for(user, request.session):
            try:
                url_name = resolve(request.path_info).url_name
            except Resolver404:
                url_name = None
            if url_name not in OPEN_URL_NAMES:
                name = "second-factor-verify" if user_has_device(user) else "second-factor-enrol"
                query = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
                return redirect(f"{reverse(name)}?{query}")
        return self.get_response(request)
