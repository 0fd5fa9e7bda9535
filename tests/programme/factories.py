"""Helpers building programme rows for the core programme tests (real rows, through services)."""

from datetime import datetime
from zoneinfo import ZoneInfo

from nec.programme import services
from nec.programme.models import Session, Speaker

PARIS = ZoneInfo("Europe/Paris")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of the test edition (16–17 March 2027, Paris time)."""
    return datetime(2027, 3, day, hour, minute, tzinfo=PARIS)


def make_grid(edition, rooms: int = 2, slots: int = 2, capacity: int = 50):
    """`rooms` rooms and `slots` one-hour slots on 16 March from 9:00."""
    made_rooms = [
        services.create_room(None, edition, name=f"Salle {n + 1}", capacity=capacity, position=n)
        for n in range(rooms)
    ]
    made_slots = [
        services.create_slot(None, edition, start=at(16, 9 + n), end=at(16, 10 + n))
        for n in range(slots)
    ]
    return made_rooms, made_slots


def make_speaker(edition, name: str, gender: str = "", consent: bool = True, **fields) -> Speaker:
    return services.create_speaker(
        None, edition, name=name, gender=gender, public_consent=consent, **fields
    )


def make_session(edition, title: str, speakers=(), **fields) -> Session:
    session = services.create_session(None, edition, title=title, **fields)
    for speaker in speakers:
        services.add_session_speaker(None, session, speaker)
    return session
