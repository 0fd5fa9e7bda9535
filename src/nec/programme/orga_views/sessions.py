"""Espace organisation: the sessions of an edition (list, form, status, speakers) and its
speakers (list, profile form)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.core.forms import apply_errors
from nec.editions.permissions import can
from nec.editions.scoping import edition_view, scoped
from nec.programme import charter, selectors, timetable
from nec.programme.forms import SessionFilterForm, SessionForm, SessionSpeakerForm, SpeakerForm
from nec.programme.models import FormatType, Session, SessionSpeaker, Speaker
from nec.programme.orga_views.common import (
    copy_for_form,
    error_messages,
    session_or_404,
    status_for,
)
from nec.programme.services.sessions import (
    TRANSITIONS,
    add_session_speaker,
    create_session,
    create_speaker,
    remove_session_speaker,
    set_session_status,
    update_session,
    update_speaker,
)

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


@edition_view("programme.manage")
def session_create(request):
    edition = request.edition
    form = SessionForm(request.POST or None, edition=edition)
    if request.method == "POST" and form.is_valid():
        try:
            session = create_session(edition, actor=request.user, **form.service_fields())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("La session « %s » est créée.") % session.title)
            return redirect("programme:orga_session", edition=edition.slug, pk=session.pk)
    return render(
        request,
        "programme/orga/session_form.html",
        {"edition": edition, "form": form, "session": None},
        status=status_for(request),
    )


@edition_view("programme.view")
def session_detail(request, pk: int):
    edition = request.edition
    session = session_or_404(request, pk)
    may_manage = can(request.user, "programme.manage", edition)
    # the form works on its own copy: the service compares with the saved session
    form = SessionForm(request.POST or None, instance=copy_for_form(session), edition=edition)
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                changed = update_session(session, actor=request.user, **form.service_fields())
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
                for value in sorted(TRANSITIONS.get(session.status, ()))
            ],
            "can_manage": may_manage,
        },
        status=status_for(request),
    )


@require_POST
@edition_view("programme.manage")
def session_status(request, pk: int):
    session = session_or_404(request, pk)
    try:
        set_session_status(session, request.POST.get("status", ""), actor=request.user)
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(
            request, _("La session est désormais « %s ».") % session.get_status_display()
        )
    return redirect("programme:orga_session", edition=request.edition.slug, pk=session.pk)


@require_POST
@edition_view("programme.manage")
def session_speaker_add(request, pk: int):
    session = session_or_404(request, pk)
    form = SessionSpeakerForm(request.POST, edition=request.edition)
    if form.is_valid():
        try:
            add_session_speaker(
                session, form.cleaned_data["speaker"], form.cleaned_data["role"], actor=request.user
            )
        except ValidationError as error:
            error_messages(request, error)
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
    session = session_or_404(request, pk)
    person = get_object_or_404(scoped(Speaker, request.edition), pk=speaker)
    try:
        remove_session_speaker(session, person, actor=request.user)
    except ValidationError as error:
        error_messages(request, error)
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
        request.POST or None,
        request.FILES or None,
        instance=copy_for_form(speaker),
        edition=edition,
    )
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        if not fields.get("photo"):
            fields.pop("photo", None)
        try:
            if speaker is None:
                speaker = create_speaker(edition, actor=request.user, **fields)
                messages.success(request, _("%s est ajouté·e.") % speaker.name)
            else:
                update_speaker(speaker, actor=request.user, **fields)
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
        status=status_for(request),
    )
