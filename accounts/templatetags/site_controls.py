"""`{% language_switcher %}`: each other interface language as a button named in that language."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.translation import get_language

from lib.languages import html_lang

register = template.Library()


@register.inclusion_tag("partials/language_switcher.html", takes_context=True)
def language_switcher(context) -> dict:
    current = get_language()
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "languages": [
            (code, name, html_lang(code)) for code, name in settings.LANGUAGES if code != current
        ],
    }
