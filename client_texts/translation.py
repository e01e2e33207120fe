"""Which client_texts field has a column per interface language (django-modeltranslation).

A sector question set's name is read by the caseworker at hand-over, in English or Chinese; the
texts for the person have their own eight languages (`ClientText`) and are not here.
"""

from __future__ import annotations

from modeltranslation.translator import TranslationOptions, register

from client_texts.models import SectorQuestionSet


@register(SectorQuestionSet)
class SectorQuestionSetText(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)
