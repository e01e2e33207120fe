from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from lib.languages import html_lang


def site(request: HttpRequest) -> dict:
    """Values every page needs: the site's name, where Quick exit goes and the page's language
    (the language switcher is `accounts`' `{% language_switcher %}`)."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
        "HTML_LANG": html_lang(get_language()),
    }
