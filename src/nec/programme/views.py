"""The public programme: by day and slot with filters and search, session pages (with schema.org
JSON-LD and an .ics to add one session to a calendar), speakers list and pages.

Only public sessions are shown, at their PUBLISHED place (`published_slot`, `published_room`):
a move in the grid shows here once published (see `nec.programme.selectors`)."""

from __future__ import annotations

import json
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from nec.core.forms import apply_errors
from nec.core.search import normalise, search_words
from nec.editions.selectors import PUBLIC_EDITION_STATUSES, public_edition_or_404
from nec.programme import listing, selectors, session_extras
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
    """The programme, the one place to choose sessions: filters, search, and what other apps
    add to each session (seats left and the booking button). See `listing` for the cache."""
    edition = public_edition_or_404(edition)
    cached = listing.listing(edition)
    form = ProgrammeFilterForm(request.GET or None, listing=cached)
    filters = form.filters() if form.is_bound else {}
    entries = cached.entries
    if filters.get("day"):
        entries = [e for e in entries if e.day.isoformat() == filters["day"]]
    if filters.get("time"):
        entries = [e for e in entries if f"{e.start:%H:%M}-{e.end:%H:%M}" == filters["time"]]
    for key, attribute in (("track", "track_id"), ("format_type", "format_id")):
        if filters.get(key):
            entries = [e for e in entries if getattr(e, attribute) == filters[key]]
    if filters.get("theme"):
        entries = [e for e in entries if filters["theme"] in e.theme_ids]
    if filters.get("step_free"):
        entries = [e for e in entries if e.step_free]
    if filters.get("q"):
        entries = listing.search(entries, filters["q"])
    # light sessions for the hooks (id, title, status, edition, published slot): the rest of
    # what the list shows is cached HTML
    sessions = [listing.ListedSession(e.pk, e.title, edition, e.slot_id) for e in entries]
    session_extras.prepare(sessions, request, edition)
    if filters.get("seats"):  # seats are known once the hooks have counted them
        kept = [i for i, s in enumerate(sessions) if getattr(s, "seats_left", None) != 0]
        entries, sessions = [entries[i] for i in kept], [sessions[i] for i in kept]
    items = [
        (entry, mark_safe(entry.head + session_extras.list_html(session, request) + entry.tail))  # noqa: S308
        for entry, session in zip(entries, sessions, strict=True)
    ]
    by_day = [
        {
            "day": day,
            "slots": [
                {"entry": slot_items[0][0], "items": [html for _e, html in slot_items]}
                for _slot, group in groupby(day_items, key=lambda item: item[0].slot_id)
                for slot_items in [list(group)]
            ],
        }
        for day, day_group in groupby(items, key=lambda item: item[0].day)
        for day_items in [list(day_group)]
    ]
    return render(
        request,
        "programme/programme.html",
        {
            "edition": edition,
            "form": form,
            "by_day": by_day,
            "count": len(entries),
            "total": len(cached.entries),
            # calls to action about sessions ("Mes réservations") mean nothing without any
            "programme_links": session_extras.links_for(edition) if cached.entries else [],
            "filters_html": _filters_html(form, cached, filters),
            "filtered": bool(filters),
        },
    )


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


def _filters_html(form, cached, filters: dict) -> str:
    """The filter form's HTML; the untouched form (most visits) rendered once per cached
    listing (form widgets render through templates: ~9 ms)."""
    context = {"form": form, "advanced": bool(set(filters) - {"q"})}
    if form.is_bound:
        return render_to_string("programme/_filters.html", context)
    if not cached.filters_html:
        cached.filters_html = render_to_string("programme/_filters.html", context)
    return cached.filters_html


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


def _last_name_key(name: str) -> str:
    """Sort key by last name ("Camille de La Tour" -> "de la tour camille"), accents ignored:
    the last word, or the particle-led group ending the name."""
    words = name.split()
    if len(words) < 2:
        return normalise(name)
    start = len(words) - 1
    while start > 1 and normalise(words[start - 1]) in {
        "de",
        "du",
        "des",
        "la",
        "le",
        "van",
        "von",
        "d'",
    }:
        start -= 1
    return normalise(" ".join(words[start:] + words[:start]))


@require_safe
def speakers(request, edition: str):
    """The speakers, sorted by last name, with an initial-letter index and a search (accents and
    case ignored, on name and organisation)."""
    edition = public_edition_or_404(edition)
    people = list(selectors.public_speakers(edition).only("name", "slug", "organisation_name"))
    q = (request.GET.get("q") or "").strip()[:100]
    if q:
        words = search_words(normalise(q))
        people = [
            p
            for p in people
            if all(w in normalise(f"{p.name} {p.organisation_name or ''}") for w in words)
        ]
    keyed = sorted(((_last_name_key(p.name), p) for p in people), key=lambda kp: kp[0])
    people = [person for _key, person in keyed]
    letters: list[dict] = []
    for key, person in keyed:
        letter = (key[:1] or "#").upper()
        letter = letter if letter.isalpha() else "#"
        if not letters or letters[-1]["letter"] != letter:
            letters.append({"letter": letter, "speakers": []})
        letters[-1]["speakers"].append(person)
    return render(
        request,
        "programme/speakers.html",
        {"edition": edition, "speakers": people, "letters": letters, "q": q},
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
