"""Admin of people (e-mail keyed) and sign-in requests; roles on editions are added by
`nec.editions.admin`."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from nec.accounts.models import LoginRequest, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_national_team", "is_staff"]
    list_filter = ["is_national_team", "is_staff", "is_superuser", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Identité"), {"fields": ["first_name", "last_name"]}),
        (
            _("Droits"),
            {
                "fields": [
                    "is_active",
                    "is_national_team",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ]
            },
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(LoginRequest)
class LoginRequestAdmin(admin.ModelAdmin):
    list_display = ["email", "ip_address", "created_at"]
    search_fields = ["email", "ip_address"]
    readonly_fields = ["email", "ip_address", "created_at"]
