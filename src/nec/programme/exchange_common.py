"""What the programme exports and the schedule import share: the format version, the stable
identifiers of sessions, speakers and rooms (a UUID5 of their URL on this site, so that an exported
schedule can be re-imported and matched), public URLs and the sessions an export shows.

Exports never contain gender; public exports only show the publicly visible sessions
(`nec.programme.selectors.public_sessions`, as the public pages), at their PUBLISHED place, and
the speakers who consented to be shown publicly. Organisers' exports show the grid (draft)."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from nec.editions.models import Edition
from nec.programme.models import Room, Session, SessionSpeaker, Speaker
from nec.programme.selectors import public_sessions

SCHEMA_VERSION = "1.0"
GENERATOR = {"name": "nec", "version": SCHEMA_VERSION}


def sessions_for_export(edition: Edition, *, public: bool = True) -> list[Session]:
    """Public: the publicly visible sessions, at their published place. Organisers: every
    session that is not declined or cancelled, at its place in the grid. Each session gets
    `export_slot`, `export_room` (None when not placed) and `export_capacity`: what the export
    shows. Speakers are prefetched in order; non-consenting speakers are dropped from public
    exports."""
    if public:
        qs = public_sessions(edition)
        slot, room = "published_slot", "published_room"
    else:
        qs = Session.objects.filter(edition=edition).exclude(
            status__in=[Session.Status.DECLINED, Session.Status.CANCELLED]
        )
        slot, room = "slot", "room"
    roles = SessionSpeaker.objects.select_related("speaker__edition").order_by("position", "id")
    if public:
        roles = roles.filter(speaker__public_consent=True)
    sessions = list(
        qs.select_related("edition", "format_type", "track", f"{room}__edition", slot)
        .prefetch_related("themes", "partners", Prefetch("speaker_roles", queryset=roles))
        .order_by(f"{slot}__start", f"{room}__position", f"{room}__name", "title")
    )
    for session in sessions:
        session.export_slot, session.export_room = getattr(session, slot), getattr(session, room)
        session.export_capacity = session.capacity_in(session.export_room)
    return sessions


def _uuid(kind: str, edition: Edition, pk: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.BASE_URL}/{kind}/{edition.slug}/{pk}"))


def session_guid(session: Session) -> str:
    return _uuid("sessions", session.edition, session.pk)


def speaker_guid(speaker: Speaker) -> str:
    return _uuid("intervenants", speaker.edition, speaker.pk)


def room_guid(room: Room) -> str:
    return _uuid("salles", room.edition, room.pk)


def session_url(session: Session) -> str:
    return settings.BASE_URL + session.get_absolute_url()


def edition_url(edition: Edition) -> str:
    return settings.BASE_URL + reverse("editions:detail", kwargs={"slug": edition.slug})


def local_time(dt: datetime) -> datetime:
    """`dt` in the site's time zone (what every export shows)."""
    return timezone.localtime(dt)


def shown_speakers(session: Session) -> list[Speaker]:
    """The speakers of `session` an export shows, in order (prefetched by `sessions_for_export`)."""
    return [role.speaker for role in session.speaker_roles.all()]
