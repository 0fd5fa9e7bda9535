"""Espace organisation: the timetable editor, i.e. the rooms × slots grid of a day with its
conflicts, placing or moving a session and taking it out of the grid.

The grid is a draft: the public sees a move at the next publication. A refused placement (the
cell is taken, the session is not accepted) comes back to the grid with the reason inside the
cell concerned and in a summary above the grid linking to it. A move to a room with fewer seats
than the session's bookings is shown the same way with its consequence and saved only when the
organiser confirms it (a plain form with a hidden `confirm` field, no JavaScript needed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.editions.permissions import can
from nec.editions.scoping import edition_view, scoped
from nec.programme import timetable
from nec.programme.forms import PlaceForm
from nec.programme.models import Room, Session, TimeSlot
from nec.programme.orga_views.common import error_messages, session_or_404
from nec.programme.services.schedule import (
    MoveNeedsConfirmation,
    place_session,
    schedule_changes,
    unplace_session,
)


def _chosen_day(value: str, days: list[date]) -> date | None:
    for day in days:
        if day.isoformat() == value:
            return day
    return days[0] if days else None


@dataclass
class Refusal:
    """A placement the service refused (an occupied cell, a session not accepted …) or that
    waits for a confirmation (`overflow`), shown in the grid in the cell concerned."""

    message: str
    session: Session
    slot: TimeSlot
    room: Room
    overflow: timetable.Conflict | None = None
    in_grid: bool = False

    @property
    def anchor(self) -> str:
        return f"case-{self.slot.pk}-{self.room.pk}"


def _grid_context(
    request, day: date | None, *, place_form: PlaceForm | None = None, refusal=None
) -> dict:
    edition = request.edition
    days = timetable.days(edition)
    placed = list(timetable.placed_sessions(edition))
    rooms, rows = timetable.grid(edition, day, placed)
    conflicts = timetable.conflicts(placed)
    conflicted = {s.pk for c in conflicts for s in c.sessions}
    # accepted sessions, and published ones taken out of the grid (public until the next
    # publication)
    waiting = (
        scoped(Session, edition)
        .filter(Q(status=Session.Status.ACCEPTED) | Q(status=Session.Status.PUBLISHED))
        .filter(slot__isnull=True)
        .order_by("title")
    )
    changes = schedule_changes(edition, placed)
    pending = {item["session"] for key in ("added", "moved") for item in changes[key]}
    if refusal is not None:
        refusal.in_grid = any(row.slot.pk == refusal.slot.pk for row in rows)
    return {
        "edition": edition,
        "days": days,
        "day": day,
        "rooms": rooms,
        "rows": rows,
        "conflicts": conflicts,
        "conflicted": conflicted,
        "pending": pending,
        "waiting": waiting,
        "place_form": place_form or PlaceForm(edition=edition),
        "refusal": refusal,
        "form_errors": place_form is not None and place_form.is_bound and bool(place_form.errors),
        "can_manage": can(request.user, "programme.manage", edition),
        "can_publish": can(request.user, "programme.publish", edition),
    }


@edition_view("programme.view")
def grid(request):
    day = _chosen_day(request.GET.get("jour", ""), timetable.days(request.edition))
    return render(request, "programme/orga/grid.html", _grid_context(request, day))


def _grid_url(edition, slot=None) -> str:
    url = reverse("programme:orga_grid", kwargs={"edition": edition.slug})
    if slot is not None:
        url += f"?jour={_day_of(slot).isoformat()}"
    return url


def _day_of(slot: TimeSlot) -> date:
    return timezone.localtime(slot.start).date()


@edition_view("programme.manage")
def place(request):
    """Place or move a session: GET shows the form (prefilled from the query string), POST
    places. A refused POST shows the grid again with the reason in the cell concerned (and
    the form prefilled below it). Works without JavaScript."""
    edition = request.edition
    if request.method != "POST":
        initial = {key: request.GET.get(key) for key in ("session", "slot", "room")}
        form = PlaceForm(initial={k: v for k, v in initial.items() if v}, edition=edition)
        return render(request, "programme/orga/place.html", {"edition": edition, "form": form})
    form = PlaceForm(request.POST, edition=edition)
    if not form.is_valid():
        chosen = form.cleaned_data.get("slot")
        days = [] if chosen else timetable.days(edition)
        day = _day_of(chosen) if chosen else _chosen_day(request.GET.get("jour", ""), days)
        context = _grid_context(request, day, place_form=form)
        return render(request, "programme/orga/grid.html", context, status=400)
    session = form.cleaned_data["session"]
    slot, room = form.cleaned_data["slot"], form.cleaned_data["room"]
    confirm = request.POST.get("confirm") == "1"
    try:
        place_session(session, slot, room, actor=request.user, confirm_overflow=confirm)
    except MoveNeedsConfirmation as error:
        refusal = Refusal(error.conflict.message, session, slot, room, overflow=error.conflict)
    except ValidationError as error:
        refusal = Refusal(" ".join(error.messages), session, slot, room)
    else:
        messages.success(
            request,
            _(
                "« %(title)s » est placée le %(slot)s en salle %(room)s. Le public le verra "
                "à la prochaine publication du programme."
            )
            % {"title": session.title, "slot": slot, "room": room.name},
        )
        related = [
            c
            for c in timetable.edition_conflicts(edition)
            if session.pk in {s.pk for s in c.sessions}
        ]
        for conflict in related:
            messages.warning(request, _("Conflit : %s") % conflict.message)
        return redirect(_grid_url(edition, slot))
    # the form below the grid keeps the choice, without repeating the message
    retry = PlaceForm(
        initial={"session": session.pk, "slot": slot.pk, "room": room.pk}, edition=edition
    )
    context = _grid_context(request, _day_of(slot), place_form=retry, refusal=refusal)
    return render(
        request,
        "programme/orga/grid.html",
        context,
        status=409 if refusal.overflow is not None else 400,
    )


@require_POST
@edition_view("programme.manage")
def unplace(request, pk: int):
    session = session_or_404(request, pk)
    slot = session.slot
    try:
        unplace_session(session, actor=request.user)
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, _("« %s » est retirée de la grille.") % session.title)
    return redirect(_grid_url(request.edition, slot))
