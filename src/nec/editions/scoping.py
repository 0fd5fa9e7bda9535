"""Edition-scoped access for the espace organisation.

Organiser views never query another edition's data directly: they take the edition from the URL
through `edition_view`, which checks the permission, and fetch rows through `scoped()`.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

from nec.editions.models import Edition
from nec.editions.permissions import can


def get_edition_or_403(user, slug: str, action: str) -> Edition:
    edition = get_object_or_404(Edition, slug=slug)
    if not can(user, action, edition):
        raise PermissionDenied
    return edition


def scoped(model_or_qs: type[Model] | QuerySet, edition: Edition, field: str = "edition"):
    """Rows of `model_or_qs` that belong to `edition` (`field` is the lookup to the edition)."""
    qs = model_or_qs if isinstance(model_or_qs, QuerySet) else model_or_qs._default_manager.all()
    return qs.filter(**{field: edition})


def edition_view(action: str) -> Callable:
    """Decorate a view taking `edition` (a slug) in its URL: sets `request.edition` after the
    permission check, sends anonymous visitors to sign in and others to a 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, edition: str, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            request.edition = get_edition_or_403(request.user, edition, action)
            return view(request, *args, **kwargs)

        wrapper.nec_action = action  # read by the start-up check of unknown actions
        return wrapper

    return decorator
