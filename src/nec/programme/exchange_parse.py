"""Reading a schedule file to import: a frab XML or a c3voc / pretalx schedule JSON becomes a
`ParsedSchedule`, with every problem found and where it is (line of the XML, path in the JSON)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

MAX_IMPORT_BYTES = 5 * 1024 * 1024
#: events must fall within these years: beyond, date arithmetic and time zones overflow
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100
#: a room holds at most this many seats (0 means "not known")
MAX_ROOM_CAPACITY = 100_000


@dataclass
class ParsedPerson:
    name: str
    external_id: str
    biography: str = ""


@dataclass
class ParsedEvent:
    """One event of the file; `where` starts the messages about it (line or path, and title)."""

    where: str
    external_id: str
    title: str
    start: datetime
    end: datetime
    room: str
    type: str = ""
    track: str = ""
    abstract: str = ""
    description: str = ""
    language: str = "fr"
    persons: list[ParsedPerson] = field(default_factory=list)


@dataclass
class ParsedSchedule:
    kind: str  # "xml" or "json"
    title: str = ""
    events: list[ParsedEvent] = field(default_factory=list)
    room_capacity: dict[str, int] = field(default_factory=dict)
    room_guid: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _parse_dt(value: str) -> datetime | None:
    """The moment written in `value` (ISO 8601), None if unreadable or outside the years the
    platform handles."""
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _date_problem(value: str) -> str:
    """Why `value` is not a usable date: unreadable, or outside the years handled."""
    try:
        datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return _("date illisible « %(value)s »") % {"value": value}
    return _("date hors des années %(earliest)s–%(latest)s « %(value)s »") % {
        "value": value,
        "earliest": EARLIEST_YEAR,
        "latest": LATEST_YEAR,
    }


def _parse_duration(value: str) -> timedelta | None:
    match = re.fullmatch(r"\s*(\d{1,3}):(\d{2})(?::(\d{1,2}))?\s*", value or "")
    if not match:
        return None
    hours, minutes, seconds = match.groups()
    return timedelta(hours=int(hours), minutes=int(minutes), seconds=int(seconds or 0))


def parse_schedule(content: bytes, filename: str = "") -> ParsedSchedule:
    """Read a frab XML or a schedule JSON; collect every problem with where it is."""
    if len(content) > MAX_IMPORT_BYTES:
        result = ParsedSchedule(kind="?")
        result.errors.append(_("Fichier trop volumineux (5 Mo au plus)."))
        return result
    head = content.lstrip()[:1]
    if head == b"<" or filename.lower().endswith(".xml"):
        return _parse_xml(content)
    return _parse_json(content)


def _parse_xml(content: bytes) -> ParsedSchedule:
    result = ParsedSchedule(kind="xml")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as error:
        line = error.lineno or (error.position[0] if error.position else "?")
        result.errors.append(
            _("Ligne %(line)s : XML mal formé (%(msg)s).") % {"line": line, "msg": error.msg}
        )
        return result
    if root.tag != "schedule":
        result.errors.append(
            _("Ligne %(line)s : l'élément racine doit être <schedule>, pas <%(tag)s>.")
            % {"line": root.sourceline, "tag": root.tag}
        )
        return result
    result.title = (root.findtext("conference/title") or "").strip()
    events = root.findall("day/room/event")
    if not events:
        result.errors.append(_("Aucun événement <event> dans <day>/<room>."))
    for event in events:
        result_event = _xml_event_parse(event, result)
        if result_event is not None:
            result.events.append(result_event)
    return result


def _xml_event_parse(event, result: ParsedSchedule) -> ParsedEvent | None:
    line = event.sourceline
    title = (event.findtext("title") or "").strip()
    label = _("Ligne %(line)s (« %(title)s »)") % {"line": line, "title": title or "?"}
    problems = []
    if not title:
        problems.append(_("titre manquant"))
    external_id = (event.get("guid") or "").strip() or (
        f"id:{event.get('id')}" if event.get("id") else ""
    )
    if not external_id:
        problems.append(_("ni guid ni id"))
    room = (event.findtext("room") or event.getparent().get("name") or "").strip()
    if not room:
        problems.append(_("salle manquante"))
    start = _parse_dt(event.findtext("date") or "")
    if start is None:
        day = event.getparent().getparent()
        start_text = (event.findtext("start") or "").strip()
        if day.get("date") and re.fullmatch(r"\d{1,2}:\d{2}(:\d{2})?", start_text):
            start = _parse_dt(f"{day.get('date')}T{start_text.zfill(5)}")
    if start is None:
        problems.append(_date_problem(event.findtext("date") or ""))
    duration = _parse_duration(event.findtext("duration") or "")
    if duration is None:
        problems.append(
            _("durée illisible « %(value)s » (attendu HH:MM)")
            % {"value": event.findtext("duration") or ""}
        )
    persons = []
    for person in event.findall("persons/person"):
        name = (person.text or "").strip()
        if not name:
            problems.append(
                _("intervenant·e sans nom (ligne %(line)s)") % {"line": person.sourceline}
            )
            continue
        pid = person.get("guid") or (f"id:{person.get('id')}" if person.get("id") else "")
        persons.append(ParsedPerson(name=name, external_id=pid or f"name:{name}"))
    if problems:
        result.errors.append(f"{label} : {', '.join(problems)}.")
        return None
    room_el = event.getparent()
    if room_el.get("guid"):
        result.room_guid.setdefault(room, room_el.get("guid"))
    return ParsedEvent(
        where=label,
        external_id=external_id,
        title=title,
        start=start,
        end=start + duration,
        room=room,
        type=(event.findtext("type") or "").strip(),
        track=(event.findtext("track") or "").strip(),
        abstract=(event.findtext("abstract") or "").strip(),
        description=(event.findtext("description") or "").strip(),
        language=(event.findtext("language") or "fr").strip()[:8] or "fr",
        persons=persons,
    )


def _parse_json(content: bytes) -> ParsedSchedule:
    result = ParsedSchedule(kind="json")
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except RecursionError:
        result.errors.append(_("Le fichier est trop imbriqué pour un programme."))
        return result
    except UnicodeDecodeError:
        result.errors.append(_("Le fichier n'est pas encodé en UTF-8."))
        return result
    except json.JSONDecodeError as error:
        result.errors.append(
            _("Ligne %(line)s, colonne %(col)s : JSON invalide (%(msg)s).")
            % {"line": error.lineno, "col": error.colno, "msg": error.msg}
        )
        return result
    conference = data.get("schedule", {}).get("conference") if isinstance(data, dict) else None
    if not isinstance(conference, dict):
        result.errors.append(_("schedule.conference : objet attendu (format c3voc / pretalx)."))
        return result
    result.title = str(conference.get("title") or "")
    rooms = conference.get("rooms") or []
    for r, room in enumerate(rooms if isinstance(rooms, list) else []):
        if isinstance(room, dict) and room.get("name"):
            name = _text(room["name"])
            capacity = room.get("capacity")
            if capacity is not None:
                if (
                    isinstance(capacity, bool)
                    or not isinstance(capacity, int | float)
                    or not 0 <= capacity <= MAX_ROOM_CAPACITY
                ):
                    result.errors.append(
                        _(
                            "schedule.conference.rooms[%(r)s].capacity : nombre de places "
                            "entre 0 et %(max)s attendu."
                        )
                        % {"r": r, "max": MAX_ROOM_CAPACITY}
                    )
                else:
                    result.room_capacity[name] = int(capacity)
            if room.get("guid"):
                result.room_guid[name] = _text(room["guid"])
    days = conference.get("days")
    if not isinstance(days, list) or not days:
        result.errors.append(_("schedule.conference.days : liste de jours attendue."))
        return result
    for d, day in enumerate(days):
        rooms = day.get("rooms") if isinstance(day, dict) else None
        if not isinstance(rooms, dict):
            result.errors.append(
                _("schedule.conference.days[%(d)s].rooms : objet attendu.") % {"d": d}
            )
            continue
        for room_name, events in rooms.items():
            base = f'schedule.conference.days[{d}].rooms["{room_name}"]'
            if not isinstance(events, list):
                result.errors.append(_("%(path)s : liste attendue.") % {"path": base})
                continue
            for e, event in enumerate(events):
                parsed = _json_event_parse(f"{base}[{e}]", room_name, event, result)
                if parsed is not None:
                    result.events.append(parsed)
    if not result.events and not result.errors:
        result.errors.append(_("Aucun événement dans le programme."))
    return result


def _text(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def _json_event_parse(path: str, room_name: str, event: Any, result) -> ParsedEvent | None:
    if not isinstance(event, dict):
        result.errors.append(_("%(path)s : objet attendu.") % {"path": path})
        return None
    problems = []
    title = _text(event.get("title"))
    if not title:
        problems.append(_("titre manquant"))
    external_id = _text(event.get("guid")) or (f"id:{event['id']}" if event.get("id") else "")
    if not external_id:
        problems.append(_("ni guid ni id"))
    room = _text(event.get("room")) or room_name
    start = _parse_dt(_text(event.get("date")))
    if start is None:
        problems.append(_date_problem(_text(event.get("date"))))
    end = _parse_dt(_text(event.get("end"))) if event.get("end") else None
    if end is None:
        duration = _parse_duration(_text(event.get("duration")))
        if duration is None:
            problems.append(
                _("durée illisible « %(value)s » (attendu HH:MM)")
                % {"value": _text(event.get("duration"))}
            )
        elif start is not None:
            end = start + duration
    if start is not None and end is not None and end <= start:
        problems.append(_("la fin précède le début"))
    persons = []
    raw_persons = event.get("persons") or []
    if not isinstance(raw_persons, list):
        problems.append(_("persons : liste attendue"))
        raw_persons = []
    for p, person in enumerate(raw_persons):
        name = (
            _text(person.get("name") or person.get("public_name"))
            if isinstance(person, dict)
            else ""
        )
        if not name:
            problems.append(_("persons[%(p)s] : nom manquant") % {"p": p})
            continue
        pid = _text(person.get("guid")) or (
            f"id:{person['id']}" if person.get("id") else f"name:{name}"
        )
        persons.append(
            ParsedPerson(name=name, external_id=pid, biography=_text(person.get("biography")))
        )
    if problems:
        result.errors.append(f"{path} (« {title or '?'} ») : {', '.join(problems)}.")
        return None
    return ParsedEvent(
        where=f"{path} (« {title} »)",
        external_id=external_id,
        title=title,
        start=start,
        end=end,
        room=room,
        type=_text(event.get("type")),
        track=_text(event.get("track")),
        abstract=_text(event.get("abstract")),
        description=_text(event.get("description")),
        language=(_text(event.get("language")) or "fr")[:8],
        persons=persons,
    )
