"""Simple text search shared by the apps' lists."""

from __future__ import annotations

from django.db.models import Q


def every_word(text: str, *fields: str) -> Q:
    """A condition matching the rows where each word of `text` is in one of `fields` (case
    ignored); an empty `text` matches every row."""
    condition = Q()
    for word in (text or "").split():
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        condition &= any_field
    return condition
