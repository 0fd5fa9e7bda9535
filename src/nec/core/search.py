"""Simple text search shared by the apps' lists."""

from __future__ import annotations

import unicodedata

from django.db.models import Q

#: a search looks at its first words and characters only: a pasted essay must not build a query
#: too large for the database ("Expression tree is too large")
MAX_SEARCH_WORDS = 8
MAX_SEARCH_LENGTH = 200


def normalise(text: str) -> str:
    """Lower case without accents: "Données" -> "donnees" (a search in Python over a list
    that ignores accents and case on every database)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def search_words(text: str) -> list[str]:
    """The distinct words a search uses, within the limits above."""
    # a NUL character cannot be sent to PostgreSQL: it separates words like a space
    words = (text or "")[:MAX_SEARCH_LENGTH].replace("\x00", " ").split()
    return list(dict.fromkeys(words))[:MAX_SEARCH_WORDS]


def every_word(text: str, *fields: str) -> Q:
    """A condition matching the rows where each word of `text` is in one of `fields` (case
    ignored); an empty `text` matches every row."""
    condition = Q()
    for word in search_words(text):
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        condition &= any_field
    return condition
