"""Response headers that protect the people behind the data."""

from __future__ import annotations

from django.utils.cache import add_never_cache_headers

# Pages under these paths show or collect screening data or credentials: no browser or proxy
# may keep a copy, whatever the status code (a 403 or 404 page included).
PRIVATE_PREFIXES = ("/screenings/", "/accounts/", "/admin/")


class PrivatePagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(PRIVATE_PREFIXES):
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, " + response["Cache-Control"]
        return response
