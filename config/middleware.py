"""Response headers that protect the people behind the data."""

from __future__ import annotations

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
