"""Sessions end after a spell without requests and, whatever happens, after a working day."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

STARTED = "bw_session_started"
SEEN = "bw_session_seen"
# Writing the session on every request would cost a query each; a minute of slack does not.
SEEN_RESOLUTION = 60


def start_clock(sender, request, user, **kwargs) -> None:
    """At sign-in (user_logged_in), note when: saved with the new session, at no extra cost."""
    now = int(time.time())
    request.session[STARTED] = now
    request.session[SEEN] = now


class SessionLimitMiddleware:
    """Sign out a user idle for SESSION_IDLE_SECONDS or signed in for SESSION_COOKIE_AGE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and self.expired(request):
            logout(request)
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    @staticmethod
    def expired(request: HttpRequest) -> bool:
        now = int(time.time())
        session = request.session
        started = session.setdefault(STARTED, now)
        seen = session.get(SEEN, now)
        if now - seen > settings.SESSION_IDLE_SECONDS:
            return True
        if now - started > settings.SESSION_COOKIE_AGE:
            return True
        if now - seen >= SEEN_RESOLUTION or SEEN not in session:
            session[SEEN] = now
        return False
