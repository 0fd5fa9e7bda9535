"""The public programme list, fast: what only changes when the programme changes (the sessions,
their published place, speakers, rendered HTML of each item, the search text) is built once and
cached, keyed by a fingerprint of the edition's programme (published version, last session change,
speakers); what changes all the time (seats left, the visitor's bookings) is added per request by
the `session_extras` hooks, in a few queries.

Filtering and search run in Python over the cached entries: the search ignores accents and case
("donnees" finds "données") on every database."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation

from nec.core.search import normalise, search_words
from nec.editions.models import Edition
from nec.programme import selectors
from nec.programme.models import ScheduleVersion, Session, SessionSpeaker, Speaker

#: how long an entry may live at most: edits the fingerprint does not see (a speaker's name)
#: show within this delay
CACHE_SECONDS = 300


@dataclass
class Entry:
    """One public session of the list, as cached."""

    pk: int
    title: str
    day: date
    slot_id: int
    start: datetime
    end: datetime
    slot_label: str
    format_id: int | None
    track_id: int | None
    theme_ids: frozenset
    step_free: bool
    search: str
    head: str  # the item's HTML before what other apps add (seats, buttons)
    tail: str  # ... and after it


@dataclass
class Listing:
    entries: list[Entry] = field(default_factory=list)
    days: list[date] = field(default_factory=list)
    #: [(value "HH:MM-HH:MM", label)] of the slots' times of day
    times: list[tuple[str, str]] = field(default_factory=list)
    themes: list[tuple[int, str]] = field(default_factory=list)
    tracks: list[tuple[int, str]] = field(default_factory=list)
    formats: list[tuple[int, str]] = field(default_factory=list)
    key: str = ""
    #: the untouched filter form's HTML, rendered once per listing (see `views.programme`)
    filters_html: str = ""


def fingerprint(edition: Edition) -> str:
    """One query: what a programme change touches (publication, a session saved, speakers
    added, hidden or shown, a speaker's declared gender for the charter)."""
    row = (
        Edition.objects.filter(pk=edition.pk)
        .annotate(
            version=Subquery(
                ScheduleVersion.objects.filter(edition=OuterRef("pk"))
                .order_by("-number")
                .values("number")[:1]
            ),
            changed=Subquery(
                Session.objects.filter(edition=OuterRef("pk"))
                .order_by()
                .values("edition")
                .annotate(m=Max("updated_at"))
                .values("m")[:1]
            ),
            session_count=Subquery(
                Session.objects.filter(edition=OuterRef("pk"))
                .order_by()
                .values("edition")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
            speaker_count=Subquery(
                Speaker.objects.filter(edition=OuterRef("pk"))
                .order_by()
                .values("edition")
                .annotate(
                    n=Count("pk")
                    + 1000 * Count("pk", filter=Q(public_consent=True))
                    + 1000000 * Count("pk", filter=Q(gender=Speaker.Gender.HOMME))
                )
                .values("n")[:1]
            ),
            role_count=Subquery(
                SessionSpeaker.objects.filter(session__edition=OuterRef("pk"))
                .order_by()
                .values("session__edition")
                .annotate(n=Max("pk") + 100000 * Count("pk"))
                .values("n")[:1]
            ),
        )
        .values_list("status", "version", "changed", "session_count", "speaker_count", "role_count")
        .first()
    )
    return hashlib.sha256("|".join(str(part) for part in row or ()).encode()).hexdigest()[:32]


def _build(edition: Edition) -> Listing:
    sessions = list(
        selectors.published_sessions(edition, full=False).defer(None).prefetch_related("themes")
    )
    item = get_template("programme/_session_item.html")
    pattern = reverse("programme:session", args=[edition.slug, 0])[: -len("0/")]
    listing = Listing()
    times: dict[str, str] = {}
    themes, tracks, formats = {}, {}, {}
    for session in sessions:
        roles = list(session.speaker_roles.all())
        shown = [role for role in roles if role.speaker.public_consent]
        slot = session.published_slot
        start, end = timezone.localtime(slot.start), timezone.localtime(slot.end)
        day = start.date()
        if day not in listing.days:
            listing.days.append(day)
        time_key = f"{start:%H:%M}-{end:%H:%M}"
        times[time_key] = f"{start:%H:%M} – {end:%H:%M}"
        session_themes = list(session.themes.all())
        for theme in session_themes:
            themes[theme.pk] = theme.name
        if session.track:
            tracks[session.track.pk] = session.track.name
        if session.format_type:
            formats[session.format_type.pk] = session.format_type.name
        words = [session.title, session.summary, session.description]
        words += [role.speaker.name for role in shown]
        words += [role.speaker.organisation_name or "" for role in shown]
        html = item.render(
            {
                "session": session,
                "url": f"{pattern}{session.pk}/",
                "roles": shown,
                "hidden": len(roles) - len(shown),
                "extras": "\x00",
            }
        )
        head, _sep, tail = html.partition("\x00")
        listing.entries.append(
            Entry(
                pk=session.pk,
                title=session.title,
                day=day,
                slot_id=slot.pk,
                start=start,
                end=end,
                slot_label=slot.label,
                format_id=session.format_type_id,
                track_id=session.track_id,
                theme_ids=frozenset(theme.pk for theme in session_themes),
                step_free=session.published_room.step_free,
                search=normalise(" ".join(words)),
                head=head,
                tail=tail,
            )
        )
    listing.days.sort()
    listing.times = sorted(times.items())
    listing.themes = sorted(themes.items(), key=lambda item: normalise(item[1]))
    listing.tracks = sorted(tracks.items(), key=lambda item: normalise(item[1]))
    listing.formats = sorted(formats.items(), key=lambda item: normalise(item[1]))
    return listing


#: {key: (expiry, Listing)}: kept in the process, unpickled once (a shared cache would cost
#: ~10 ms per request to unpickle 100 entries); a few editions and languages at most
_LOCAL: dict[str, tuple[float, Listing]] = {}
_LOCAL_MAX = 16


def listing(edition: Edition) -> Listing:
    """The cached list of `edition`'s public sessions (rebuilt when the programme changes)."""
    key = f"programme-listing:{edition.pk}:{translation.get_language()}:{fingerprint(edition)}"
    now = time.monotonic()
    found = _LOCAL.get(key)
    if found is not None and found[0] > now:
        return found[1]
    built = _build(edition)
    built.key = key
    if len(_LOCAL) >= _LOCAL_MAX:
        _LOCAL.clear()
    _LOCAL[key] = (now + CACHE_SECONDS, built)
    return built


@dataclass
class ListedSession:
    """What the `session_extras` hooks get for each session of the programme list: a light
    stand-in for `Session` (creating 100 model instances costs ~6 ms per request)."""

    pk: int
    title: str
    edition: Edition
    published_slot_id: int
    status: str = Session.Status.PUBLISHED

    @property
    def id(self) -> int:
        return self.pk

    @property
    def edition_id(self) -> int:
        return self.edition.pk


def search(entries: list[Entry], text: str) -> list[Entry]:
    """Every word must appear, accents and case ignored (the words capped as everywhere:
    `nec.core.search.search_words`)."""
    words = search_words(normalise(text))
    return [entry for entry in entries if all(word in entry.search for word in words)]
