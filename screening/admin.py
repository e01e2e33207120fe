from django.contrib import admin

from screening.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    # `username`, not `user`: the account may have been deleted since.
    list_display = ["at", "action", "username", "screening_id", "detail"]
    list_filter = ["action"]
    search_fields = ["screening_id", "username"]
    exclude = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
