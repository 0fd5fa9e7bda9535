"""Hooks through which a higher app (registrations) tells the timetable how many seats are held
in sessions, and is told when a publication moves sessions to another room, without the
programme knowing it.

An app registers in its `AppConfig.ready()`:

    from nec.programme import capacity_hooks
    capacity_hooks.register(
        "registrations.seats",
        seats_held=count_seats,      # (session ids) -> {session id: seats held}, in one query
        room_published=send_back,    # (edition, session ids, *, actor) -> bookings sent back
    )

`room_published` is called by `nec.programme.services.schedule.publish_schedule` INSIDE the
publication's transaction, after the new published placement is written and with the rows of the
edition's sessions locked, for the sessions whose published room changed: it keeps within that
transaction (its changes and e-mails are undone with a refused publication).

With nothing registered the programme counts no seat and nothing happens on publication.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class CapacityHook:
    key: str
    seats_held: Callable[[list[int]], dict[int, int]] | None = None
    room_published: Callable[..., int] | None = None


_HOOKS: dict[str, CapacityHook] = {}


def register(
    key: str,
    *,
    seats_held: Callable[[list[int]], dict[int, int]] | None = None,
    room_published: Callable[..., int] | None = None,
) -> None:
    _HOOKS[key] = CapacityHook(key, seats_held, room_published)


def seats_held(session_ids: Iterable[int]) -> dict[int, int]:
    """{session id: seats held (bookings and pending offers)} for `session_ids`; 0 when none."""
    ids = list(session_ids)
    totals = dict.fromkeys(ids, 0)
    if not ids:
        return totals
    for hook in sorted(_HOOKS.values(), key=lambda item: item.key):
        if hook.seats_held is not None:
            for pk, held in hook.seats_held(ids).items():
                totals[pk] = totals.get(pk, 0) + held
    return totals


def room_published(edition, session_ids: Iterable[int], *, actor) -> int:
    """Tell the registered apps that `session_ids` now take place in another published room;
    returns how many bookings they sent back to a waiting list."""
    ids = sorted(session_ids)
    if not ids:
        return 0
    moved = 0
    for hook in sorted(_HOOKS.values(), key=lambda item: item.key):
        if hook.room_published is not None:
            moved += hook.room_published(edition, ids, actor=actor) or 0
    return moved
