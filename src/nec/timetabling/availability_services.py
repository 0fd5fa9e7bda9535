"""The slots a session cannot take (its speakers' availability): reading them for the solver's
instance and the warnings, and the one service that changes them, used by the team's page and
by the session's own speakers ("Mes disponibilités d'intervenant·e")."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from nec.core import audit
from nec.editions.models import Edition
from nec.programme.models import Session, TimeSlot
from nec.timetabling.models import SessionUnavailability

#: sessions whose availability may still be entered (proposed or in the programme)
EDITABLE_STATUSES = (Session.Status.PROPOSED, *Session.ACTIVE_STATUSES)


#: the code of the grid conflict "placed in an unavailable slot"
UNAVAILABLE_CODE = "session_unavailable"


def unavailable_by_session(edition: Edition) -> dict[int, set[int]]:
    """{session pk: pks of the slots it cannot take}, for the sessions of `edition` that have
    some (one query)."""
    found: dict[int, set[int]] = {}
    for session_pk, slot_pk in SessionUnavailability.objects.filter(
        session__edition=edition
    ).values_list("session_id", "slot_id"):
        found.setdefault(session_pk, set()).add(slot_pk)
    return found


def misplaced(edition: Edition) -> list[SessionUnavailability]:
    """The unavailabilities the grid breaks: a placed session sits in (draft) or was published
    in one of its unavailable slots."""
    return list(
        SessionUnavailability.objects.filter(
            session__edition=edition, session__status__in=Session.PLACED_STATUSES
        )
        .filter(Q(slot=F("session__slot")) | Q(slot=F("session__published_slot")))
        .select_related("session", "slot")
        .order_by("slot__start", "session__title", "pk")
    )


def grid_conflicts(sessions: list[Session]) -> list:
    """The programme's grid check (registered in `nec.programme.conflict_checks`): each placed
    session sitting in a slot it was declared unavailable in, in one query."""
    from nec.programme.timetable import Conflict

    placed = {s.pk: s for s in sessions if s.slot_id}
    if not placed:
        return []
    clashes = SessionUnavailability.objects.filter(
        session_id__in=list(placed), slot_id=F("session__slot_id")
    ).values_list("session_id", "note")
    return [
        Conflict(
            UNAVAILABLE_CODE,
            _(
                "« %(title)s » est placée sur le créneau « %(when)s », où elle est "
                "indisponible%(why)s."
            )
            % {
                "title": placed[pk].title,
                "when": str(placed[pk].slot),
                "why": f" ({note})" if note else "",
            },
            [placed[pk]],
        )
        for pk, note in clashes
    ]


def speaker_sessions(user, *, today: date | None = None) -> QuerySet[Session]:
    """The sessions `user` speaks in whose availability they may still give: proposed or in the
    programme, of an edition that is not over."""
    today = today or timezone.localdate()
    return (
        Session.objects.filter(speakers__user=user, status__in=EDITABLE_STATUSES)
        .filter(
            Q(edition__end_date__gte=today)
            | Q(edition__end_date__isnull=True, edition__start_date__gte=today)
            | Q(edition__end_date__isnull=True, edition__start_date__isnull=True)
        )
        .select_related("edition", "slot")
        .distinct()
        .order_by("edition__start_date", "title", "pk")
    )


def is_speaker(user) -> bool:
    """Whether `user` has a session whose availability they may give (the link on "Mon
    espace")."""
    return bool(user.is_authenticated) and speaker_sessions(user).exists()


def set_unavailable_slots(
    session: Session, slot_pks, *, actor, note: str = ""
) -> tuple[list[int], list[int]]:
    """Make `slot_pks` the slots `session` cannot take (others become available again), with
    an optional `note` (the reason, shown to the team). Returns (slots added, slots removed).
    Refused: a slot of another edition or unknown, every slot of the edition (the session could
    go nowhere), a session no longer in the programme."""
    wanted = {int(pk) for pk in slot_pks}
    note = (note or "").strip()
    if session.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("« %(title)s » ne fait plus partie du programme.") % {"title": session.title}
        )
    edition_slots = set(
        TimeSlot.objects.filter(edition_id=session.edition_id).values_list("pk", flat=True)
    )
    if wanted - edition_slots:
        raise ValidationError({"slots": _("Ce créneau n'existe pas dans cette édition.")})
    if wanted and wanted >= edition_slots:
        raise ValidationError(
            {
                "slots": _(
                    "Laissez au moins un créneau disponible : sinon la session ne peut être "
                    "placée nulle part."
                )
            }
        )
    if len(note) > 200:
        raise ValidationError({"note": _("Le motif ne doit pas dépasser 200 caractères.")})
    with transaction.atomic():
        # one change at a time per session (the team and a speaker may save together)
        list(Session.objects.select_for_update().filter(pk=session.pk).order_by().values("pk"))
        rows = SessionUnavailability.objects.filter(session=session)
        current = dict(rows.values_list("slot_id", "note"))
        added = sorted(wanted - set(current))
        removed = sorted(set(current) - wanted)
        notes_changed = any(current[pk] != note for pk in set(current) & wanted)
        if not (added or removed or notes_changed):
            return [], []
        rows.filter(slot_id__in=removed).delete()
        rows.filter(slot_id__in=wanted).exclude(note=note).update(note=note)
        SessionUnavailability.objects.bulk_create(
            [
                SessionUnavailability(session=session, slot_id=pk, note=note, created_by=actor)
                for pk in added
            ]
        )
        audit.record(
            actor,
            "timetabling.unavailability_set",
            session,
            slots=sorted(wanted),
            added=added,
            removed=removed,
            note=note,
        )
    return added, removed
