from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

# The `lang` attribute for each interface language. Browsers choose the glyph forms of Chinese
# characters by it: zh-Hant-HK gets Hong Kong forms rather than Taiwan's or Japan's.
HTML_LANG = {"zh-hant": "zh-Hant-HK"}


def html_lang(language: str | None = None) -> str:
    language = language or get_language() or settings.LANGUAGE_CODE
    return HTML_LANG.get(language, language)


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
