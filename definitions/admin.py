"""The reference content in the admin, each text in English and Chinese side by side.

modeltranslation's TranslationAdmin puts a field's `_en` and `_zh_hant` columns next to each other
in the form (its tabbed variant needs jQuery UI from a CDN, which the CSP and an offline intranet
rule out). Searches look in both languages.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from definitions.models import (
    Definition,
    ForcedLabourIndicator,
    Indicator,
    IndicatorGroup,
    Note,
    PalermoElement,
    in_every_language,
)


@admin.register(Definition)
class DefinitionAdmin(TranslationAdmin):
    list_display = ["title", "slug", "order"]
    search_fields = in_every_language("title", "verbatim", "explanation")
    prepopulated_fields = {"slug": ["title"]}


@admin.register(PalermoElement)
class PalermoElementAdmin(TranslationAdmin):
    list_display = ["name", "slug", "order"]
    search_fields = in_every_language("name", "summary")
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ForcedLabourIndicator)
class ForcedLabourIndicatorAdmin(TranslationAdmin):
    list_display = ["name", "slug", "order"]
    search_fields = in_every_language("name", "summary")
    prepopulated_fields = {"slug": ["name"]}


class IndicatorInline(TranslationTabularInline):
    model = Indicator
    fields = ["order", "wording", "slug"]
    show_change_link = True
    extra = 0


@admin.register(IndicatorGroup)
class IndicatorGroupAdmin(TranslationAdmin):
    list_display = ["title", "slug", "order"]
    search_fields = in_every_language("title", "introduction")
    prepopulated_fields = {"slug": ["title"]}
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(TranslationAdmin):
    list_display = ["wording", "group", "order", "weight", "commercial_sex"]
    list_filter = ["group", "weight", "observe_only", "elements", "commercial_sex"]
    list_select_related = ["group"]
    search_fields = [*in_every_language("wording", "explanation", "questions"), "keywords", "slug"]
    filter_horizontal = ["elements", "ilo_indicators"]
    ordering = ["group__order", "order", "slug"]
    fieldsets = [
        (None, {"fields": ["group", "order", "slug", "wording", "commercial_sex"]}),
        (
            _("How it can show and what to ask"),
            {"fields": ["explanation", "questions", "observe_only", "keywords"]},
        ),
        (_("What it can point to"), {"fields": ["elements", "ilo_indicators"]}),
        (
            _("How the guidance reads it"),
            {"fields": ["weight", "weight_source", "says_under_18"]},
        ),
    ]


@admin.register(Note)
class NoteAdmin(TranslationAdmin):
    list_display = ["title", "slug", "order"]
    search_fields = in_every_language("title", "body")
    prepopulated_fields = {"slug": ["title"]}
