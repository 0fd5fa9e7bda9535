"""Database ids in URLs and form values: only what fits a 64-bit id is an id, so a mistyped or
hostile value (`²`, `abc`, 10^30) is a 404 or a form error, never a database overflow (a 500)."""

from __future__ import annotations

from collections.abc import Iterable

#: 18 digits always fit a signed 64-bit integer (the largest id PostgreSQL and SQLite store)
_MAX_DIGITS = 18
_DIGITS = frozenset("0123456789")


def parse_id(value) -> int | None:
    """The id written in `value` (ASCII digits only, at most 18), else None."""
    text = str(value if value is not None else "").strip()
    if not text or len(text) > _MAX_DIGITS or not set(text) <= _DIGITS:
        return None
    number = int(text)
    return number or None


def parse_ids(values: Iterable) -> list[int]:
    """The valid ids among `values`, in order, without repeats."""
    return list(dict.fromkeys(i for i in (parse_id(v) for v in values) if i is not None))


class IdConverter:
    """`<id:pk>` in URL patterns: 1 to 18 ASCII digits."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))
