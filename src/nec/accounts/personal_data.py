"""The personal data every app holds on one person, for the GDPR rights ("download my data",
"erase me"), contributed by every app.

An app registers, usually in its `AppConfig.ready()`, one exporter and one eraser keyed by the
person's (normalised) e-mail address:

    from nec.accounts import personal_data
    personal_data.register("registrations", _("Inscriptions"), export=..., erase=...)

`export(email)` returns JSON-serialisable data (a list of dicts, or a dict); `erase(email, actor)`
deletes or anonymises it, keeping what statistics need, and returns how many rows it changed.
Erasers run in one transaction, in registration order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils.functional import Promise


@dataclass(frozen=True)
class PersonalData:
    key: str
    label: str | Promise
    export: Callable[[str], object]
    erase: Callable[..., int]
    order: int = 50


_HOLDERS: dict[str, PersonalData] = {}

#: a reserved domain (RFC 2606): an erased address can never reach anybody
ANONYMOUS_DOMAIN = "anonyme.invalid"


def erased_address(prefix: str, pk: int) -> str:
    """The placeholder address an eraser writes instead of a person's, unique per row."""
    return f"{prefix}-{pk}@{ANONYMOUS_DOMAIN}"


def register(
    key: str,
    label: str | Promise,
    *,
    export: Callable[[str], object],
    erase: Callable[..., int],
    order: int = 50,
) -> None:
    _HOLDERS[key] = PersonalData(key, label, export, erase, order)


def holders() -> list[PersonalData]:
    return sorted(_HOLDERS.values(), key=lambda holder: (holder.order, holder.key))


def export_all(email: str) -> list[dict]:
    """[{"key", "label", "data"}] for every app holding data on `email`."""
    email = email.strip().lower()
    return [
        {"key": holder.key, "label": str(holder.label), "data": holder.export(email)}
        for holder in holders()
    ]


def erase_all(email: str, *, actor) -> dict[str, int]:
    """Run every eraser in one transaction; {key: rows changed}."""
    email = email.strip().lower()
    with transaction.atomic():
        return {holder.key: holder.erase(email, actor=actor) for holder in holders()}
