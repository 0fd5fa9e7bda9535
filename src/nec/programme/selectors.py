"""Read queries of the programme shared by views, exports and other apps.

Public means: a published session (placed, with its slot and room) of an edition that is not a
draft (see `nec.editions.selectors.public_edition_or_404`), whose format type is public, that
breaks no hard rule of the charter."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from nec.editions.models import Edition
from nec.programme import charter
from nec.programme.models import Session, SessionSpeaker, Speaker


def published_sessions(edition: Edition, *, full: bool = True) -> QuerySet[Session]:
    """The public sessions of `edition`, in programme order, with their slot, room, format, track
    and speakers (in order) loaded; with `full`, also themes, partners and long texts (a session
    page or an export), else only what a programme list shows."""
    speaker_roles = SessionSpeaker.objects.select_related("speaker").order_by("position", "id")
    if not full:
        speaker_roles = speaker_roles.only(
            "id", "session_id", "speaker_id", "role", "position",
            "speaker__id", "speaker__name", "speaker__slug", "speaker__gender",
            "speaker__public_consent", "speaker__organisation_name",
        )  # fmt: skip
    sessions = (
        Session.objects.filter(
            edition=edition,
            status=Session.Status.PUBLISHED,
            slot__isnull=False,
            room__isnull=False,
        )
        .exclude(format_type__public=False)
        .select_related("slot", "room", "format_type", "track")
        .prefetch_related(Prefetch("speaker_roles", queryset=speaker_roles))
        .order_by("slot__start", "room__position", "room__name", "title")
    )
    if full:
        return sessions.prefetch_related("themes", "partners")
    return sessions.defer("description", "summary", "material_needs")


def without_charter_breaches(sessions) -> list[Session]:
    """Drop sessions breaking a hard charter rule (e.g. a speaker added after publication)."""
    return [s for s in sessions if not any(i.is_blocking for i in charter.session_issues(s))]


def search(sessions: QuerySet[Session], text: str) -> QuerySet[Session]:
    """Simple full-text search (every word must match) over title, summary, description and the
    names and organisations of the speakers who agreed to be shown."""
    text = (text or "").strip()
    if not text:
        return sessions
    matching = Q()
    for word in text.split()[:8]:
        matching &= (
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
            | Q(
                speaker_roles__speaker__public_consent=True,
                speaker_roles__speaker__name__icontains=word,
            )
            | Q(
                speaker_roles__speaker__public_consent=True,
                speaker_roles__speaker__organisation_name__icontains=word,
            )
        )
    ids = Session.objects.filter(matching).values("pk")
    return sessions.filter(pk__in=ids)


def public_session_or_404(edition: Edition, pk: int) -> Session:
    session = published_sessions(edition).filter(pk=pk).first()
    if session is None or not without_charter_breaches([session]):
        raise Http404
    return session


def public_speakers(edition: Edition) -> QuerySet[Speaker]:
    """Speakers who agreed to be shown and speak in at least one public session."""
    public_ids = published_sessions(edition).values("pk")
    return (
        Speaker.objects.filter(
            edition=edition, public_consent=True, session_roles__session__in=public_ids
        )
        .distinct()
        .order_by("name")
    )
