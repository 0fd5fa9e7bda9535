"""Who may use the national team's community pages."""

from django.core.exceptions import PermissionDenied

from nec.editions.permissions import can

MANAGE = "community.manage"


def check_manager(request) -> None:
    if not can(request.user, MANAGE):
        raise PermissionDenied
