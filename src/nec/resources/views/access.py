"""The national team's pages of the library (moderation, collections): sign-in first, then the
national action only (403 for anybody else)."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from nec.editions.permissions import can


def national_view(action: str):
    """Decorate a view reserved to whoever may perform the national `action`."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not can(request.user, action):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
