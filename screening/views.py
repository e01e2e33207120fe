from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def screening_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")
