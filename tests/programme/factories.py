"""Helpers building programme rows for the core programme tests (real rows, through services)."""

from datetime import datetime
from zoneinfo import ZoneInfo

from nec.programme.models import Session, Speaker
from nec.programme.services.sessions import add_session_speaker, create_session, create_speaker
from nec.programme.services.setup import create_room, create_slot

PARIS = ZoneInfo("Europe/Paris")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of the test edition (16–17 March 2027, Paris time)."""
    return datetime(2027, 3, day, hour, minute, tzinfo=PARIS)


def make_grid(edition, rooms: int = 2, slots: int = 2, capacity: int = 50):
    """`rooms` rooms and `slots` one-hour slots on 16 March from 9:00."""
    made_rooms = [
        create_room(edition, actor=None, name=f"Salle {n + 1}", capacity=capacity, position=n)
        for n in range(rooms)
    ]
    made_slots = [
        create_slot(edition, actor=None, start=at(16, 9 + n), end=at(16, 10 + n))
        for n in range(slots)
    ]
    return made_rooms, made_slots


def make_speaker(edition, name: str, gender: str = "", consent: bool = True, **fields) -> Speaker:
    return create_speaker(
        edition, actor=None, name=name, gender=gender, public_consent=consent, **fields
    )


def make_session(edition, title: str, speakers=(), **fields) -> Session:
    session = create_session(edition, actor=None, title=title, **fields)
    for speaker in speakers:
        add_session_speaker(session, speaker, actor=None)
    return session
