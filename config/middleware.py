"""Response headers that protect the people behind the data."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

# Views of these apps show or collect screening data or credentials: no browser or proxy may keep
# a copy of anything they answer, whatever the status code (a 403 or 404 page included). Decided
# by the app a view belongs to (its URL app namespace), not by its path, so a page that moves or
# a new view in one of these apps is private without anyone remembering to say so.
PRIVATE_APPS = frozenset({"screening", "accounts", "admin"})


def is_private(request: HttpRequest) -> bool:
    match = request.resolver_match  # None when no view was found (a 404 from the URLconf)
    return match is not None and not PRIVATE_APPS.isdisjoint(match.app_names)


class ProtectiveHeadersMiddleware:
    """Cache-Control: no-store on private pages; a Permissions-Policy on every page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_private(request):
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, " + response["Cache-Control"]
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
