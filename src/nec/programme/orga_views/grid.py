"""Espace organisation: the timetable editor, i.e. the rooms × slots grid of a day with its
conflicts, placing or moving a session and taking it out of the grid.

The grid is a draft: the public sees a move at the next publication. A move to a room with fewer
seats than the session's bookings is shown with its consequence and saved only when the
organiser confirms it (a plain form with a hidden `confirm` field, no JavaScript needed)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.core.forms import apply_errors
from nec.editions.permissions import can
from nec.editions.scoping import edition_view, scoped
from nec.programme import timetable
from nec.programme.forms import PlaceForm
from nec.programme.models import Session
from nec.programme.orga_views.common import error_messages, session_or_404, status_for
from nec.programme.services.schedule import (
    MoveNeedsConfirmation,
    place_session,
    schedule_changes,
    unplace_session,
)


def _chosen_day(request, days: list[date]) -> date | None:
    value = request.GET.get("jour", "")
    for day in days:
        if day.isoformat() == value:
            return day
    return days[0] if days else None


@edition_view("programme.view")
def grid(request):
    edition = request.edition
    days = timetable.days(edition)
    day = _chosen_day(request, days)
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
    return render(
        request,
        "programme/orga/grid.html",
        {
            "edition": edition,
            "days": days,
            "day": day,
            "rooms": rooms,
            "rows": rows,
            "conflicts": conflicts,
            "conflicted": conflicted,
            "pending": pending,
            "waiting": waiting,
            "place_form": PlaceForm(edition=edition),
            "can_manage": can(request.user, "programme.manage", edition),
            "can_publish": can(request.user, "programme.publish", edition),
        },
    )


def _grid_url(edition, slot=None) -> str:
    url = reverse("programme:orga_grid", kwargs={"edition": edition.slug})
    if slot is not None:
        url += f"?jour={timezone.localtime(slot.start).date().isoformat()}"
    return url


@edition_view("programme.manage")
def place(request):
    """Place or move a session: GET shows the form (prefilled from the query string), POST
    places. Works without JavaScript."""
    edition = request.edition
    if request.method == "POST":
        form = PlaceForm(request.POST, edition=edition)
    else:
        initial = {key: request.GET.get(key) for key in ("session", "slot", "room")}
        form = PlaceForm(initial={k: v for k, v in initial.items() if v}, edition=edition)
    overflow = None
    if request.method == "POST" and form.is_valid():
        session = form.cleaned_data["session"]
        slot, room = form.cleaned_data["slot"], form.cleaned_data["room"]
        confirm = request.POST.get("confirm") == "1"
        try:
            place_session(session, slot, room, actor=request.user, confirm_overflow=confirm)
        except MoveNeedsConfirmation as error:
            overflow = error.conflict
        except ValidationError as error:
            apply_errors(form, error)
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
    return render(
        request,
        "programme/orga/place.html",
        {
            "edition": edition,
            "form": form,
            "overflow": overflow,
            "move": form.cleaned_data if overflow is not None else None,
        },
        status=409 if overflow is not None else status_for(request),
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
