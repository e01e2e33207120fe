from __future__ import annotations

from django.contrib import admin

from referrals.models import ReferralContact


@admin.register(ReferralContact)
class ReferralContactAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "phone", "email", "order", "active"]
    list_filter = ["kind", "active"]
    list_editable = ["order", "active"]
    search_fields = ["name", "phone", "email", "when_to_contact"]
    prepopulated_fields = {"slug": ["name"]}
