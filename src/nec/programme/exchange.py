"""Programme exports (iCal, JSON, frab / pretalx / c3voc schedule XML and JSON, CSV) and the
import of a frab XML or a schedule JSON (dry run, then apply in one transaction).

Exports never contain gender; public exports only show published sessions and the speakers who
consented to be shown publicly; only the organisers' CSV of speakers has e-mail addresses.
Identifiers: each session, speaker and room gets a stable UUID (uuid5 of its URL on this site),
so an exported schedule can be re-imported and matched."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from lxml import etree

from nec.core import audit
from nec.core.spreadsheets import csv_text
from nec.editions.models import Edition
from nec.programme.models import (
    FormatType,
    ImportedItem,
    Room,
    Session,
    SessionSpeaker,
    Speaker,
    TimeSlot,
    Track,
)

SCHEMA_VERSION = "1.0"
GENERATOR = {"name": "nec", "version": SCHEMA_VERSION}
PUBLIC_EDITION_STATUSES = (Edition.Status.PUBLISHED, Edition.Status.ARCHIVED)
MAX_IMPORT_BYTES = 5 * 1024 * 1024
PROGRAMME_SCHEMA_PATH = Path(__file__).parent / "schemas" / "programme.schema.json"


# ---------------------------------------------------------------------------------------------
# Selection


def public_edition(slug: str) -> Edition:
    edition = Edition.objects.filter(slug=slug, status__in=PUBLIC_EDITION_STATUSES).first()
    if edition is None:
        raise Http404(_("Cette édition n'est pas publiée."))
    return edition


def sessions_for_export(edition: Edition, *, public: bool = True) -> QuerySet[Session]:
    """Public: published sessions. Organisers: every session that is not declined or cancelled.
    Speakers are prefetched in order; non-consenting speakers are dropped from public exports."""
    qs = Session.objects.filter(edition=edition)
    if public:
        qs = qs.filter(status=Session.Status.PUBLISHED)
    else:
        qs = qs.exclude(status__in=[Session.Status.DECLINED, Session.Status.CANCELLED])
    roles = SessionSpeaker.objects.select_related("speaker__edition").order_by("position", "id")
    if public:
        roles = roles.filter(speaker__public_consent=True)
    return (
        qs.select_related("edition", "format_type", "track", "room__edition", "slot")
        .prefetch_related("themes", "partners", Prefetch("speaker_roles", queryset=roles))
        .order_by("slot__start", "room__position", "room__name", "title")
    )


def _uuid(kind: str, edition: Edition, pk: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.BASE_URL}/{kind}/{edition.slug}/{pk}"))


def session_guid(session: Session) -> str:
    return _uuid("sessions", session.edition, session.pk)


def speaker_guid(speaker: Speaker) -> str:
    return _uuid("intervenants", speaker.edition, speaker.pk)


def room_guid(room: Room) -> str:
    return _uuid("salles", room.edition, room.pk)


def session_url(session: Session) -> str:
    try:
        path = session.get_absolute_url()
    except NoReverseMatch:  # the public session page is not wired yet
        path = reverse("editions:detail", kwargs={"slug": session.edition.slug})
    return settings.BASE_URL + path


def edition_url(edition: Edition) -> str:
    return settings.BASE_URL + reverse("editions:detail", kwargs={"slug": edition.slug})


def acronym(edition: Edition) -> str:
    """The frab acronym: lower-case letters, digits and underscores only (both schemas)."""
    value = re.sub(r"[^a-z0-9_]", "_", edition.slug.lower())
    return value if len(value) >= 4 else (value + "____")[:4]


def _local(dt: datetime) -> datetime:
    return timezone.localtime(dt)


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


# ---------------------------------------------------------------------------------------------
# Schedule (frab / pretalx / c3voc)


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
    placed = [s for s in sessions if s.slot_id]
    dates |= {_local(s.slot.start).date() for s in placed}
    if not dates:
        dates = {edition.start_date or timezone.localdate()}
    days = []
    for index, day in enumerate(sorted(dates), start=1):
        of_day = [s for s in placed if _local(s.slot.start).date() == day]
        if of_day:
            start = min(_local(s.slot.start) for s in of_day)
            end = max(_local(s.slot.end) for s in of_day)
        else:
            start = datetime.combine(day, time(9, 0), tzinfo=tz)
            end = datetime.combine(day, time(18, 0), tzinfo=tz)
        rooms: dict[str, list[Session]] = {}
        for session in of_day:
            rooms.setdefault(_room_name(session), []).append(session)
        days.append(ScheduleDay(index, day, start, end, rooms))
    return days


def _room_name(session: Session) -> str:
    return session.room.name if session.room_id else _("Salle à préciser")


def _rooms(edition: Edition, sessions: list[Session]) -> list[Room]:
    used = {s.room_id for s in sessions if s.room_id}
    return [
        r for r in Room.objects.filter(edition=edition).select_related("edition") if r.pk in used
    ]


def _persons(session: Session) -> list[Speaker]:
    return [role.speaker for role in session.speaker_roles.all()]


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: str | None) -> str:
    """Text safe for XML 1.0 (control characters pasted from office documents removed)."""
    return _XML_INVALID.sub("", text or "")


def schedule_xml(edition: Edition, *, public: bool = True) -> bytes:
    """The frab schedule XML (validates against schedule.xml.xsd)."""
    sessions = [s for s in sessions_for_export(edition, public=public) if s.slot_id]
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
    start, end = _local(session.slot.start), _local(session.slot.end)
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
    for speaker in _persons(session):
        etree.SubElement(
            persons, "person", id=str(speaker.pk), guid=speaker_guid(speaker)
        ).text = _x(speaker.name)
    etree.SubElement(event, "links")
    etree.SubElement(event, "url").text = session_url(session)


def _version(sessions: list[Session]) -> str:
    latest = max((s.updated_at for s in sessions), default=None)
    return _local(latest).strftime("%Y-%m-%d %H:%M") if latest else "0"


def schedule_json(edition: Edition, *, public: bool = True) -> dict[str, Any]:
    """The c3voc / pretalx schedule JSON (validates against schedule.schema.json)."""
    sessions = [s for s in sessions_for_export(edition, public=public) if s.slot_id]
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
    start, end = _local(session.slot.start), _local(session.slot.end)
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
            for speaker in _persons(session)
        ],
        "links": [],
    }


# ---------------------------------------------------------------------------------------------
# Our own JSON (documented by schemas/programme.schema.json)


def programme_json(edition: Edition, *, public: bool = True) -> dict[str, Any]:
    sessions = list(sessions_for_export(edition, public=public))
    speakers: dict[int, Speaker] = {}
    for session in sessions:
        for speaker in _persons(session):
            speakers[speaker.pk] = speaker
    return {
        "$schema": settings.BASE_URL + reverse("programme:programme_schema"),
        "version": SCHEMA_VERSION,
        "generated_at": timezone.now().isoformat(),
        "edition": {
            "slug": edition.slug,
            "title": edition.title,
            "kind": edition.kind,
            "year": edition.year,
            "city": edition.city,
            "venue": edition.venue,
            "start_date": edition.start_date.isoformat() if edition.start_date else None,
            "end_date": edition.end_date.isoformat() if edition.end_date else None,
            "url": edition_url(edition),
        },
        "rooms": [
            {
                "id": room.pk,
                "guid": room_guid(room),
                "name": room.name,
                "capacity": room.capacity,
                "step_free": room.step_free,
            }
            for room in Room.objects.filter(edition=edition).select_related("edition")
        ],
        "slots": [
            {
                "id": slot.pk,
                "start": _local(slot.start).isoformat(),
                "end": _local(slot.end).isoformat(),
                "label": slot.label,
            }
            for slot in TimeSlot.objects.filter(edition=edition)
        ],
        "format_types": [
            {
                "slug": f.slug,
                "name": f.name,
                "participatory": f.participatory,
                "default_duration_minutes": f.default_duration_minutes,
            }
            for f in FormatType.objects.filter(edition=edition)
        ],
        "themes": [t.name for t in edition.themes.all()],
        "tracks": [t.name for t in edition.tracks.all()],
        "sessions": [
            {
                "id": s.pk,
                "guid": session_guid(s),
                "title": s.title,
                "summary": s.summary,
                "description": s.description,
                "status": s.status,
                "format_type": s.format_type.slug if s.format_type_id else None,
                "themes": [t.name for t in s.themes.all()],
                "track": s.track.name if s.track_id else None,
                "room": s.room_id,
                "slot": s.slot_id,
                "start": _local(s.slot.start).isoformat() if s.slot_id else None,
                "end": _local(s.slot.end).isoformat() if s.slot_id else None,
                "capacity": s.capacity,
                "language": s.language,
                "partners": [p.name for p in s.partners.all()],
                "speakers": [{"id": r.speaker_id, "role": r.role} for r in s.speaker_roles.all()],
                "url": session_url(s),
            }
            for s in sessions
        ],
        "speakers": [
            {
                "id": sp.pk,
                "guid": speaker_guid(sp),
                "name": sp.name,
                "organisation": sp.organisation_name,
                "job_title": sp.job_title,
                "bio": sp.bio,
                "links": sp.links if isinstance(sp.links, list) else [],
            }
            for sp in sorted(speakers.values(), key=lambda sp: sp.name)
        ],
    }


# ---------------------------------------------------------------------------------------------
# iCal


def programme_ics(edition: Edition, *, public: bool = True) -> bytes:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Numérique en Commun[s]//nec//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", edition.title)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for session in sessions_for_export(edition, public=public):
        if not session.slot_id:
            continue
        event = Event()
        event.add("uid", f"{session_guid(session)}@numerique-en-commun")
        event.add("dtstamp", stamp)
        event.add("dtstart", _local(session.slot.start))
        event.add("dtend", _local(session.slot.end))
        event.add("summary", session.title)
        names = ", ".join(sp.name for sp in _persons(session))
        description = session.summary
        if names:
            description = f"{description}\n\n{_('Intervenant·es')} : {names}".strip()
        event.add("description", description)
        if session.room_id:
            event.add("location", session.room.name)
        event.add("url", session_url(session))
        if session.format_type_id:
            event.add("categories", [session.format_type.name])
        calendar.add_component(event)
    if hasattr(calendar, "add_missing_timezones"):
        calendar.add_missing_timezones()
    return calendar.to_ical()


# ---------------------------------------------------------------------------------------------
# CSV (semicolon-separated, UTF-8 with BOM: opens directly in French spreadsheets)


def sessions_csv(edition: Edition, *, public: bool = True) -> str:
    header = [
        "id",
        "titre",
        "statut",
        "format",
        "thèmes",
        "parcours",
        "salle",
        "début",
        "fin",
        "jauge",
        "langue",
        "intervenant·es",
        "partenaires",
        "résumé",
    ]
    rows = [header]
    for s in sessions_for_export(edition, public=public):
        rows.append(
            [
                s.pk,
                s.title,
                s.get_status_display(),
                s.format_type.name if s.format_type_id else "",
                ", ".join(t.name for t in s.themes.all()),
                s.track.name if s.track_id else "",
                s.room.name if s.room_id else "",
                _local(s.slot.start).strftime("%Y-%m-%d %H:%M") if s.slot_id else "",
                _local(s.slot.end).strftime("%Y-%m-%d %H:%M") if s.slot_id else "",
                s.capacity,
                s.language,
                ", ".join(sp.name for sp in _persons(s)),
                ", ".join(p.name for p in s.partners.all()),
                s.summary,
            ]
        )
    return csv_text(rows)


def speakers_csv(edition: Edition, *, public: bool = True) -> str:
    """Public: consenting speakers of published sessions, no contact data. Organisers: every
    speaker of the edition with e-mail and confirmation. Gender is never exported."""
    if public:
        roles = SessionSpeaker.objects.filter(
            session__edition=edition,
            session__status=Session.Status.PUBLISHED,
            speaker__public_consent=True,
        )
        header = ["nom", "organisation", "fonction", "sessions"]
    else:
        roles = SessionSpeaker.objects.filter(session__edition=edition)
        header = [
            "nom",
            "organisation",
            "fonction",
            "sessions",
            "e-mail",
            "présentation publique acceptée",
            "participations confirmées",
        ]
    by_speaker: dict[int, dict[str, Any]] = {}
    for role in roles.select_related("speaker", "session").order_by("speaker__name", "id"):
        entry = by_speaker.setdefault(
            role.speaker_id, {"speaker": role.speaker, "titles": [], "confirmed": 0}
        )
        entry["titles"].append(role.session.title)
        entry["confirmed"] += int(role.confirmed)
    rows = [header]
    for entry in by_speaker.values():
        sp = entry["speaker"]
        row = [sp.name, sp.organisation_name, sp.job_title, " | ".join(entry["titles"])]
        if not public:
            email = sp.email or (sp.user.email if sp.user_id else "")
            row += [email, "oui" if sp.public_consent else "non", entry["confirmed"]]
        rows.append(row)
    return csv_text(rows)


# ---------------------------------------------------------------------------------------------
# Import


@dataclass
class ParsedPerson:
    name: str
    external_id: str
    biography: str = ""


@dataclass
class ParsedEvent:
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
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


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
        problems.append(_("date illisible « %(value)s »") % {"value": event.findtext("date") or ""})
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
        where=_("ligne %(line)s") % {"line": line},
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
    for room in conference.get("rooms") or []:
        if isinstance(room, dict) and room.get("name"):
            if isinstance(room.get("capacity"), int | float):
                result.room_capacity[room["name"]] = int(room["capacity"])
            if room.get("guid"):
                result.room_guid[room["name"]] = str(room["guid"])
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
        problems.append(_("date illisible « %(value)s »") % {"value": _text(event.get("date"))})
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
        where=path,
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


@dataclass
class ImportPlan:
    """What applying would do (dry run) or did."""

    parsed: ParsedSchedule
    sessions_created: list[str] = field(default_factory=list)
    sessions_updated: list[str] = field(default_factory=list)
    speakers_created: int = 0
    rooms_created: int = 0
    slots_created: int = 0

    @property
    def ok(self) -> bool:
        return not self.parsed.errors


def _mapped(edition: Edition, kind: str) -> dict[str, int]:
    return dict(
        ImportedItem.objects.filter(edition=edition, kind=kind).values_list(
            "external_id", "object_id"
        )
    )


def _remember(edition: Edition, kind: str, external_id: str, obj) -> None:
    """Note that the imported item `external_id` is our row `obj` (a later import updates it)."""
    ImportedItem.objects.update_or_create(
        edition=edition, kind=kind, external_id=external_id, defaults={"object_id": obj.pk}
    )


def _own_session_guids(edition: Edition) -> dict[str, int]:
    return {session_guid(s): s.pk for s in Session.objects.filter(edition=edition)}


def plan_import(edition: Edition, parsed: ParsedSchedule) -> ImportPlan:
    """Dry run: nothing is written."""
    plan = ImportPlan(parsed=parsed)
    if parsed.errors:
        return plan
    known = _mapped(edition, ImportedItem.Kind.SESSION) | _own_session_guids(edition)
    known_speakers = set(_mapped(edition, ImportedItem.Kind.SPEAKER))
    speaker_names = set(Speaker.objects.filter(edition=edition).values_list("name", flat=True))
    rooms = set(Room.objects.filter(edition=edition).values_list("name", flat=True))
    slots = set(TimeSlot.objects.filter(edition=edition).values_list("start", "end"))
    new_people, new_rooms, new_slots = set(), set(), set()
    for event in parsed.events:
        (plan.sessions_updated if event.external_id in known else plan.sessions_created).append(
            event.title
        )
        if event.room not in rooms:
            new_rooms.add(event.room)
        if (event.start, event.end) not in slots:
            new_slots.add((event.start, event.end))
        for person in event.persons:
            if person.external_id not in known_speakers and person.name not in speaker_names:
                new_people.add(person.external_id)
    plan.speakers_created = len(new_people)
    plan.rooms_created = len(new_rooms)
    plan.slots_created = len(new_slots)
    return plan


def apply_import(actor, edition: Edition, parsed: ParsedSchedule) -> ImportPlan:
    """Write the parsed schedule into `edition` in one transaction; updates what an earlier
    import (or our own export) created instead of duplicating it. Refuses if anything is wrong."""
    from nec.programme.cfp import unique_speaker_slug

    plan = plan_import(edition, parsed)
    if not plan.ok:
        return plan
    with transaction.atomic():
        rooms = {r.name: r for r in Room.objects.filter(edition=edition)}
        formats = {f.name.lower(): f for f in FormatType.objects.filter(edition=edition)}
        tracks = {t.name.lower(): t for t in Track.objects.filter(edition=edition)}
        slots = {(s.start, s.end): s for s in TimeSlot.objects.filter(edition=edition)}
        session_map = _own_session_guids(edition) | _mapped(edition, ImportedItem.Kind.SESSION)
        speaker_map = _mapped(edition, ImportedItem.Kind.SPEAKER)
        speakers_by_name = {s.name: s for s in Speaker.objects.filter(edition=edition)}
        for event in parsed.events:
            room = rooms.get(event.room)
            if room is None:
                room = Room.objects.create(
                    edition=edition,
                    name=event.room,
                    capacity=parsed.room_capacity.get(event.room, 0),
                    position=len(rooms) + 1,
                )
                rooms[event.room] = room
            elif event.room in parsed.room_capacity and not room.capacity:
                room.capacity = parsed.room_capacity[event.room]
                room.save(update_fields=["capacity"])
            slot = slots.get((event.start, event.end))
            if slot is None:
                slot = TimeSlot.objects.create(edition=edition, start=event.start, end=event.end)
                slots[(event.start, event.end)] = slot
            format_type = None
            if event.type:
                format_type = formats.get(event.type.lower())
                if format_type is None:
                    slug = slugify(event.type)[:80] or "format"
                    format_type = FormatType.objects.filter(edition=edition, slug=slug).first()
                    if format_type is None:
                        minutes = int((event.end - event.start).total_seconds() // 60)
                        format_type = FormatType.objects.create(
                            edition=edition,
                            name=event.type[:80],
                            slug=slug,
                            default_duration_minutes=max(min(minutes, 32000), 1),
                        )
                    formats[event.type.lower()] = format_type
            track = None
            if event.track:
                track = tracks.get(event.track.lower())
                if track is None:
                    track = Track.objects.create(edition=edition, name=event.track[:120])
                    tracks[event.track.lower()] = track
            session = None
            if event.external_id in session_map:
                session = Session.objects.filter(
                    edition=edition, pk=session_map[event.external_id]
                ).first()
            fields = {
                "title": event.title[:250],
                "summary": event.abstract,
                "description": event.description,
                "format_type": format_type,
                "track": track,
                "room": room,
                "slot": slot,
                "language": event.language,
            }
            if session is None:
                session = Session.objects.create(
                    edition=edition, status=Session.Status.SCHEDULED, **fields
                )
            else:
                for name, value in fields.items():
                    setattr(session, name, value)
                session.save()
            _remember(edition, ImportedItem.Kind.SESSION, event.external_id, session)
            session_map[event.external_id] = session.pk
            wanted = []
            for position, person in enumerate(event.persons):
                speaker = None
                if person.external_id in speaker_map:
                    speaker = Speaker.objects.filter(
                        edition=edition, pk=speaker_map[person.external_id]
                    ).first()
                if speaker is None:
                    speaker = speakers_by_name.get(person.name)
                if speaker is None:
                    speaker = Speaker.objects.create(
                        edition=edition,
                        name=person.name[:200],
                        slug=unique_speaker_slug(edition, person.name),
                        bio=person.biography,
                    )
                    speakers_by_name[speaker.name] = speaker
                _remember(edition, ImportedItem.Kind.SPEAKER, person.external_id, speaker)
                speaker_map[person.external_id] = speaker.pk
                SessionSpeaker.objects.update_or_create(
                    session=session, speaker=speaker, defaults={"position": position}
                )
                wanted.append(speaker.pk)
            SessionSpeaker.objects.filter(session=session).exclude(speaker_id__in=wanted).delete()
        audit.record(
            actor,
            "programme.schedule_imported",
            edition,
            edition=edition,
            format=parsed.kind,
            created=len(plan.sessions_created),
            updated=len(plan.sessions_updated),
            speakers_created=plan.speakers_created,
        )
    return plan
