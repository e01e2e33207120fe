"""`{% question_sheet_languages as languages %}`: the languages of the question sheets, for the
signs page's links (the reference app itself knows nothing of the texts for the person)."""

from __future__ import annotations

from django import template

from client_texts.models import CONTENT_LANGUAGES, ContentLanguage

register = template.Library()


@register.simple_tag
def question_sheet_languages() -> list[ContentLanguage]:
    return list(CONTENT_LANGUAGES.values())
