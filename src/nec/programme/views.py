"""The public programme: by day and slot with filters and search, session pages (with schema.org
JSON-LD and an .ics to add one session to a calendar), speakers list and pages.

Only public sessions are shown, at their PUBLISHED place (`published_slot`, `published_room`):
a move in the grid shows here once published (see `nec.programme.selectors`)."""

from __future__ import annotations

import json
from datetime import date
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from nec.core.forms import apply_errors
from nec.editions.selectors import PUBLIC_EDITION_STATUSES, public_edition_or_404
from nec.programme import selectors, session_extras, timetable
from nec.programme.forms import OwnSpeakerProfileForm, ProgrammeFilterForm
from nec.programme.models import Session, Speaker
from nec.programme.services.sessions import update_speaker

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _public_speakers(session: Session) -> tuple[list, int]:
    """(speaker roles shown publicly, number of speakers not shown)."""
    roles = list(session.speaker_roles.all())
    shown = [role for role in roles if role.speaker.public_consent]
    return shown, len(roles) - len(shown)


def _annotate(sessions: list[Session], edition) -> list[Session]:
    """Add what list templates show: public speakers, local day and URL (reversed once)."""
    if not sessions:
        return sessions
    pattern = reverse("programme:session", args=[edition.slug, 0])[: -len("0/")]
    for session in sessions:
        session.url = f"{pattern}{session.pk}/"
        session.public_roles, session.hidden_speakers = _public_speakers(session)
        session.local_day = timezone.localtime(session.published_slot.start).date()
    return sessions


@require_safe
def programme(request, edition: str):
    edition = public_edition_or_404(edition)
    sessions = selectors.published_sessions(edition, full=False)
    days = _days(edition)
    form = ProgrammeFilterForm(request.GET or None, edition=edition, days=days)
    filtered = False
    if form.is_bound:
        # an invalid value (e.g. a theme of another edition) is dropped, the rest still applies
        form.is_valid()
        data = form.cleaned_data
        if data.get("day"):
            sessions = sessions.filter(published_slot__start__date=date.fromisoformat(data["day"]))
        if data.get("theme"):
            sessions = sessions.filter(themes=data["theme"])
        if data.get("track"):
            sessions = sessions.filter(track=data["track"])
        if data.get("format_type"):
            sessions = sessions.filter(format_type=data["format_type"])
        if data.get("step_free"):
            sessions = sessions.filter(published_room__step_free=True)
        if data.get("q"):
            sessions = selectors.search(sessions, data["q"])
        filtered = any(data.get(key) for key in form.fields)
    sessions = _annotate(list(sessions), edition)
    by_day = [
        {
            "day": day,
            "slots": [
                {"slot": slot_sessions[0].published_slot, "sessions": slot_sessions}
                for _slot, group in groupby(items, key=lambda s: s.published_slot_id)
                for slot_sessions in [list(group)]
            ],
        }
        for day, day_group in groupby(sessions, key=lambda s: s.local_day)
        for items in [list(day_group)]
    ]
    return render(
        request,
        "programme/programme.html",
        {
            "edition": edition,
            "form": form,
            "by_day": by_day,
            "count": len(sessions),
            "sessions": sessions,
            "programme_links": session_extras.links_for(edition),
            "filtered": filtered,
        },
    )


def _days(edition) -> list[date]:
    return timetable.days(edition)


def _json_ld(request, session: Session, roles) -> str:
    edition = session.edition
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": session.title,
        "startDate": timezone.localtime(session.published_slot.start).isoformat(),
        "endDate": timezone.localtime(session.published_slot.end).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode"
        if edition.online
        else "https://schema.org/OfflineEventAttendanceMode",
        "url": request.build_absolute_uri(session.get_absolute_url()),
        "inLanguage": session.language,
        "isAccessibleForFree": True,
        "location": {
            "@type": "Place",
            "name": f"{session.published_room.name}, {edition.venue}".strip(", "),
            "address": edition.city or edition.venue or "",
        },
        "superEvent": {"@type": "Event", "name": edition.title},
        "organizer": {"@type": "Organization", "name": "Numérique en Commun[s] (ANCT)"},
    }
    if session.summary:
        data["description"] = session.summary
    if roles:
        data["performer"] = [
            {"@type": "Person", "name": role.speaker.name}
            | (
                {"affiliation": {"@type": "Organization", "name": role.speaker.organisation_name}}
                if role.speaker.organisation_name
                else {}
            )
            for role in roles
        ]
    partners = list(session.partners.all())
    if partners:
        data["sponsor"] = [{"@type": "Organization", "name": p.name} for p in partners]
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES))  # noqa: S308


@require_safe
def session_detail(request, edition: str, pk: int):
    edition = public_edition_or_404(edition)
    session = selectors.public_session_or_404(edition, pk)
    roles, hidden = _public_speakers(session)
    return render(
        request,
        "programme/session.html",
        {
            "edition": edition,
            "session": session,
            "roles": roles,
            "hidden_speakers": hidden,
            "json_ld": _json_ld(request, session, roles),
        },
    )


@require_safe
def session_ics(request, edition: str, pk: int):
    """One session as an iCalendar file ("ajouter à mon agenda")."""
    from icalendar import Calendar, Event

    edition = public_edition_or_404(edition)
    session = selectors.public_session_or_404(edition, pk)
    roles, _hidden = _public_speakers(session)
    calendar = Calendar()
    calendar.add("prodid", "-//Numérique en Commun[s]//programme//FR")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"session-{session.pk}@{request.get_host()}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.published_slot.start)
    event.add("dtend", session.published_slot.end)
    event.add("summary", session.title)
    room = session.published_room.name
    location = ", ".join(part for part in (room, edition.venue, edition.city) if part)
    event.add("location", location)
    url = request.build_absolute_uri(session.get_absolute_url())
    event.add("url", url)
    description = [session.summary] if session.summary else []
    if roles:
        description.append(", ".join(role.speaker.name for role in roles))
    description.append(url)
    event.add("description", "\n\n".join(description))
    calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="nec-session-{session.pk}.ics"'
    return response


@require_safe
def speakers(request, edition: str):
    edition = public_edition_or_404(edition)
    return render(
        request,
        "programme/speakers.html",
        {"edition": edition, "speakers": selectors.public_speakers(edition)},
    )


@require_safe
def speaker_detail(request, edition: str, slug: str):
    edition = public_edition_or_404(edition)
    speaker = selectors.public_speakers(edition).filter(slug=slug).first()
    if speaker is None:
        raise Http404
    sessions = _annotate(
        list(
            selectors.published_sessions(edition, full=False).filter(speaker_roles__speaker=speaker)
        ),
        edition,
    )
    return render(
        request,
        "programme/speaker.html",
        {"edition": edition, "speaker": speaker, "sessions": sessions, "Speaker": Speaker},
    )


@login_required
def my_speaker_profile(request, edition: str):
    """A speaker edits their own profile for an edition, including their self-declared gender
    and their consent to be shown publicly."""
    speaker = get_object_or_404(Speaker, edition__slug=edition, user=request.user)
    form = OwnSpeakerProfileForm(
        request.POST or None,
        request.FILES or None,
        instance=Speaker.objects.get(pk=speaker.pk),  # the service compares with the saved row
        edition=speaker.edition,
    )
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        if not fields.get("photo"):
            fields.pop("photo", None)
        try:
            update_speaker(speaker, actor=request.user, **fields)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Votre profil est enregistré."))
            return redirect("programme:my_speaker_profile", edition=edition)
    return render(
        request,
        "programme/my_profile.html",
        {
            "edition": speaker.edition,
            "speaker": speaker,
            "form": form,
            "is_public": speaker.edition.status in PUBLIC_EDITION_STATUSES
            and selectors.public_speakers(speaker.edition).filter(pk=speaker.pk).exists(),
        },
        status=400 if request.method == "POST" else 200,
    )
