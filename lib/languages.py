"""The `lang` attribute of our pages and PDFs for each interface language.

Browsers choose the glyph forms of Chinese characters by it (zh-Hant-HK gets Hong Kong forms
rather than Taiwan's or Japan's), and screen readers the voice: Cantonese for zh-Hant-HK. The
page template gets it from a context processor (config.context_processors.site); a document
rendered without a request, such as the summary PDF, asks here.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language

HTML_LANG = {"zh-hant": "zh-Hant-HK"}


def html_lang(language: str | None = None) -> str:
    """The `lang` attribute for `language`, by default the active one."""
    language = language or get_language() or settings.LANGUAGE_CODE
    return HTML_LANG.get(language, language)
