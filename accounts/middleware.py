"""Sign-in state on every request: the supervisors' second factor and the session's idle clock."""

from __future__ import annotations

import time
from functools import partial
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from accounts import second_factor, sessions

# Views of these apps show every caseworker's screenings or run the site. Decided by the app a
# view belongs to, not by its path, so mounting an app somewhere else keeps the check. Never
# "accounts": the second factor is given there.
SECOND_FACTOR_APPS = frozenset({"screening", "admin"})


class SupervisorTwoFactorMiddleware:
    """Supervisors (and staff, for the admin) go on only after a second factor this session;
    so does anyone who enrolled one (`second_factor.ENROLLED`, noted at sign-in)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        user = request.user
        if (
            settings.REQUIRE_SUPERVISOR_2FA
            and not SECOND_FACTOR_APPS.isdisjoint(request.resolver_match.app_names)
            and user.is_authenticated
            and (
                user.has_perm("screening.view_all_screenings")
                or user.is_staff
                or request.session.get(second_factor.ENROLLED)
            )
            and not user.is_verified()
        ):
            two_factor = reverse("accounts:two_factor")
            return HttpResponseRedirect(f"{two_factor}?next={quote(request.path_info)}")
        return None


class SessionIdleClockMiddleware:
    """End a signed-in session at its absolute end; renew its idle clock until then.

    Absolute end: a request made SESSION_ABSOLUTE_HOURS or more after signing in
    (accounts.sessions) is signed out before the view runs, so the view sees an anonymous
    visitor, as after an expired session.

    Idle clock: a session ends SESSION_COOKIE_AGE after it was last saved. Saving it on every
    request (SESSION_SAVE_EVERY_REQUEST) would keep that exact, but costs a database write on
    every page and every answer saved; renewing it once a minute makes the idle limit 29 to 30
    minutes instead of 30 for a fraction of the writes. Whenever the session is saved, its expiry
    is the idle age or the time left to the absolute end, whichever is shorter, so no renewal
    pushes it past that end. Goes after SessionMiddleware, so the session it marks as changed is
    saved on the way out.
    """

    KEY = "_idle_clock"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # For the page's "Stay signed in" notice (base.html); called only if a page asks.
        request.session_seconds_left = partial(self.seconds_left, request)
        session = request.session
        # A signed-in session only: never start one for an anonymous visitor.
        if session.session_key and request.user.is_authenticated:
            now = int(time.time())
            if sessions.SIGNED_IN_AT not in session:
                session[sessions.SIGNED_IN_AT] = now  # signed in before the absolute limit
            elif sessions.seconds_left(session, now) <= 0:
                logout(request)
        response = self.get_response(request)
        if session.session_key and request.user.is_authenticated:
            now = int(time.time())
            # Not on a 503: the database is busy or away, and the renewal would be one more
            # write to fail, turning a page that keeps what was typed into an error.
            due = now - session.get(self.KEY, 0) >= settings.SESSION_REFRESH_SECONDS
            if due and response.status_code != 503:
                session[self.KEY] = now
            if session.modified:
                left = sessions.seconds_left(session, now)
                session.set_expiry(max(1, min(settings.SESSION_COOKIE_AGE, left)))
        return response

    @classmethod
    def seconds_left(cls, request: HttpRequest) -> int:
        """Seconds until the session ends if nothing else is asked of the server, at least.

        The session ends SESSION_COOKIE_AGE after it was last saved, which is no earlier than
        the clock's last renewal; this request renews the clock if that was a while ago.
        """
        renewed = request.session.get(cls.KEY, 0)
        now = int(time.time())
        if request.session.modified or now - renewed >= settings.SESSION_REFRESH_SECONDS:
            idle_left = settings.SESSION_COOKIE_AGE
        else:
            idle_left = max(0, renewed + settings.SESSION_COOKIE_AGE - now)
        # Never past the session's absolute end, which "Stay signed in" cannot move either.
        return max(0, min(idle_left, sessions.seconds_left(request.session, now)))

    @classmethod
    def renew(cls, request: HttpRequest) -> None:
        """Start the idle clock again now ("Stay signed in")."""
        request.session[cls.KEY] = int(time.time())
        request.session.modified = True
