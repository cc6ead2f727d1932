"""Enrolling and verifying the second factor."""

from __future__ import annotations

import re
from base64 import b32encode

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import match_token

from borderwork.security import second_factor


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Mã xác thực"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


def enrol(request: HttpRequest) -> HttpResponse:
    """Scan the QR code into an authenticator app, type its code; get recovery codes once."""
    device = second_factor.pending_totp(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].replace(" ", "")):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            codes = second_factor.issue_recovery_codes(request.user)
            return render(
                request,
                "registration/second_factor_codes.html",
                {"codes": codes, "next": second_factor.safe_next(request)},
            )
        form.add_error("token", _("Mã không đúng hoặc đã hết hạn; hãy nhập mã đang hiện."))
    context = {
        "form": form,
        "qr": second_factor.qr_data_uri(device.config_url),
        # For typing into an app that cannot scan: the key in groups of four.
        "secret": " ".join(re.findall(".{1,4}", b32encode(device.bin_key).decode())),
        "next": second_factor.safe_next(request),
    }
    return render(request, "registration/second_factor_enrol.html", context)


def verify(request: HttpRequest) -> HttpResponse:
    """The code from the authenticator app, or one of the recovery codes."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            if device.__class__.__name__ == "StaticDevice":
                messages.warning(request, _("Đã dùng một mã dự phòng; mỗi mã chỉ dùng một lần."))
            return redirect(second_factor.safe_next(request))
        form.add_error("token", _("Mã không đúng hoặc đã hết hạn; hãy nhập mã đang hiện."))
    context = {"form": form, "next": second_factor.safe_next(request)}
    return render(request, "registration/second_factor_verify.html", context)
