"""When and where a speaker speaks, as published: shown on "Mes propositions" and, for the
editions to come, at the top of "Mon espace" (a panel of the accounts' home). Only the published
programme counts (a draft placement may still move); the public page is linked only when the
public can read it."""

from __future__ import annotations

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from nec.programme.models import Session, SessionSpeaker
from nec.programme.selectors import public_sessions


def with_public_pages(sessions: list[Session]) -> list[Session]:
    """Set `session.public_url` ("" when the public cannot read its page) on each session."""
    public_ids: set[int] = set()
    for edition in {session.edition for session in sessions}:
        mine = [s.pk for s in sessions if s.edition_id == edition.pk]
        public_ids |= set(public_sessions(edition).filter(pk__in=mine).values_list("pk", flat=True))
    for session in sessions:
        session.public_url = session.get_absolute_url() if session.pk in public_ids else ""
    return sessions


def coming_talks_panel(request) -> str:
    """The person's published sessions of editions not over yet, soonest first, with the
    button confirming their participation while they have not."""
    sessions = list(
        Session.objects.filter(speakers__user=request.user, status=Session.Status.PUBLISHED)
        .filter(published_slot__end__gte=timezone.now(), published_room__isnull=False)
        .filter(Q(edition__end_date__gte=timezone.localdate()) | Q(edition__end_date=None))
        .select_related("edition", "published_slot", "published_room", "format_type")
        .distinct()
        .order_by("published_slot__start", "pk")
    )
    if not sessions:
        return ""
    unconfirmed = SessionSpeaker.objects.filter(
        session__in=sessions, speaker__user=request.user, confirmed=False
    )
    to_confirm = {role.session_id: role for role in unconfirmed}
    for session in sessions:
        session.role_to_confirm = to_confirm.get(session.pk)
    return render_to_string(
        "programme/account/coming_talks.html",
        {"sessions": with_public_pages(sessions)},
        request=request,
    )
