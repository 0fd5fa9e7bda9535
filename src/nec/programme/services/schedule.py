"""The timetable of an edition: placing sessions in the grid (rooms × slots), taking them out,
and publishing numbered versions of the schedule with their change log and speaker e-mails.

The grid (`Session.slot`, `Session.room`) is a draft: the public pages, exports and bookings
read the placement of the last publication (`Session.published_slot`, `published_room`), which
only `publish_schedule` writes. A session taken out of the grid stays public (status "publiée")
until the next publication; cancelling a session takes it out of both at once."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nec.core import audit
from nec.core.mail import send_templated_mail
from nec.editions.models import Edition
from nec.programme import capacity_hooks, charter, timetable
from nec.programme.models import Room, ScheduleVersion, Session, SessionSpeaker, Speaker, TimeSlot
from nec.programme.services.common import Actor, same_edition

logger = logging.getLogger(__name__)

Status = Session.Status


class MoveNeedsConfirmation(ValidationError):
    """A move to a room with fewer seats than the session's bookings: refused until the
    organiser confirms it (`confirm_overflow=True`). `conflict` explains it."""

    def __init__(self, conflict: timetable.Conflict):
        super().__init__(conflict.message, code=timetable.MORE_BOOKINGS_THAN_SEATS)
        self.conflict = conflict


# --------------------------------------------------------------------------- the grid


def place_session(
    session: Session,
    slot: TimeSlot,
    room: Room,
    *,
    actor: Actor,
    confirm_overflow: bool = False,
) -> Session:
    """Put `session` in the cell (`slot`, `room`), moving it if it was elsewhere. The move is a
    draft: the public sees it at the next publication.

    Refused if the cell holds another session. A room with fewer seats than the session's
    bookings raises `MoveNeedsConfirmation` unless `confirm_overflow`: confirmed, the extra
    bookings go back to the waiting list when the move is published. Other conflicts (a speaker
    elsewhere at the same time, a room too small …) are allowed and listed by
    `nec.programme.timetable.conflicts`."""
    edition = session.edition
    same_edition(edition, slot=slot, room=room)
    # decide on the saved state
    session.refresh_from_db(
        fields=["status", "slot", "room", "published_room", "capacity_override"]
    )
    if session.status not in Session.ACTIVE_STATUSES:
        raise ValidationError(
            _("La session « %(title)s » est « %(status)s » : acceptez-la avant de la placer.")
            % {"title": session.title, "status": session.get_status_display()}
        )
    with transaction.atomic():
        # lock the slot row so that two organisers cannot fill the same cell at once
        TimeSlot.objects.select_for_update().filter(pk=slot.pk).first()
        occupant = (
            Session.objects.filter(
                edition=edition, slot=slot, room=room, status__in=Session.PLACED_STATUSES
            )
            .exclude(pk=session.pk)
            .first()
        )
        if occupant is not None:
            raise ValidationError(
                _(
                    "Impossible de placer « %(title)s » : la salle %(room)s est déjà occupée "
                    "le %(slot)s par « %(occupant)s ». Déplacez ou retirez d'abord cette session."
                )
                % {"title": session.title, "room": room.name, "slot": slot, "occupant": occupant}
            )
        previous = (
            {"slot": str(session.slot), "room": session.room.name} if session.is_placed else None
        )
        if previous is not None and session.slot_id == slot.pk and session.room_id == room.pk:
            return session
        overflow = timetable.bookings_overflow(session, room)
        if overflow is not None and not confirm_overflow:
            raise MoveNeedsConfirmation(overflow)
        session.slot, session.room = slot, room
        if session.status == Status.ACCEPTED:
            session.status = Status.SCHEDULED
        session.save(update_fields=["slot", "room", "status", "updated_at"])
        audit.record(
            actor,
            "programme.session_moved" if previous else "programme.session_placed",
            session,
            edition=edition,
            previous=previous,
            slot=str(slot),
            room=room.name,
            **({"overflow_confirmed": overflow.message} if overflow is not None else {}),
        )
    return session


def unplace_session(session: Session, *, actor: Actor) -> Session:
    """Take `session` out of the grid; a published session stays on the public programme (at
    its published place) until the next publication removes it."""
    session.refresh_from_db(fields=["status", "slot", "room", "published_slot", "published_room"])
    if not session.is_placed and session.status != Status.SCHEDULED:
        raise ValidationError(
            _("La session « %(title)s » n'est pas dans la grille.") % {"title": session.title}
        )
    with transaction.atomic():
        previous = {"slot": str(session.slot), "room": str(session.room)}
        session.slot = session.room = None
        session.status = Status.PUBLISHED if session.is_publicly_placed else Status.ACCEPTED
        session.save(update_fields=["slot", "room", "status", "updated_at"])
        audit.record(
            actor, "programme.session_unplaced", session, edition=session.edition, **previous
        )
    return session


# --------------------------------------------------------------------------- publishing


def placed_for_publication(edition: Edition) -> QuerySet[Session]:
    """The sessions of `edition` placed in the grid (scheduled or published), i.e. what the next
    publication makes public, with what the charter checks need."""
    return charter.with_speakers(
        Session.objects.filter(
            edition=edition,
            status__in=Session.PLACED_STATUSES,
            slot__isnull=False,
            room__isnull=False,
        ).select_related("slot", "room")
    ).order_by("slot__start", "room__position", "title")


def _when(slot: TimeSlot) -> str:
    """'mardi 30/03 10:15–11:15' (local time), whatever the slot's label."""
    start, end = timezone.localtime(slot.start), timezone.localtime(slot.end)
    with translation.override("fr"):  # stored in the change log and e-mailed in French
        return f"{date_format(start, 'l d/m H:i')}–{end:%H:%M}"


def _snapshot(sessions: Iterable[Session], *, published: bool = False) -> dict[str, dict]:
    """{session pk: its placement}: in the grid, or with `published` the published one."""
    result = {}
    for session in sessions:
        if published:
            slot, room = session.published_slot, session.published_room
        else:
            slot, room = session.slot, session.room
        result[str(session.pk)] = {
            "title": session.title,
            "slot": slot.pk,
            "slot_label": _when(slot),
            "start": slot.start.isoformat(),
            "room": room.pk,
            "room_name": room.name,
        }
    return result


def published_placement(edition: Edition) -> QuerySet[Session]:
    """The sessions of `edition` in the last published version, at their published place
    (private times and charter breaches included: this is the schedule, not its public view)."""
    return Session.objects.filter(
        edition=edition,
        status=Status.PUBLISHED,
        published_slot__isnull=False,
        published_room__isnull=False,
    ).select_related("published_slot", "published_room")


def latest_version(edition: Edition) -> ScheduleVersion | None:
    return ScheduleVersion.objects.filter(edition=edition).order_by("-number").first()


def _diff(previous: dict[str, dict], current: dict[str, dict]) -> dict[str, list[dict]]:
    def where(item: dict) -> str:
        return f"{item['slot_label']} — {item['room_name']}"

    added = [
        {"session": int(pk), "title": item["title"], "to": where(item)}
        for pk, item in current.items()
        if pk not in previous
    ]
    moved = [
        {
            "session": int(pk),
            "title": item["title"],
            "from": where(previous[pk]),
            "to": where(item),
        }
        for pk, item in current.items()
        if pk in previous
        and (previous[pk]["slot"], previous[pk]["room"]) != (item["slot"], item["room"])
    ]
    removed = [
        {"session": int(pk), "title": item["title"], "from": where(item)}
        for pk, item in previous.items()
        if pk not in current
    ]
    return {"added": added, "moved": moved, "removed": removed}


def schedule_changes(
    edition: Edition, sessions: Iterable[Session] | None = None
) -> dict[str, list[dict]]:
    """What publishing now would add, move and remove: the grid (draft) against the published
    placement."""
    if sessions is None:
        sessions = placed_for_publication(edition)
    published = _snapshot(published_placement(edition), published=True)
    return _diff(published, _snapshot(sessions))


def _write_publication(edition: Edition, sessions: list[Session]) -> list[int]:
    """Copy the grid's placement of `sessions` to their published placement, take the sessions
    out of the grid off the published programme; returns the sessions whose published room
    changes (or which had none)."""
    now = timezone.now()
    room_changed = [s.pk for s in sessions if s.published_room_id != s.room_id]
    for session in sessions:
        session.published_slot, session.published_room = session.slot, session.room
        session.status = Status.PUBLISHED
        session.updated_at = now
    Session.objects.bulk_update(
        sessions, ["published_slot", "published_room", "status", "updated_at"]
    )
    gone = Session.objects.filter(edition=edition).exclude(pk__in=[s.pk for s in sessions])
    gone.filter(published_slot__isnull=False).update(
        published_slot=None, published_room=None, updated_at=now
    )
    gone.filter(status=Status.PUBLISHED).update(status=Status.ACCEPTED, updated_at=now)
    return room_changed


def publish_schedule(edition: Edition, *, actor: Actor) -> ScheduleVersion:
    """Publish the grid of `edition`: every placed session takes its place on the public
    programme (and the sessions taken out of the grid leave it) as a new numbered version of the
    schedule, with the change log since the previous one; the speakers whose sessions moved are
    e-mailed. Bookings over the seats of a session's new room go back to the waiting list
    (through `nec.programme.capacity_hooks`, in this transaction).

    Refused while a session to publish breaks a hard rule of the charter."""
    with transaction.atomic():
        # one publication at a time per edition
        Edition.objects.select_for_update().filter(pk=edition.pk).first()
        # the sessions' rows, by primary key as the booking services take them: no seat changes
        # while the published rooms change
        list(
            Session.objects.select_for_update().filter(edition=edition).order_by("pk").values("pk")
        )
        sessions = list(placed_for_publication(edition))
        previous = _snapshot(published_placement(edition), published=True)
        if not sessions and not previous:
            raise ValidationError(_("Aucune session n'est placée dans la grille : rien à publier."))
        blockers = charter.blocking_issues(sessions)
        if blockers:
            raise ValidationError(
                [_("Publication refusée par la charte.")]
                + [issue.message for _s, issue in blockers]
            )
        last = latest_version(edition)
        snapshot = _snapshot(sessions)
        changes = _diff(previous, snapshot)
        if last is not None and not any(changes.values()):
            unpublished = [s for s in sessions if s.status != Status.PUBLISHED]
            if not unpublished:
                raise ValidationError(
                    _("Rien n'a changé depuis la version %(number)d.") % {"number": last.number}
                )
        room_changed = _write_publication(edition, sessions)
        version = ScheduleVersion.objects.create(
            edition=edition,
            number=(last.number + 1) if last else 1,
            published_by=actor if getattr(actor, "is_authenticated", False) else None,
            changelog=changes,
            snapshot=snapshot,
        )
        version.bookings_sent_back = capacity_hooks.room_published(
            edition, room_changed, actor=actor
        )
        audit.record(
            actor,
            "programme.schedule_published",
            version,
            edition=edition,
            number=version.number,
            added=len(changes["added"]),
            moved=len(changes["moved"]),
            removed=len(changes["removed"]),
            bookings_sent_back=version.bookings_sent_back,
        )
    version.mails_sent, version.mails_failed = notify_speakers(version)
    return version


def notify_speakers(version: ScheduleVersion) -> tuple[int, int]:
    """E-mail each speaker (with an address) of the sessions added, moved or removed by
    `version`, once, listing their changes. Returns (sent, failed)."""
    kinds = (("added", _("Session au programme")), ("moved", _("Session déplacée")),
             ("removed", _("Session retirée du programme")))  # fmt: skip
    edition = version.edition
    public = edition.status != Edition.Status.DRAFT
    per_session: dict[int, list[dict]] = {}
    for kind, label in kinds:
        for item in version.changelog.get(kind, []):
            url = ""
            if public and kind != "removed":
                url = settings.BASE_URL + reverse(
                    "programme:session", kwargs={"edition": edition.slug, "pk": item["session"]}
                )
            per_session.setdefault(item["session"], []).append({**item, "kind": label, "url": url})
    if not per_session:
        return 0, 0
    per_speaker: dict[int, tuple[Speaker, list[dict]]] = {}
    links = SessionSpeaker.objects.filter(session_id__in=per_session).select_related("speaker")
    for link in links:
        if not link.speaker.email:
            continue
        entry = per_speaker.setdefault(link.speaker_id, (link.speaker, []))
        entry[1].extend(per_session[link.session_id])
    sent = failed = 0
    for speaker, changes in per_speaker.values():
        try:
            send_templated_mail(
                "programme/email/schedule_changed",
                {"speaker": speaker, "edition": version.edition, "version": version,
                 "changes": changes},
                to=[speaker.email],
            )  # fmt: skip
        except Exception:  # a mail failure must not undo the publication
            logger.exception("Schedule mail to speaker %s failed", speaker.pk)
            failed += 1
        else:
            sent += 1
    return sent, failed
