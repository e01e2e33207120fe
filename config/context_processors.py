from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    """Values every page needs: where Quick exit goes."""
    return {"QUICK_EXIT_URL": settings.QUICK_EXIT_URL}
