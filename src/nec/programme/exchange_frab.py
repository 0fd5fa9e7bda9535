"""The schedule exports other event tools read: the frab schedule XML (validates against
schedule.xml.xsd) and the c3voc / pretalx schedule JSON (validates against schedule.schema.json)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from lxml import etree

from nec.editions.models import Edition
from nec.programme.exchange_common import (
    GENERATOR,
    edition_url,
    local_time,
    room_guid,
    session_guid,
    session_url,
    sessions_for_export,
    shown_speakers,
    speaker_guid,
)
from nec.programme.models import Room, Session, Track


def acronym(edition: Edition) -> str:
    """The frab acronym: lower-case letters, digits and underscores only (both schemas)."""
    value = re.sub(r"[^a-z0-9_]", "_", edition.slug.lower())
    return value if len(value) >= 4 else (value + "____")[:4]


def _duration(start: datetime, end: datetime) -> str:
    minutes = max(int((end - start).total_seconds() // 60), 0)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _event_slug(edition: Edition, session: Session) -> str:
    base = slugify(session.title)[:60].strip("-") or "session"
    return f"{acronym(edition)}-{session.pk}-{base}".strip("-")


def _track_name(session: Session) -> str:
    if session.track_id:
        return session.track.name
    themes = list(session.themes.all())
    return themes[0].name if themes else ""


@dataclass
class ScheduleDay:
    index: int
    date: date
    start: datetime
    end: datetime
    rooms: dict[str, list[Session]] = field(default_factory=dict)


def _days(edition: Edition, sessions: list[Session]) -> list[ScheduleDay]:
    tz = timezone.get_current_timezone()
    dates = set(edition.days)
    placed = [s for s in sessions if s.export_slot]
    dates |= {local_time(s.export_slot.start).date() for s in placed}
    if not dates:
        dates = {edition.start_date or timezone.localdate()}
    days = []
    for index, day in enumerate(sorted(dates), start=1):
        of_day = [s for s in placed if local_time(s.export_slot.start).date() == day]
        if of_day:
            start = min(local_time(s.export_slot.start) for s in of_day)
            end = max(local_time(s.export_slot.end) for s in of_day)
        else:
            start = datetime.combine(day, time(9, 0), tzinfo=tz)
            end = datetime.combine(day, time(18, 0), tzinfo=tz)
        rooms: dict[str, list[Session]] = {}
        for session in of_day:
            rooms.setdefault(_room_name(session), []).append(session)
        days.append(ScheduleDay(index, day, start, end, rooms))
    return days


def _room_name(session: Session) -> str:
    return session.export_room.name if session.export_room else _("Salle à préciser")


def _rooms(edition: Edition, sessions: list[Session]) -> list[Room]:
    used = {s.export_room.pk for s in sessions if s.export_room}
    return [
        r for r in Room.objects.filter(edition=edition).select_related("edition") if r.pk in used
    ]


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: str | None) -> str:
    """Text safe for XML 1.0 (control characters pasted from office documents removed)."""
    return _XML_INVALID.sub("", text or "")


def schedule_xml(edition: Edition, *, public: bool = True) -> bytes:
    """The frab schedule XML (validates against schedule.xml.xsd)."""
    sessions = [s for s in sessions_for_export(edition, public=public) if s.export_slot]
    days = _days(edition, sessions)
    root = etree.Element("schedule")
    etree.SubElement(root, "generator", name=GENERATOR["name"], version=GENERATOR["version"])
    etree.SubElement(root, "url").text = settings.BASE_URL + reverse(
        "programme:export_schedule_xml", kwargs={"edition": edition.slug}
    )
    etree.SubElement(root, "version").text = _version(sessions)
    conference = etree.SubElement(root, "conference")
    etree.SubElement(conference, "title").text = _x(edition.title)
    etree.SubElement(conference, "acronym").text = acronym(edition)
    etree.SubElement(conference, "start").text = days[0].date.isoformat()
    etree.SubElement(conference, "end").text = days[-1].date.isoformat()
    etree.SubElement(conference, "days").text = str(len(days))
    etree.SubElement(conference, "timeslot_duration").text = "00:15"
    etree.SubElement(conference, "base_url").text = settings.BASE_URL + "/"
    etree.SubElement(conference, "url").text = edition_url(edition)
    etree.SubElement(conference, "time_zone_name").text = settings.TIME_ZONE
    for track in Track.objects.filter(edition=edition):
        slug = slugify(track.name)
        attrs = {"name": _x(track.name)}
        if re.fullmatch(r"[a-z][a-z0-9-]+", slug):
            attrs["slug"] = slug
        etree.SubElement(conference, "track", **attrs)
    room_guids = {r.name: room_guid(r) for r in _rooms(edition, sessions)}
    for day in days:
        day_el = etree.SubElement(
            root,
            "day",
            index=str(day.index),
            date=day.date.isoformat(),
            start=day.start.isoformat(),
            end=day.end.isoformat(),
        )
        for room_name, room_sessions in day.rooms.items():
            attrs = {"name": _x(room_name)}
            if room_name in room_guids:
                attrs["guid"] = room_guids[room_name]
            room_el = etree.SubElement(day_el, "room", **attrs)
            for session in room_sessions:
                _xml_event(room_el, edition, session, room_name)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _xml_event(parent, edition: Edition, session: Session, room_name: str) -> None:
    start, end = local_time(session.export_slot.start), local_time(session.export_slot.end)
    event = etree.SubElement(parent, "event", guid=session_guid(session), id=str(session.pk))
    values = [
        ("room", room_name),
        ("title", session.title),
        ("subtitle", ""),
        ("type", session.format_type.name if session.format_type_id else "session"),
        ("date", start.isoformat()),
        ("start", start.strftime("%H:%M")),
        ("duration", _duration(start, end)),
        ("abstract", session.summary),
        ("slug", _event_slug(edition, session)),
        ("track", _track_name(session)),
        ("language", session.language),
        ("description", session.description),
    ]
    for tag, text in values:
        etree.SubElement(event, tag).text = _x(text)
    persons = etree.SubElement(event, "persons")
    for speaker in shown_speakers(session):
        etree.SubElement(
            persons, "person", id=str(speaker.pk), guid=speaker_guid(speaker)
        ).text = _x(speaker.name)
    etree.SubElement(event, "links")
    etree.SubElement(event, "url").text = session_url(session)


def _version(sessions: list[Session]) -> str:
    latest = max((s.updated_at for s in sessions), default=None)
    return local_time(latest).strftime("%Y-%m-%d %H:%M") if latest else "0"


def schedule_json(edition: Edition, *, public: bool = True) -> dict[str, Any]:
    """The c3voc / pretalx schedule JSON (validates against schedule.schema.json)."""
    sessions = [s for s in sessions_for_export(edition, public=public) if s.export_slot]
    days = _days(edition, sessions)
    rooms = [
        {
            "name": room.name,
            "guid": room_guid(room),
            "capacity": room.capacity,
            "description": room.notes or None,
            "features": {"step_free": room.step_free},
        }
        for room in _rooms(edition, sessions)
    ]
    tracks = []
    for track in Track.objects.filter(edition=edition):
        item = {"name": track.name}
        slug = slugify(track.name)
        if re.fullmatch(r"[a-z0-9_-]+[a-z0-9]", slug):
            item["slug"] = slug
        tracks.append(item)
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": dict(GENERATOR),
        "schedule": {
            "version": _version(sessions),
            "base_url": settings.BASE_URL + "/",
            "conference": {
                "acronym": acronym(edition),
                "title": edition.title,
                "start": days[0].date.isoformat(),
                "end": days[-1].date.isoformat(),
                "daysCount": len(days),
                "timeslot_duration": "00:15",
                "time_zone_name": settings.TIME_ZONE,
                "url": edition_url(edition),
                "tracks": tracks,
                "rooms": rooms,
                "days": [
                    {
                        "index": day.index,
                        "date": day.date.isoformat(),
                        "day_start": day.start.isoformat(),
                        "day_end": day.end.isoformat(),
                        "rooms": {
                            name: [_json_event(edition, s, name) for s in items]
                            for name, items in day.rooms.items()
                        },
                    }
                    for day in days
                ],
            },
        },
    }


def _json_event(edition: Edition, session: Session, room_name: str) -> dict[str, Any]:
    start, end = local_time(session.export_slot.start), local_time(session.export_slot.end)
    return {
        "guid": session_guid(session),
        "id": session.pk,
        "date": start.isoformat(),
        "start": start.strftime("%H:%M"),
        "end": end.isoformat(),
        "duration": _duration(start, end),
        "room": room_name,
        "slug": _event_slug(edition, session),
        "url": session_url(session),
        "title": session.title,
        "subtitle": "",
        "track": _track_name(session) or None,
        "type": session.format_type.name if session.format_type_id else "session",
        "language": session.language,
        "abstract": session.summary,
        "description": session.description,
        "persons": [
            {
                "name": speaker.name,
                "guid": speaker_guid(speaker),
                "id": speaker.pk,
                "biography": speaker.bio or None,
            }
            for speaker in shown_speakers(session)
        ],
        "links": [],
    }
