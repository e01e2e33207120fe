from __future__ import annotations

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from client_texts.models import ENGLISH, ClientText, reviewer_name, text_hash


class OutOfDateFilter(admin.SimpleListFilter):
    title = _("English changed since")
    parameter_name = "out_of_date"

    def lookups(self, request, model_admin):
        return [("yes", _("Out of date")), ("no", _("Up to date"))]

    def queryset(self, request, queryset):
        stale = ClientText.objects.out_of_date().values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=stale)
        if self.value() == "no":
            return queryset.exclude(pk__in=stale)
        return queryset


@admin.register(ClientText)
class ClientTextAdmin(admin.ModelAdmin):
    list_display = ["key", "language", "text", "english", "status", "out_of_date", "reviewed_by"]
    list_filter = ["language", "status", OutOfDateFilter]
    search_fields = ["key", "text"]
    fields = ["key", "language", "english", "text", "status", "reviewed_by", "reviewed_on"]
    readonly_fields = ["english", "reviewed_by", "reviewed_on"]
    actions = ["mark_reviewed"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_english()

    def get_readonly_fields(self, request, obj=None):
        # Which text a row is stays fixed once it exists; its translation is what is edited.
        fixed = ["key", "language"] if obj else []
        return [*fixed, *self.readonly_fields]

    @admin.display(description=_("English"))
    def english(self, obj: ClientText) -> str:
        return obj.english if getattr(obj, "english", None) is not None else ""

    @admin.display(description=_("out of date"), boolean=True)
    def out_of_date(self, obj: ClientText) -> bool:
        return obj.is_out_of_date

    def save_model(self, request, obj: ClientText, form, change: bool) -> None:
        # Edited here beside the English shown: it is made from that English now.
        if obj.language != ENGLISH and getattr(obj, "english", None) is not None:
            obj.source_hash = text_hash(obj.english)
        elif obj.language != ENGLISH and not obj.source_hash:
            english = ClientText.objects.filter(key=obj.key, language=ENGLISH).first()
            obj.source_hash = english.source_hash if english else ""
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Mark reviewed (against the English shown)"))
    def mark_reviewed(self, request, queryset) -> None:
        rows = [row for row in queryset if row.language != ENGLISH]
        for row in rows:
            row.status = ClientText.Status.REVIEWED
            row.reviewed_by = reviewer_name(request.user)
            row.reviewed_on = timezone.localdate()
            if row.english is not None:
                row.source_hash = text_hash(row.english)
            row.save(update_fields=["status", "reviewed_by", "reviewed_on", "source_hash"])
        message = ngettext(
            "%(count)d text marked reviewed.", "%(count)d texts marked reviewed.", len(rows)
        )
        self.message_user(request, message % {"count": len(rows)}, messages.SUCCESS)
