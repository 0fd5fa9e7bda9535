"""The programme's own exports: the programme JSON (documented by schemas/programme.schema.json),
the iCalendar of the programme and the CSV files of sessions and speakers.

Only the organisers' CSV of speakers has e-mail addresses; gender is never exported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nec.core.spreadsheets import csv_text
from nec.editions.models import Edition
from nec.programme.exchange_common import (
    SCHEMA_VERSION,
    edition_url,
    local_time,
    room_guid,
    session_guid,
    session_url,
    sessions_for_export,
    shown_speakers,
    speaker_guid,
)
from nec.programme.models import FormatType, Room, SessionSpeaker, Speaker, TimeSlot
from nec.programme.selectors import public_sessions

PROGRAMME_SCHEMA_PATH = Path(__file__).parent / "schemas" / "programme.schema.json"


# ---------------------------------------------------------------------------------------------
# Our own JSON (documented by schemas/programme.schema.json)


def programme_json(edition: Edition, *, public: bool = True) -> dict[str, Any]:
    sessions = list(sessions_for_export(edition, public=public))
    speakers: dict[int, Speaker] = {}
    for session in sessions:
        for speaker in shown_speakers(session):
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
                "start": local_time(slot.start).isoformat(),
                "end": local_time(slot.end).isoformat(),
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
                "room": s.export_room.pk if s.export_room else None,
                "slot": s.export_slot.pk if s.export_slot else None,
                "start": local_time(s.export_slot.start).isoformat() if s.export_slot else None,
                "end": local_time(s.export_slot.end).isoformat() if s.export_slot else None,
                "capacity": s.export_capacity,
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
        if session.export_slot is None:
            continue
        event = Event()
        event.add("uid", f"{session_guid(session)}@numerique-en-commun")
        event.add("dtstamp", stamp)
        event.add("dtstart", local_time(session.export_slot.start))
        event.add("dtend", local_time(session.export_slot.end))
        event.add("summary", session.title)
        names = ", ".join(sp.name for sp in shown_speakers(session))
        description = session.summary
        if names:
            description = f"{description}\n\n{_('Intervenant·es')} : {names}".strip()
        event.add("description", description)
        if session.export_room is not None:
            event.add("location", session.export_room.name)
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
                s.export_room.name if s.export_room else "",
                local_time(s.export_slot.start).strftime("%Y-%m-%d %H:%M") if s.export_slot else "",
                local_time(s.export_slot.end).strftime("%Y-%m-%d %H:%M") if s.export_slot else "",
                s.export_capacity,
                s.language,
                ", ".join(sp.name for sp in shown_speakers(s)),
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
            session__in=public_sessions(edition).values("pk"), speaker__public_consent=True
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
