"""Helpers shared by the programme's espace organisation views."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.shortcuts import get_object_or_404

from nec.editions.scoping import scoped
from nec.programme.models import Session


def copy_for_form(obj: Model | None) -> Model | None:
    """A fresh copy of `obj` for a model form (which writes the posted values on its instance
    while validating), or None."""
    return type(obj)._default_manager.get(pk=obj.pk) if obj is not None else None


def error_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def status_for(request) -> int:
    """400 for a POST that comes back to its form (invalid or refused), else 200."""
    return 400 if request.method == "POST" else 200


def session_or_404(request, pk: int) -> Session:
    """The session `pk` of the request's edition, with its slot, room and format type."""
    return get_object_or_404(
        scoped(Session, request.edition).select_related("slot", "room", "format_type"), pk=pk
    )
