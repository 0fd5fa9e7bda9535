"""Extra checks of the grid contributed by higher apps (e.g. the timetabling app's "placed in a
slot its speaker cannot attend"), listed with the timetable's own conflicts in the grid editor,
the sessions list and the publication page, without the programme knowing those apps.

An app registers in its `AppConfig.ready()`:

    from nec.programme import conflict_checks
    conflict_checks.register("speaker_unavailable", _("Intervenant·e indisponible"), check)

`check(sessions)` receives the placed sessions (slot and room loaded) and returns a list of
`nec.programme.timetable.Conflict` with that code; it should read what it needs in one query."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class ConflictCheck:
    code: str
    label: str | Promise
    check: Callable[[list], list]


_CHECKS: dict[str, ConflictCheck] = {}


def register(code: str, label: str | Promise, check: Callable[[list], list]) -> None:
    _CHECKS[code] = ConflictCheck(code, label, check)


def checks() -> list[ConflictCheck]:
    return sorted(_CHECKS.values(), key=lambda item: item.code)


def label(code: str) -> str | Promise:
    found = _CHECKS.get(code)
    return found.label if found else ""
