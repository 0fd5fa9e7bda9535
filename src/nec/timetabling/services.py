"""Every state change of the timetabling app: a participant's wish, starting and stopping a
solver run, and applying (all or part of) a proposal to the grid through the programme's own
placement service (so its checks, audit entries and later publication apply unchanged)."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nec.core import audit
from nec.editions.models import Edition
from nec.programme.models import Room, Session, TimeSlot
from nec.programme.services.schedule import place_session, unplace_session
from nec.registrations.models import Registration
from nec.timetabling.models import SolverRun, Wish

MAX_TIME_LIMIT = 600
#: seconds past its time limit after which a run still "running" lost its worker (restarted)
STALE_AFTER = 300


def set_wish(registration: Registration, session: Session, wanted: bool, *, actor) -> bool:
    """Mark (or unmark) `session` as interesting for `registration`; returns the new state."""
    if session.edition_id != registration.edition_id:
        raise ValidationError(_("Cette session n'appartient pas à l'édition de votre inscription."))
    if registration.status == Registration.Status.CANCELLED:
        raise ValidationError(_("Votre inscription est annulée."))
    if wanted and session.status not in Session.ACTIVE_STATUSES:
        raise ValidationError(_("Cette session ne fait pas partie du programme."))
    if wanted and session.format_type_id and not session.format_type.public:
        # private institutional times are never chosen by participants
        raise ValidationError(_("Cette session n'est pas ouverte au public."))
    with transaction.atomic():
        if wanted:
            _wish, created = Wish.objects.get_or_create(registration=registration, session=session)
            changed = created
        else:
            changed = (
                Wish.objects.filter(registration=registration, session=session).delete()[0] > 0
            )
        if changed:
            audit.record(
                actor,
                "timetabling.wish_added" if wanted else "timetabling.wish_removed",
                session,
                registration=registration.pk,
            )
    return wanted


def start_run(
    edition: Edition,
    *,
    actor,
    time_limit: int,
    seed: int,
    move_placed: bool,
    keep_formats=(),
    reserve_kept_slots: bool = True,
) -> SolverRun:
    """Create a run and queue the solver (a background task)."""
    from nec.timetabling.tasks import run_solver  # the task module imports this one

    if not 1 <= time_limit <= MAX_TIME_LIMIT:
        raise ValidationError(
            _("La durée doit être comprise entre 1 et %(max)s secondes.") % {"max": MAX_TIME_LIMIT}
        )
    _fail_stale_runs(edition)
    if SolverRun.objects.filter(
        edition=edition, status__in=[SolverRun.Status.QUEUED, SolverRun.Status.RUNNING]
    ).exists():
        raise ValidationError(_("Une proposition est déjà en cours de calcul pour cette édition."))
    with transaction.atomic():
        run = SolverRun.objects.create(
            edition=edition,
            created_by=actor,
            time_limit=time_limit,
            seed=seed,
            move_placed=move_placed,
            keep_formats=sorted(f if isinstance(f, int) else f.pk for f in keep_formats),
            reserve_kept_slots=reserve_kept_slots,
        )
        audit.record(
            actor, "timetabling.run_started", run, edition=edition, time_limit=time_limit, seed=seed
        )
    # the database backend stores the task in the same database: a worker sees it once committed
    run_solver.enqueue(run.pk)
    run.refresh_from_db()
    return run


def _fail_stale_runs(edition: Edition) -> None:
    """A run still "running" long after its time limit lost its worker (a restart): mark it
    failed, so that it does not block every later run of the edition."""
    now = timezone.now()
    for run in SolverRun.objects.filter(edition=edition, status=SolverRun.Status.RUNNING):
        if (
            run.started_at
            and run.started_at + timedelta(seconds=run.time_limit + STALE_AFTER) < now
        ):
            SolverRun.objects.filter(pk=run.pk, status=SolverRun.Status.RUNNING).update(
                status=SolverRun.Status.FAILED,
                finished_at=now,
                message=_("Le calcul s'est interrompu (exécutant de tâches arrêté) : relancez-le."),
            )


def request_stop(run: SolverRun, *, actor) -> None:
    """Ask a running solver to stop; it keeps its best grid so far. A queued run stops at once."""
    if run.finished:
        return
    with transaction.atomic():
        updated = SolverRun.objects.filter(pk=run.pk, status=SolverRun.Status.QUEUED).update(
            status=SolverRun.Status.STOPPED,
            stop_requested=True,
            finished_at=timezone.now(),
            message=_("Arrêtée avant d'avoir commencé."),
        )
        if not updated:
            SolverRun.objects.filter(pk=run.pk).update(stop_requested=True)
        audit.record(actor, "timetabling.run_stop_requested", run, edition=run.edition)


def apply_moves(run: SolverRun, session_pks: list[int], *, actor) -> tuple[int, list[str]]:
    """Put the chosen sessions where the proposal says, through `place_session`. A cell held by a
    session that is not chosen is refused (nothing is touched for that session); moves into cells
    that chosen sessions leave are ordered, and a cycle of swaps is broken by taking one session
    out of the grid first. Returns (sessions moved, French messages of those refused)."""
    if not run.proposal:
        raise ValidationError(_("Cette proposition n'a pas de grille."))
    wanted = set(session_pks)
    targets = {
        item["session"]: (item["slot"], item["room"])
        for item in run.proposal
        if item["session"] in wanted
    }
    sessions = {s.pk: s for s in Session.objects.filter(edition=run.edition, pk__in=targets)}
    slots = {s.pk: s for s in TimeSlot.objects.filter(edition=run.edition)}
    rooms = {r.pk: r for r in Room.objects.filter(edition=run.edition)}
    occupant = {
        (slot, room): pk
        for pk, slot, room in Session.objects.filter(
            edition=run.edition,
            status__in=Session.PLACED_STATUSES,
            slot__isnull=False,
            room__isnull=False,
        ).values_list("pk", "slot_id", "room_id")
    }
    refused: list[str] = []
    pending = []
    for pk, session in sessions.items():
        cell = targets[pk]
        holder = occupant.get(cell)
        if cell[0] not in slots or cell[1] not in rooms:
            refused.append(
                _("« %(title)s » : créneau ou salle supprimé depuis.") % {"title": session.title}
            )
        elif holder == pk:
            continue  # already there
        elif holder is not None and holder not in sessions:
            refused.append(
                _(
                    "« %(title)s » : sa place proposée est occupée par une session que vous ne "
                    "déplacez pas."
                )
                % {"title": session.title}
            )
        else:
            pending.append(session)
    moved = 0
    with transaction.atomic():
        while pending:
            ready = [s for s in pending if occupant.get(targets[s.pk]) is None]
            if not ready:  # a cycle of swaps: free one cell
                placed = [s for s in pending if s.is_placed]
                if not placed:  # blocked by a refused session: give up on the rest
                    refused += [
                        _("« %(title)s » : sa place proposée reste occupée.") % {"title": s.title}
                        for s in pending
                    ]
                    break
                cell = (placed[0].slot_id, placed[0].room_id)
                unplace_session(placed[0], actor=actor)
                occupant.pop(cell, None)
                continue
            for session in ready:
                pending.remove(session)
                old_cell = (session.slot_id, session.room_id)
                slot_pk, room_pk = targets[session.pk]
                try:
                    place_session(
                        session, slots[slot_pk], rooms[room_pk], actor=actor, confirm_overflow=True
                    )
                except ValidationError as error:
                    refused.append(" ".join(error.messages))
                    continue
                if occupant.get(old_cell) == session.pk:
                    del occupant[old_cell]
                occupant[(slot_pk, room_pk)] = session.pk
                moved += 1
        audit.record(
            actor,
            "timetabling.proposal_applied",
            run,
            edition=run.edition,
            moved=moved,
            refused=len(refused),
        )
    return moved, refused
