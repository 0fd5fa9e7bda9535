"""Background work: running the solver for a `SolverRun` (django-tasks; the database worker in
production, the immediate backend in tests). Progress and the stop request go through the run's
row, read and written at most every half second."""

from __future__ import annotations

import time

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from nec.timetabling.export import edition_instance
from nec.timetabling.models import SolverRun
from nec.timetabling.proposal import partial_metrics
from nec.timetabling.solver import InstanceError, NoGridFound, solve


@task()
def run_solver(run_pk: int) -> str:
    run = SolverRun.objects.filter(pk=run_pk).select_related("edition").first()
    if run is None or run.status != SolverRun.Status.QUEUED:
        return "skipped"
    SolverRun.objects.filter(pk=run.pk).update(
        status=SolverRun.Status.RUNNING, started_at=timezone.now()
    )
    exported = edition_instance(run.edition)
    try:
        problem = exported.problem(
            move_placed=run.move_placed,
            keep_formats=frozenset(run.keep_formats),
            reserve_kept_slots=run.reserve_kept_slots,
        )
    except InstanceError as error:
        return _fail(run, "\n".join(error.problems))
    before = partial_metrics(exported)
    last_check = [0.0]

    def should_stop() -> bool:
        now = time.monotonic()
        if now - last_check[0] < 0.5:
            return False
        last_check[0] = now
        return SolverRun.objects.filter(pk=run.pk, stop_requested=True).exists()

    def on_progress(step) -> None:
        SolverRun.objects.filter(pk=run.pk).update(progress=min(1.0, step.fraction))

    try:
        result = solve(
            problem,
            time_limit=run.time_limit,
            seed=run.seed,
            on_progress=on_progress,
            should_stop=should_stop,
        )
    except NoGridFound as error:
        return _fail(run, str(error))
    slots, rooms = result.grid
    proposal = [
        {"session": pk, "slot": exported.slot_pks[slots[i]], "room": exported.room_pks[rooms[i]]}
        for i, pk in enumerate(exported.session_pks)
    ]
    after = {
        **result.metrics.as_dict(),
        "seconds": round(result.elapsed, 1),
        "iterations": result.iterations,
    }
    status = SolverRun.Status.STOPPED if result.stopped == "stopped" else SolverRun.Status.DONE
    message = ""
    if exported.ignored_wishes:
        message = _("%(n)s souhaits sur des sessions annulées ou refusées ont été ignorés.") % {
            "n": exported.ignored_wishes
        }
    done = {"progress": 1.0} if status == SolverRun.Status.DONE else {}
    SolverRun.objects.filter(pk=run.pk).update(
        **done,
        status=status,
        finished_at=timezone.now(),
        before=before,
        after=after,
        proposal=proposal,
        message=message,
    )
    return status


def _fail(run: SolverRun, message: str) -> str:
    SolverRun.objects.filter(pk=run.pk).update(
        status=SolverRun.Status.FAILED, finished_at=timezone.now(), message=message
    )
    return SolverRun.Status.FAILED
