from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from definitions.models import (
    Definition,
    ForcedLabourIndicator,
    Indicator,
    IndicatorGroup,
    Note,
    PalermoElement,
)


@admin.register(Definition)
class DefinitionAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "order"]
    search_fields = ["title", "verbatim", "explanation"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(PalermoElement)
class PalermoElementAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ForcedLabourIndicator)
class ForcedLabourIndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}


class IndicatorInline(admin.TabularInline):
    model = Indicator
    fields = ["order", "wording", "slug"]
    show_change_link = True
    extra = 0


@admin.register(IndicatorGroup)
class IndicatorGroupAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "order"]
    search_fields = ["title", "introduction"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["wording", "group", "order", "commercial_sex"]
    list_filter = ["group", "elements", "commercial_sex"]
    list_select_related = ["group"]
    search_fields = ["wording", "explanation", "questions", "keywords", "slug"]
    filter_horizontal = ["elements", "ilo_indicators"]
    ordering = ["group__order", "order", "slug"]
    fieldsets = [
        (None, {"fields": ["group", "order", "slug", "wording", "commercial_sex"]}),
        (
            _("How it can show and what to ask"),
            {"fields": ["explanation", "questions", "keywords"]},
        ),
        (_("What it can point to"), {"fields": ["elements", "ilo_indicators"]}),
    ]


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "order"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
