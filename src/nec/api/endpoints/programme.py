"""The public programme of an edition: sessions, rooms, time slots and speakers who consented.
Only what `nec.programme.selectors.public_sessions` makes public is ever shown."""

from __future__ import annotations

from typing import Annotated

from django.urls import reverse
from django.utils import translation
from ninja import Query, Router

from nec.api.endpoints.common import (
    ERRORS,
    PageQuery,
    PerPageQuery,
    SlugPath,
    absolute,
    latest,
    paginate,
    public_edition,
)
from nec.api.http import cached_json, set_last_modified
from nec.api.schemas import RoomOut, SessionPage, SlotOut, SpeakerOut
from nec.programme import listing, selectors
from nec.programme.models import Room, Session, TimeSlot

router = Router(tags=["programme"])


def room_out(room: Room) -> dict:
    return {
        "id": room.pk,
        "name": room.name,
        "capacity": room.capacity,
        "step_free": room.step_free,
    }


def session_out(session: Session, edition_slug: str) -> dict:
    slot = session.published_slot
    return {
        "id": session.pk,
        "title": session.title,
        "summary": session.summary,
        "description": session.description,
        "format": session.format_type.name if session.format_type else "",
        "track": session.track.name if session.track else "",
        "themes": [theme.name for theme in session.themes.all()],
        "language": session.language,
        "start": slot.start,
        "end": slot.end,
        "room": room_out(session.published_room),
        "speakers": [
            {
                "slug": role.speaker.slug,
                "name": role.speaker.name,
                "organisation": role.speaker.organisation_name,
                "role": role.role,
            }
            for role in session.speaker_roles.all()
            if role.speaker.public_consent
        ],
        "url": absolute(
            reverse("programme:session", kwargs={"edition": edition_slug, "pk": session.pk})
        ),
    }


@router.get(
    "/{slug}/sessions",
    response={200: SessionPage, **ERRORS},
    summary="Sessions publiques d'une édition",
    operation_id="list_sessions",
)
def list_sessions(
    request,
    slug: SlugPath,
    page: PageQuery = 1,
    per_page: PerPageQuery = 100,
    q: Annotated[str | None, Query(max_length=200, description="Mots cherchés.")] = None,
    room: Annotated[
        int | None, Query(ge=1, le=2**53, description="Identifiant de la salle.")
    ] = None,
    day: Annotated[
        str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="Jour, AAAA-MM-JJ.")
    ] = None,
):
    """Les sessions du programme publié, dans l'ordre du programme."""
    edition = public_edition(slug)
    set_last_modified(request, latest(selectors.public_sessions(edition)))
    key = ":".join(
        str(part)
        for part in (
            "api-sessions",
            edition.pk,
            translation.get_language(),
            listing.fingerprint(edition),
            q,
            room,
            day,
            page,
            per_page,
        )
    )
    return cached_json(key, lambda: _sessions_page(edition, page, per_page, q, room, day))


def _sessions_page(edition, page: int, per_page: int, q, room, day) -> dict:
    sessions = selectors.published_sessions(edition)  # in programme order, speakers loaded
    if q:
        sessions = selectors.search(sessions, q)
    if room:
        sessions = sessions.filter(published_room_id=room)
    if day:
        sessions = sessions.filter(published_slot__start__date=day)
    items, envelope = paginate(sessions, page, per_page)
    data = {**envelope, "results": [session_out(s, edition.slug) for s in items]}
    # validated against the documented schema once, when built
    return SessionPage.model_validate(data).model_dump(mode="json")


@router.get(
    "/{slug}/rooms",
    response={200: list[RoomOut], **ERRORS},
    summary="Salles du programme publié",
    operation_id="list_rooms",
)
def list_rooms(request, slug: SlugPath):
    edition = public_edition(slug)
    used = selectors.public_sessions(edition).values("published_room_id")
    return [room_out(r) for r in Room.objects.filter(edition=edition, pk__in=used)]


@router.get(
    "/{slug}/slots",
    response={200: list[SlotOut], **ERRORS},
    summary="Créneaux du programme publié",
    operation_id="list_slots",
)
def list_slots(request, slug: SlugPath):
    edition = public_edition(slug)
    used = selectors.public_sessions(edition).values("published_slot_id")
    slots = TimeSlot.objects.filter(edition=edition, pk__in=used)
    return [{"id": s.pk, "start": s.start, "end": s.end, "label": s.label} for s in slots]


@router.get(
    "/{slug}/speakers",
    response={200: list[SpeakerOut], **ERRORS},
    summary="Intervenant·es (ayant accepté d'être présenté·es)",
    operation_id="list_speakers",
)
def list_speakers(request, slug: SlugPath):
    edition = public_edition(slug)
    public_ids = set(selectors.public_sessions(edition).values_list("pk", flat=True))
    speakers = selectors.public_speakers(edition).prefetch_related("session_roles")
    return [
        {
            "slug": s.slug,
            "name": s.name,
            "organisation": s.organisation_name,
            "job_title": s.job_title,
            "bio": s.bio,
            "sessions": sorted(
                r.session_id for r in s.session_roles.all() if r.session_id in public_ids
            ),
        }
        for s in speakers
    ]
