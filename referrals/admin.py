from __future__ import annotations

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from definitions.models import in_every_language
from referrals.models import ReferralContact


# The name, when to contact and how to refer in English and Chinese side by side
# (see definitions/admin.py).
@admin.register(ReferralContact)
class ReferralContactAdmin(TranslationAdmin):
    list_display = ["name", "kind", "sector", "phone", "email", "last_checked", "order", "active"]
    list_filter = ["kind", "sector", "active"]
    list_editable = ["order", "active"]
    search_fields = [*in_every_language("name", "when_to_contact"), "phone", "email"]
    prepopulated_fields = {"slug": ["name"]}
