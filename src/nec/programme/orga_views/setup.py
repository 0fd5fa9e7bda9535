"""Espace organisation: the frame of an edition's programme, i.e. its rooms, time slots, format
types, themes and tracks."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.core.forms import apply_errors
from nec.editions.scoping import edition_view, scoped
from nec.programme.forms import FormatTypeForm, RoomForm, SlotForm, ThemeForm, TrackForm
from nec.programme.models import FormatType, Room, Session, Theme, TimeSlot, Track
from nec.programme.orga_views.common import copy_for_form, error_messages, status_for
from nec.programme.services.setup import (
    create_room,
    create_slot,
    create_theme,
    create_track,
    delete_room,
    delete_slot,
    delete_theme_or_track,
    ensure_default_format_types,
    save_format_type,
    update_room,
    update_slot,
)

# --------------------------------------------------------------------------- rooms and slots


def _places(request, pk, *, model, form_class, create, update, added, saved, url_name, name):
    """The page of an edition's rooms or slots (`name`): the list, each with how many sessions
    are placed in it, and the form adding one (no `pk`) or changing the one `pk`. `added` and
    `saved` give the confirmation message from the saved fields."""
    edition = request.edition
    obj = get_object_or_404(scoped(model, edition), pk=pk) if pk else None
    form = form_class(request.POST or None, instance=copy_for_form(obj), edition=edition)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        try:
            if obj is None:
                create(edition, actor=request.user, **fields)
                messages.success(request, added(fields))
            else:
                update(obj, actor=request.user, **fields)
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
        status=status_for(request),
    )


def _place_delete(request, pk: int, *, model, delete, done: str, url_name: str):
    """Delete a room or a slot of the edition (the service refuses while sessions are in it)."""
    obj = get_object_or_404(scoped(model, request.edition), pk=pk)
    try:
        delete(obj, actor=request.user)
    except ValidationError as error:
        error_messages(request, error)
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
        create=create_room,
        update=update_room,
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
        delete=delete_room,
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
        create=create_slot,
        update=update_slot,
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
        delete=delete_slot,
        done=_("Le créneau est supprimé."),
        url_name="programme:orga_slots",
    )


# --------------------------------------------------------------------------- format types


@require_POST
@edition_view("programme.manage")
def format_types_defaults(request):
    ensure_default_format_types(request.edition, actor=request.user)
    messages.success(request, _("Les types de formats de NEC sont disponibles."))
    return redirect("programme:orga_index", edition=request.edition.slug)


@edition_view("programme.manage")
def format_types(request, pk: int | None = None):
    """The format types of the edition (name, default duration, participatory, public)."""
    edition = request.edition
    format_type = get_object_or_404(scoped(FormatType, edition), pk=pk) if pk else None
    form = FormatTypeForm(
        request.POST or None, instance=copy_for_form(format_type), edition=edition
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_format_type(
                edition, format_type, actor=request.user, **form.service_fields()
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
        status=status_for(request),
    )


# --------------------------------------------------------------------------- themes, tracks


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
        create = create_theme if which == "theme" else create_track
        try:
            obj = create(edition, actor=request.user, **form.service_fields())
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
    delete_theme_or_track(obj, actor=request.user)
    messages.success(request, _("« %s » est supprimé.") % obj.name)
    return redirect("programme:orga_themes", edition=request.edition.slug)
