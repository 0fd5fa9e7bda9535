"""Admin of the audit log (read-only)."""

from django.contrib import admin

from nec.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log is read-only, even for superusers."""

    list_display = ["created_at", "actor", "action", "object_repr", "edition"]
    list_filter = ["action", "edition"]
    search_fields = ["action", "object_repr", "actor__email"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
