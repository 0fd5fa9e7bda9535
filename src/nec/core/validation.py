"""Checks shared by the services of every app."""

from collections.abc import Iterable


def refuse_unknown_fields(fields: Iterable[str], allowed: Iterable[str], kind: str) -> None:
    """A field a service does not handle is a programming error, not a user's: fail loudly."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown {kind} fields: {sorted(unknown)}")
