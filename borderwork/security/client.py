"""The address a request came from, as the sign-in throttle and its log see it."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind the proxy the address it appended to X-Forwarded-For."""
    if settings.BEHIND_PROXY:
        # nginx's $proxy_add_x_forwarded_for appends the peer it saw: the last entry is the
        # one it vouches for; anything before it came from the client and may be forged.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "")
