"""Espace organisation of the programme: sessions, speakers, rooms, slots, the timetable editor,
the charter dashboard and publishing. Every view goes through `edition_view` and fetches rows
within `request.edition`; state changes go through `nec.programme.services`."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.editions.permissions import can
from nec.core.forms import apply_errors
from nec.editions.scoping import edition_view, scoped
from nec.programme import charter, selectors, services, timetable
from nec.programme.forms import (
    FormatTypeForm,
    PlaceForm,
    RoomForm,
    SessionFilterForm,
    SessionForm,
    SessionSpeakerForm,
    SlotForm,
    SpeakerForm,
    ThemeForm,
    TrackForm,
)
from nec.programme.models import (
    FormatType,
    Room,
    ScheduleVersion,
    Session,
    SessionSpeaker,
    Speaker,
    Theme,
    TimeSlot,
    Track,
)


def _copy(obj):
    """A fresh copy of `obj` for a model form (which writes the posted values on its instance
    while validating), or None."""
    return type(obj)._default_manager.get(pk=obj.pk) if obj is not None else None


def _error_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _status(request) -> int:
    return 400 if request.method == "POST" else 200


# --------------------------------------------------------------------------- sessions


@edition_view("programme.view")
def session_list(request):
    edition = request.edition
    form = SessionFilterForm(request.GET or None, edition=edition)
    sessions = (
        scoped(Session, edition)
        .select_related("format_type", "track", "slot", "room")
        .annotate(speaker_count=Count("speaker_roles", distinct=True))
        .order_by("title")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            sessions = sessions.filter(status=data["status"])
        if data["format_type"]:
            sessions = sessions.filter(format_type=data["format_type"])
        if data["theme"]:
            sessions = sessions.filter(themes=data["theme"])
        if data["q"]:
            sessions = selectors.search(sessions, data["q"])
    counts = dict(scoped(Session, edition).values_list("status").annotate(n=Count("pk")).order_by())
    status_counts = [
        (value, label, counts.get(value, 0)) for value, label in Session.Status.choices
    ]
    return render(
        request,
        "programme/orga/sessions.html",
        {
            "edition": edition,
            "form": form,
            "sessions": sessions,
            "status_counts": status_counts,
            "total": sum(counts.values()),
            "can_manage": can(request.user, "programme.manage", edition),
            "has_format_types": FormatType.objects.filter(edition=edition).exists(),
        },
    )


@require_POST
@edition_view("programme.manage")
def format_types_defaults(request):
    services.ensure_default_format_types(request.edition, actor=request.user)
    messages.success(request, _("Les types de formats de NEC sont disponibles."))
    return redirect("programme:orga_index", edition=request.edition.slug)


@edition_view("programme.manage")
def session_create(request):
    edition = request.edition
    form = SessionForm(request.POST or None, edition=edition)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.create_session(request.user, edition, **form.service_fields())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("La session « %s » est créée.") % session.title)
            return redirect("programme:orga_session", edition=edition.slug, pk=session.pk)
    return render(
        request,
        "programme/orga/session_form.html",
        {"edition": edition, "form": form, "session": None},
        status=_status(request),
    )


def _session(request, pk: int) -> Session:
    return get_object_or_404(
        scoped(Session, request.edition).select_related("slot", "room", "format_type"), pk=pk
    )


@edition_view("programme.view")
def session_detail(request, pk: int):
    edition = request.edition
    session = _session(request, pk)
    may_manage = can(request.user, "programme.manage", edition)
    # the form works on its own copy: the service compares with the saved session
    form = SessionForm(request.POST or None, instance=_copy(session), edition=edition)
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                changed = services.update_session(request.user, session, **form.service_fields())
            except ValidationError as error:
                apply_errors(form, error)
            else:
                if changed:
                    messages.success(request, _("La session est enregistrée."))
                else:
                    messages.info(request, _("Aucune modification."))
                return redirect("programme:orga_session", edition=edition.slug, pk=session.pk)
    session = charter.with_speakers(scoped(Session, edition)).get(pk=session.pk)
    return render(
        request,
        "programme/orga/session_form.html",
        {
            "edition": edition,
            "form": form,
            "session": session,
            "speaker_form": SessionSpeakerForm(edition=edition),
            "issues": charter.session_issues(session),
            "conflicts": [
                conflict
                for conflict in timetable.edition_conflicts(edition)
                if session.pk in {s.pk for s in conflict.sessions}
            ]
            if session.is_placed
            else [],
            "transitions": [
                (value, Session.Status(value).label)
                for value in sorted(services.TRANSITIONS.get(session.status, ()))
            ],
            "can_manage": may_manage,
        },
        status=_status(request),
    )


@require_POST
@edition_view("programme.manage")
def session_status(request, pk: int):
    session = _session(request, pk)
    try:
        services.set_session_status(request.user, session, request.POST.get("status", ""))
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(
            request, _("La session est désormais « %s ».") % session.get_status_display()
        )
    return redirect("programme:orga_session", edition=request.edition.slug, pk=session.pk)


@require_POST
@edition_view("programme.manage")
def session_speaker_add(request, pk: int):
    session = _session(request, pk)
    form = SessionSpeakerForm(request.POST, edition=request.edition)
    if form.is_valid():
        try:
            services.add_session_speaker(
                request.user, session, form.cleaned_data["speaker"], form.cleaned_data["role"]
            )
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(
                request, _("%s intervient dans la session.") % form.cleaned_data["speaker"].name
            )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("programme:orga_session", edition=request.edition.slug, pk=session.pk)


@require_POST
@edition_view("programme.manage")
def session_speaker_remove(request, pk: int, speaker: int):
    session = _session(request, pk)
    person = get_object_or_404(scoped(Speaker, request.edition), pk=speaker)
    try:
        services.remove_session_speaker(request.user, session, person)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("%s n'intervient plus dans la session.") % person.name)
    return redirect("programme:orga_session", edition=request.edition.slug, pk=session.pk)


# --------------------------------------------------------------------------- speakers


@edition_view("programme.view")
def speaker_list(request):
    edition = request.edition
    speakers = (
        scoped(Speaker, edition)
        .annotate(session_count=Count("session_roles", distinct=True))
        .order_by("name")
    )
    q = request.GET.get("q", "").strip()[:100]
    if q:
        speakers = speakers.filter(Q(name__icontains=q) | Q(organisation_name__icontains=q))
    return render(
        request,
        "programme/orga/speakers.html",
        {
            "edition": edition,
            "speakers": speakers,
            "q": q,
            "can_manage": can(request.user, "programme.manage", edition),
        },
    )


@edition_view("programme.manage")
def speaker_edit(request, pk: int | None = None):
    edition = request.edition
    speaker = get_object_or_404(scoped(Speaker, edition), pk=pk) if pk else None
    form = SpeakerForm(
        request.POST or None, request.FILES or None, instance=_copy(speaker), edition=edition
    )
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        if not fields.get("photo"):
            fields.pop("photo", None)
        try:
            if speaker is None:
                speaker = services.create_speaker(request.user, edition, **fields)
                messages.success(request, _("%s est ajouté·e.") % speaker.name)
            else:
                services.update_speaker(request.user, speaker, **fields)
                messages.success(request, _("Le profil de %s est enregistré.") % speaker.name)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("programme:orga_speakers", edition=edition.slug)
    sessions = []
    if speaker is not None:
        sessions = (
            SessionSpeaker.objects.filter(speaker=speaker)
            .select_related("session__slot", "session__room")
            .order_by("session__title")
        )
    return render(
        request,
        "programme/orga/speaker_form.html",
        {"edition": edition, "form": form, "speaker": speaker, "links": sessions},
        status=_status(request),
    )


# --------------------------------------------------------------------------- rooms and slots


def _places(request, pk, *, model, form_class, create, update, added, saved, url_name, name):
    """The page of an edition's rooms or slots (`name`): the list, each with how many sessions
    are placed in it, and the form adding one (no `pk`) or changing the one `pk`. `added` and
    `saved` give the confirmation message from the saved fields."""
    edition = request.edition
    obj = get_object_or_404(scoped(model, edition), pk=pk) if pk else None
    form = form_class(request.POST or None, instance=_copy(obj), edition=edition)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        try:
            if obj is None:
                create(request.user, edition, **fields)
                messages.success(request, added(fields))
            else:
                update(request.user, obj, **fields)
                messages.success(request, saved(fields))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(url_name, edition=edition.slug)
    return render(
        request,
        f"programme/orga/{name}s.html",
        {
            "edition": edition,
            "form": form,
            name: obj,
            f"{name}s": scoped(model, edition).annotate(
                placed=Count("sessions", filter=Q(sessions__status__in=Session.PLACED_STATUSES))
            ),
        },
        status=_status(request),
    )


def _place_delete(request, pk: int, *, model, delete, done: str, url_name: str):
    """Delete a room or a slot of the edition (the service refuses while sessions are in it)."""
    obj = get_object_or_404(scoped(model, request.edition), pk=pk)
    try:
        delete(request.user, obj)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, done)
    return redirect(url_name, edition=request.edition.slug)


@edition_view("programme.manage")
def rooms(request, pk: int | None = None):
    return _places(
        request,
        pk,
        model=Room,
        form_class=RoomForm,
        create=services.create_room,
        update=services.update_room,
        added=lambda fields: _("La salle « %s » est ajoutée.") % fields["name"],
        saved=lambda fields: _("La salle « %s » est enregistrée.") % fields["name"],
        url_name="programme:orga_rooms",
        name="room",
    )


@require_POST
@edition_view("programme.manage")
def room_delete(request, pk: int):
    return _place_delete(
        request,
        pk,
        model=Room,
        delete=services.delete_room,
        done=_("La salle est supprimée."),
        url_name="programme:orga_rooms",
    )


@edition_view("programme.manage")
def slots(request, pk: int | None = None):
    return _places(
        request,
        pk,
        model=TimeSlot,
        form_class=SlotForm,
        create=services.create_slot,
        update=services.update_slot,
        added=lambda fields: _("Le créneau est ajouté."),
        saved=lambda fields: _("Le créneau est enregistré."),
        url_name="programme:orga_slots",
        name="slot",
    )


@require_POST
@edition_view("programme.manage")
def slot_delete(request, pk: int):
    return _place_delete(
        request,
        pk,
        model=TimeSlot,
        delete=services.delete_slot,
        done=_("Le créneau est supprimé."),
        url_name="programme:orga_slots",
    )


@edition_view("programme.manage")
def format_types(request, pk: int | None = None):
    """The format types of the edition (name, default duration, participatory, public)."""
    edition = request.edition
    format_type = get_object_or_404(scoped(FormatType, edition), pk=pk) if pk else None
    form = FormatTypeForm(request.POST or None, instance=_copy(format_type), edition=edition)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_format_type(
                request.user, edition, format_type, **form.service_fields()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Le format « %s » est enregistré.") % saved.name)
            return redirect("programme:orga_formats_list", edition=edition.slug)
    return render(
        request,
        "programme/orga/format_types.html",
        {
            "edition": edition,
            "form": form,
            "format_type": format_type,
            "format_types": scoped(FormatType, edition).annotate(count=Count("sessions")),
        },
        status=_status(request),
    )


@edition_view("programme.manage")
def themes(request):
    """Themes and tracks ("parcours") of the edition: two small add forms and delete buttons."""
    edition = request.edition
    which = request.POST.get("form") if request.method == "POST" else None
    theme_form = ThemeForm(
        request.POST if which == "theme" else None, edition=edition, prefix="theme"
    )
    track_form = TrackForm(
        request.POST if which == "track" else None, edition=edition, prefix="track"
    )
    form = theme_form if which == "theme" else track_form if which == "track" else None
    if form is not None and form.is_valid():
        create = services.create_theme if which == "theme" else services.create_track
        try:
            obj = create(request.user, edition, **form.service_fields())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("« %s » est ajouté.") % obj.name)
            return redirect("programme:orga_themes", edition=edition.slug)
    return render(
        request,
        "programme/orga/themes.html",
        {
            "edition": edition,
            "theme_form": theme_form,
            "track_form": track_form,
            "themes": scoped(Theme, edition).annotate(count=Count("sessions")),
            "tracks": scoped(Track, edition).annotate(count=Count("sessions")),
        },
        status=400 if form is not None else 200,
    )


@require_POST
@edition_view("programme.manage")
def theme_delete(request, kind: str, pk: int):
    model = {"theme": Theme, "parcours": Track}.get(kind)
    if model is None:
        raise Http404
    obj = get_object_or_404(scoped(model, request.edition), pk=pk)
    services.delete_theme_or_track(request.user, obj)
    messages.success(request, _("« %s » est supprimé.") % obj.name)
    return redirect("programme:orga_themes", edition=request.edition.slug)


# --------------------------------------------------------------------------- the grid


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
    changes = services.schedule_changes(edition, placed)
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
            services.place_session(request.user, session, slot, room)
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
        status=_status(request),
    )


@require_POST
@edition_view("programme.manage")
def unplace(request, pk: int):
    session = _session(request, pk)
    slot = session.slot
    try:
        services.unplace_session(request.user, session)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("« %s » est retirée de la grille.") % session.title)
    return redirect(_grid_url(request.edition, slot))


# --------------------------------------------------------------------------- charter, publishing


@edition_view("programme.view")
def charter_dashboard(request):
    edition = request.edition
    return render(
        request,
        "programme/orga/charter.html",
        {
            "edition": edition,
            "report": charter.edition_report(edition),
            "target": int(charter.PARITY_TARGET * 100),
        },
    )


@edition_view("programme.publish")
def publish(request):
    edition = request.edition
    if request.method == "POST":
        try:
            version = services.publish_schedule(request.user, edition)
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(
                request,
                _("La version %(number)d du programme est publiée (%(mails)d e-mail(s) envoyé(s)).")
                % {"number": version.number, "mails": version.mails_sent},
            )
            if version.mails_failed:
                messages.warning(
                    request,
                    _("%d e-mail(s) n'ont pas pu être envoyés.") % version.mails_failed,
                )
        return redirect("programme:orga_publish", edition=edition.slug)
    sessions = list(services.placed_for_publication(edition))
    blockers = charter.blocking_issues(sessions)
    return render(
        request,
        "programme/orga/publish.html",
        {
            "edition": edition,
            "placed": len(sessions),
            "to_publish": sum(1 for s in sessions if s.status == Session.Status.SCHEDULED),
            "changes": services.schedule_changes(edition, sessions),
            "blockers": blockers,
            "conflicts": timetable.conflicts(sessions),
            "versions": scoped(ScheduleVersion, edition).select_related("published_by"),
        },
    )
