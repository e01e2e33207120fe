from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    """Values every page needs: the site's name and where Quick exit goes."""
    return {"SITE_NAME": settings.SITE_NAME, "QUICK_EXIT_URL": settings.QUICK_EXIT_URL}
