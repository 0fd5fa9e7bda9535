"""Espace organisation: the timetable editor, i.e. the rooms × slots grid of a day with its
conflicts, placing or moving a session and taking it out of the grid."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
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
from nec.programme.services.schedule import place_session, schedule_changes, unplace_session


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
    waiting = scoped(Session, edition).filter(status=Session.Status.ACCEPTED).order_by("title")
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
    if request.method == "POST" and form.is_valid():
        session = form.cleaned_data["session"]
        slot, room = form.cleaned_data["slot"], form.cleaned_data["room"]
        try:
            place_session(session, slot, room, actor=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("« %(title)s » est placée le %(slot)s en salle %(room)s.")
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
        {"edition": edition, "form": form},
        status=status_for(request),
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
