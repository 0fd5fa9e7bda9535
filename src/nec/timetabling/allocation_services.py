"""State changes of the fair seat allocation: the team opens the ranking window, participants
save their rankings (first, second, third choice per published slot), the team closes the window,
which runs `allocation.allocate_fair` and books the seats through the registrations' `book`
service (its checks, capacity lock and audit apply), all in ONE transaction, then e-mails each
person their result. Afterwards normal booking and waiting lists continue unchanged."""

from __future__ import annotations

import secrets
import time
from collections import defaultdict
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nec.core import audit
from nec.editions.models import Edition
from nec.programme.models import Session, TimeSlot
from nec.registrations.booking import book
from nec.registrations.booking_rules import BookingError
from nec.registrations.models import Booking, Registration
from nec.registrations.selectors import SEAT_HOLDING, bookable_sessions, seats_left_many
from nec.timetabling.allocation import Problem, allocate_fair, compare
from nec.timetabling.allocation_tasks import send_allocation_results
from nec.timetabling.models import AllocationWindow, Ranking

MAX_RANK = 3
FCFS_RUNS = 20


def window_of(edition: Edition) -> AllocationWindow | None:
    return AllocationWindow.objects.filter(edition=edition).first()


def window_state(window: AllocationWindow | None, now: datetime | None = None) -> str:
    """ "none", "not_yet", "open", "ended" (past its close, not yet allocated), "closing" (the
    allocation is running) or "allocated"."""
    now = now or timezone.now()
    if window is None:
        return "none"
    if window.status == AllocationWindow.Status.ALLOCATED:
        return "allocated"
    if window.status == AllocationWindow.Status.CLOSING:
        return "closing"
    if now < window.opens_at:
        return "not_yet"
    return "open" if now < window.closes_at else "ended"


def rankable_slots(edition: Edition) -> list[tuple[TimeSlot, list[Session]]]:
    """The bookable sessions (published, public, with seats) grouped by published slot, in
    programme order."""
    by_slot: dict[int, list[Session]] = defaultdict(list)
    slots: dict[int, TimeSlot] = {}
    for session in bookable_sessions(edition).order_by("published_slot__start", "title"):
        slots[session.published_slot_id] = session.published_slot
        by_slot[session.published_slot_id].append(session)
    return [(slots[pk], by_slot[pk]) for pk in sorted(slots, key=lambda pk: slots[pk].start)]


def open_window(
    edition: Edition, *, actor, opens_at: datetime, closes_at: datetime
) -> AllocationWindow:
    """Open (or move the dates of) the edition's ranking window."""
    if closes_at <= opens_at:
        raise ValidationError(
            {"closes_at": _("La clôture doit venir après l'ouverture des classements.")}
        )
    with transaction.atomic():
        window = AllocationWindow.objects.select_for_update().filter(edition=edition).first()
        if window is not None and window.status != AllocationWindow.Status.OPEN:
            raise ValidationError(_("Les places de cette édition ont déjà été attribuées."))
        if window is None:
            window = AllocationWindow(
                edition=edition, created_by=actor, seed=secrets.randbelow(2**31)
            )
        window.opens_at, window.closes_at = opens_at, closes_at
        window.save()
        audit.record(
            actor,
            "timetabling.allocation_window_set",
            window,
            edition=edition,
            opens_at=opens_at.isoformat(),
            closes_at=closes_at.isoformat(),
        )
    return window


def my_rankings(registration: Registration) -> dict[int, int]:
    """{session pk: rank} of this person (nobody else's)."""
    return dict(Ranking.objects.filter(registration=registration).values_list("session_id", "rank"))


def save_rankings(
    registration: Registration,
    ranks: dict[int, int],
    *,
    actor,
    now: datetime | None = None,
) -> int:
    """Replace the person's rankings by `ranks` ({session pk: 1 to 3}); returns how many.
    Refused (ValidationError, French) outside the window, for a registration that is not
    confirmed, a session that is cancelled or not bookable, or two sessions of one slot with the
    same rank."""
    edition = registration.edition
    window = window_of(edition)
    state = window_state(window, now)
    if state == "none":
        raise ValidationError(_("Cette édition n'attribue pas les places par classement."))
    if state == "not_yet":
        when = date_format(timezone.localtime(window.opens_at), "DATETIME_FORMAT")
        raise ValidationError(_("Les classements ouvriront le %(date)s.") % {"date": when})
    if state == "allocated":
        raise ValidationError(_("Les classements sont clos : les places ont été attribuées."))
    if state != "open":  # ended or closing: the allocation is still to come
        raise ValidationError(
            _("Les classements sont clos : les places seront bientôt attribuées.")
        )
    if registration.status != Registration.Status.CONFIRMED:
        raise ValidationError(_("Votre inscription doit être confirmée pour classer des sessions."))
    sessions = {
        s.pk: s
        for s in Session.objects.filter(edition=edition, pk__in=list(ranks)).select_related(
            "published_slot"
        )
    }
    bookable = set(
        bookable_sessions(edition).filter(pk__in=list(ranks)).values_list("pk", flat=True)
    )
    seen: dict[tuple[int, int], Session] = {}
    rows = []
    for pk, rank in sorted(ranks.items()):
        session = sessions.get(pk)
        if session is None:
            raise ValidationError(_("Cette session n'appartient pas au programme de l'édition."))
        if session.status == Session.Status.CANCELLED:
            raise ValidationError(
                _("« %(title)s » a été annulée : elle ne peut pas être classée.")
                % {"title": session.title}
            )
        if pk not in bookable:
            raise ValidationError(
                _("« %(title)s » ne se réserve pas : elle ne peut pas être classée.")
                % {"title": session.title}
            )
        if not 1 <= rank <= MAX_RANK:
            raise ValidationError(_("Un choix va du 1er au 3e."))
        key = (session.published_slot_id, rank)
        if key in seen:
            raise ValidationError(
                _("« %(a)s » et « %(b)s » ont le même rang (%(rank)s) sur le même créneau.")
                % {"a": seen[key].title, "b": session.title, "rank": rank}
            )
        seen[key] = session
        rows.append(
            Ranking(
                window=window,
                registration=registration,
                session=session,
                slot_id=session.published_slot_id,
                rank=rank,
            )
        )
    with transaction.atomic():
        Ranking.objects.filter(registration=registration).delete()
        Ranking.objects.bulk_create(rows)
        audit.record(
            actor, "timetabling.rankings_saved", registration, edition=edition, count=len(rows)
        )
    return len(rows)


def ranking_counts(window: AllocationWindow) -> tuple[int, int]:
    """(people who ranked, rankings)."""
    rows = Ranking.objects.filter(window=window)
    return rows.values("registration").distinct().count(), rows.count()


def build_problem(window: AllocationWindow) -> tuple[Problem, dict[int, Registration]]:
    """The allocation problem of the window from the database: rankings of confirmed
    registrations on sessions still bookable, seats left now, slots overlapping in time, and
    the slots where people already hold a seat."""
    edition = window.edition
    bookable = set(bookable_sessions(edition).values_list("pk", flat=True))
    registrations = {
        r.pk: r
        for r in Registration.objects.filter(
            edition=edition, status=Registration.Status.CONFIRMED, rankings__window=window
        ).distinct()
    }
    choices: dict[int, list] = {pk: [] for pk in registrations}
    for person, slot, session, rank in Ranking.objects.filter(
        window=window, registration__in=list(registrations)
    ).values_list("registration_id", "slot_id", "session_id", "rank"):
        if session in bookable:
            choices[person].append((slot, session, rank))
    slots = list(TimeSlot.objects.filter(edition=edition).values_list("pk", "start", "end"))
    conflicts = {
        pk: frozenset(o for o, o_start, o_end in slots if o_start < end and start < o_end)
        for pk, start, end in slots
    }
    blocked: dict[int, set[int]] = defaultdict(set)
    for person, slot in Booking.objects.filter(
        registration__in=list(registrations),
        status__in=SEAT_HOLDING,
        session__published_slot__isnull=False,
    ).values_list("registration_id", "session__published_slot_id"):
        blocked[person].add(slot)
    capacity = {pk: left or 0 for pk, left in seats_left_many(list(bookable)).items()}
    problem = Problem(choices=choices, capacity=capacity, conflicts=conflicts, blocked=blocked)
    return problem, registrations


def _check_closable(window: AllocationWindow | None, now: datetime) -> None:
    state = window_state(window, now)
    if state == "none":
        raise ValidationError(_("Aucune fenêtre de classement n'a été ouverte."))
    if state == "not_yet":
        raise ValidationError(
            _("La fenêtre de classement n'est pas encore ouverte : rien à attribuer.")
        )
    if state == "allocated":
        raise ValidationError(_("Les places de cette édition ont déjà été attribuées."))


def request_close(edition: Edition, *, actor, now: datetime | None = None) -> AllocationWindow:
    """Close the rankings now (the caller then queues `close_window` as a background task: a
    national edition books thousands of seats). Asking again while it runs is harmless: the
    allocation takes the window's row lock and runs once."""
    now = now or timezone.now()
    with transaction.atomic():
        window = AllocationWindow.objects.select_for_update().filter(edition=edition).first()
        _check_closable(window, now)
        window.status = AllocationWindow.Status.CLOSING
        window.save(update_fields=["status"])
        audit.record(actor, "timetabling.allocation_requested", window, edition=edition)
    return window


def close_window(
    edition: Edition, *, actor, now: datetime | None = None, fcfs_runs: int = FCFS_RUNS
) -> AllocationWindow:
    """Close the window and allocate: one transaction for every seat (an unexpected error
    leaves nothing saved). Seats are booked by the registrations' `book` as the team's bookings
    (`manual`: before the booking dates open, capacity still checked under its lock); a seat that
    `book` refuses (taken meanwhile) is counted as missed.
    Each person's result is e-mailed once the transaction is committed."""
    now = now or timezone.now()
    started = time.monotonic()
    with transaction.atomic():
        window = AllocationWindow.objects.select_for_update().filter(edition=edition).first()
        _check_closable(window, now)
        problem, registrations = build_problem(window)
        result = allocate_fair(problem, window.seed)
        sessions = {s.pk: s for s in Session.objects.filter(pk__in=problem.capacity)}
        given: dict[str, list[int]] = {}
        missed = 0
        for person in result.order:
            obtained = []
            for _slot, session_pk, _rank in result.seats[person]:
                try:
                    book(
                        registrations[person],
                        sessions[session_pk],
                        actor=actor,
                        manual=True,
                        notify=False,  # one result e-mail per person lists every seat
                    )
                except BookingError:
                    missed += 1
                else:
                    obtained.append(session_pk)
            given[str(person)] = obtained
        figures = compare(problem, window.seed, runs=fcfs_runs)
        window.status = AllocationWindow.Status.ALLOCATED
        window.allocated_at = now
        window.results = {
            **figures,
            "seats_given": sum(len(v) for v in given.values()),
            "missed": missed,
            "order": result.order,
            "given": given,
            "seconds": round(time.monotonic() - started, 2),
        }
        window.save()
        audit.record(
            actor,
            "timetabling.allocation_done",
            window,
            edition=edition,
            people=len(registrations),
            seats=window.results["seats_given"],
            seed=window.seed,
        )
        transaction.on_commit(lambda: send_allocation_results.enqueue(window.pk))
    return window
