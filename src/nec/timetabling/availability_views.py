"""Pages of the sessions' unavailable slots: the team's list of the programme's sessions (with
the warnings of the grid: a session placed in a slot it cannot take) and its form per session
(`edition_view`), and the same form for the session's own speakers ("Mes disponibilités
d'intervenant·e", from "Mon espace"). Both save through `availability_services`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from nec.core.forms import apply_errors
from nec.core.search import every_word
from nec.editions.scoping import edition_view
from nec.programme.models import Session, TimeSlot
from nec.timetabling.availability_forms import UnavailabilityForm, slot_label
from nec.timetabling.availability_services import (
    EDITABLE_STATUSES,
    misplaced,
    set_unavailable_slots,
    speaker_sessions,
)
from nec.timetabling.models import SessionUnavailability


def _annotate(sessions) -> None:
    """`session.unavailable` (slot labels in time order), `session.note` and
    `session.misplaced` (sits in the grid in one of them), `session.slot_text` (its slot in the
    grid), in one query."""
    by_session: dict[int, list[SessionUnavailability]] = {}
    for row in SessionUnavailability.objects.filter(
        session__in=[s.pk for s in sessions]
    ).select_related("slot"):
        by_session.setdefault(row.session_id, []).append(row)
    for session in sessions:
        rows = by_session.get(session.pk, [])
        session.unavailable = [slot_label(row.slot) for row in rows]
        session.slot_text = slot_label(session.slot) if session.is_placed else ""
        session.note = next((row.note for row in rows if row.note), "")
        session.misplaced = session.is_placed and any(
            row.slot_id == session.slot_id for row in rows
        )


@edition_view("timetabling.propose")
def team(request):
    """The sessions with unavailabilities in a table; the others, available everywhere, in a
    short list folded away (a national programme has about 100), both narrowed by a search on
    the title or a speaker's name."""
    edition = request.edition
    active = Session.objects.filter(edition=edition, status__in=Session.ACTIVE_STATUSES)
    q = request.GET.get("q", "").strip()
    found = active.filter(every_word(q, "title", "speakers__name")).values("pk").distinct()
    sessions = list(
        active.filter(pk__in=found).select_related("slot", "room").order_by("title", "pk")
    )
    _annotate(sessions)
    with_some = [s for s in sessions if s.unavailable]
    return render(
        request,
        "timetabling/availability_team.html",
        {
            "edition": edition,
            "q": q,
            "found": len(sessions),
            "sessions": with_some,
            "available": [s for s in sessions if not s.unavailable],
            "total": active.count(),
            "with_some": SessionUnavailability.objects.filter(session__in=active)
            .values("session")
            .distinct()
            .count(),
            "broken": misplaced(edition),
            "has_slots": TimeSlot.objects.filter(edition=edition).exists(),
        },
    )


@edition_view("timetabling.propose")
def team_edit(request, pk: int):
    session = get_object_or_404(
        Session.objects.filter(edition=request.edition, status__in=EDITABLE_STATUSES), pk=pk
    )
    back = reverse("timetabling:availability", kwargs={"edition": request.edition.slug})
    return _edit(request, session, back=back, orga=True)


@login_required
def mine(request):
    sessions = list(speaker_sessions(request.user))
    _annotate(sessions)
    return render(request, "timetabling/availability_mine.html", {"sessions": sessions})


@login_required
def mine_edit(request, pk: int):
    session = get_object_or_404(speaker_sessions(request.user), pk=pk)
    return _edit(request, session, back=reverse("timetabling:my_availability"), orga=False)


def _edit(request, session: Session, *, back: str, orga: bool):
    rows = list(SessionUnavailability.objects.filter(session=session))
    initial = {
        "slots": [row.slot_id for row in rows],
        "note": next((row.note for row in rows if row.note), ""),
    }
    form = UnavailabilityForm(request.POST or None, initial=initial, edition=session.edition)
    if request.method == "POST" and form.is_valid():
        try:
            set_unavailable_slots(
                session,
                [slot.pk for slot in form.cleaned_data["slots"]],
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Disponibilités de « %(title)s » enregistrées.") % {"title": session.title},
            )
            return redirect(back)
    placed_badly = session.is_placed and session.slot_id in initial["slots"]
    return render(
        request,
        "timetabling/availability_edit.html",
        {
            "edition": session.edition,
            "session": session,
            "form": form,
            "back": back,
            "orga": orga,
            "placed_badly": placed_badly,
        },
        status=400 if request.method == "POST" else 200,
    )
