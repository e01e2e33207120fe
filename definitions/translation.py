"""Which reference text has a column per language (django-modeltranslation).

Every text a reader sees: `title` gets `title_en` and `title_zh_hant`, and reading `title` gives
the active language's text, or the English where there is none. English is required; the
Chinese is the team's draft until a native speaker has reviewed it (docs/translation.md).

An indicator's `keywords` stay one column: they are never shown, only searched, and the search
reads them whatever the reader's language, so everyday words in any language go there together.
"""

from __future__ import annotations

from modeltranslation.translator import TranslationOptions, register

from definitions.models import (
    Definition,
    ForcedLabourIndicator,
    Indicator,
    IndicatorGroup,
    Note,
    PalermoElement,
)


class ReferenceText(TranslationOptions):
    required_languages = ("en",)


@register(Definition)
class DefinitionText(ReferenceText):
    fields = ("title", "verbatim", "citation", "explanation")


@register(PalermoElement)
class PalermoElementText(ReferenceText):
    fields = ("name", "summary")


@register(ForcedLabourIndicator)
class ForcedLabourIndicatorText(ReferenceText):
    fields = ("name", "summary")


@register(IndicatorGroup)
class IndicatorGroupText(ReferenceText):
    fields = ("title", "introduction")


@register(Indicator)
class IndicatorText(ReferenceText):
    fields = ("wording", "explanation", "questions")


@register(Note)
class NoteText(ReferenceText):
    fields = ("title", "body")
