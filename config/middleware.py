"""Response headers that protect the people behind the data."""

from __future__ import annotations

import time
from urllib.parse import quote

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

# Pages under these paths show or collect screening data or credentials: no browser or proxy
# may keep a copy, whatever the status code (a 403 or 404 page included).
PRIVATE_PREFIXES = ("/screenings/", "/accounts/", "/admin/")


class PrivatePagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(PRIVATE_PREFIXES):
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, " + response["Cache-Control"]
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class SupervisorTwoFactorMiddleware:
    """Supervisors (and staff, for the admin) go on only after a second factor this session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.REQUIRE_SUPERVISOR_2FA
            and request.path_info.startswith(("/screenings/", "/admin/"))
            and user.is_authenticated
            and (user.has_perm("screening.view_all_screenings") or user.is_staff)
            and not user.is_verified()
        ):
            return redirect(f"{reverse('two_factor')}?next={quote(request.path_info)}")
        return self.get_response(request)


class SessionIdleClockMiddleware:
    """Renew a signed-in session's idle clock, at most once every SESSION_REFRESH_SECONDS.

    A session ends SESSION_COOKIE_AGE after it was last saved. Saving it on every request
    (SESSION_SAVE_EVERY_REQUEST) would keep that exact, but costs a database write on every page
    and every answer saved; renewing it once a minute makes the idle limit 29 to 30 minutes
    instead of 30 for a fraction of the writes. Goes after SessionMiddleware, so the session it
    marks as changed is saved on the way out.
    """

    KEY = "_idle_clock"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = request.session
        # A signed-in session only: never start one for an anonymous visitor.
        if session.session_key and not session.modified and request.user.is_authenticated:
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[self.KEY] = now
        return response
