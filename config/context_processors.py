from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from lib.languages import html_lang


def site(request: HttpRequest) -> dict:
    """Values every page needs: the site's name, where Quick exit goes, the page's language and
    the other languages the switcher offers."""
    current = get_language()
    return {
        "SITE_NAME": settings.SITE_NAME,
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
        "HTML_LANG": html_lang(current),
        "OTHER_LANGUAGES": [
            {"code": code, "name": name, "lang": html_lang(code)}
            for code, name in settings.LANGUAGES
            if code != current
        ],
    }
