"""The Django admin, reserved to superusers, signing in through the same throttled password
check as the site (see `nec.accounts.backends`)."""

from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm

from nec.accounts.forms import ThrottleMessageMixin


class AdminLoginForm(ThrottleMessageMixin, AdminAuthenticationForm):
    """The admin's sign-in form, with the site's message when attempts are limited."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.is_superuser:  # staff status alone does not open the admin
            raise self.get_invalid_login_error()


class NecAdminSite(AdminSite):
    login_form = AdminLoginForm
    site_header = "Numérique en Commun[s] — administration technique"

    def has_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser
