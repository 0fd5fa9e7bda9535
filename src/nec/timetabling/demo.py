"""Demo data of the timetabling app (`nec demo`): "Ça m'intéresse" wishes of the current national
edition's registrations, drawn with a fixed seed, so that "Proposer une grille" can be tried on
realistic demand: 4 to 10 wishes per person, mostly in one or two favourite tracks, a few very
popular sessions. Bulk-inserted: loading stays fast.

Then a fair allocation window, open for two weeks, where the first 300 confirmed registrations
ranked (up to three per published slot) the bookable sessions they wished, so the team page
`/orga/<edition>/programme/attribution/` can be tried (closing it books their seats).

And about 15 % of the programme's sessions unavailable in 1 to 3 slots (a speaker who is not
there), never where the session is placed or published: the demo grid stays valid, and "Proposer
une grille" has availability to honour (`/orga/<edition>/programme/indisponibilites/`)."""

import random
from collections import defaultdict
from datetime import timedelta

from django.utils import timezone

from nec.core.demo import DemoContext
from nec.programme.models import Session, TimeSlot
from nec.registrations.models import Registration
from nec.registrations.selectors import bookable_sessions
from nec.timetabling.models import AllocationWindow, Ranking, SessionUnavailability, Wish

SEED = 14


def load_demo(context: DemoContext) -> None:
    edition = context.national_edition()
    if edition is None:
        context.say("timetabling: no national edition, skipped")
        return
    if Wish.objects.filter(session__edition=edition).exists():
        context.say("timetabling: demo wishes already there")
    else:
        _load_wishes(context, edition)
    _load_rankings(context, edition)
    _load_unavailabilities(context, edition)


def _load_wishes(context: DemoContext, edition) -> None:
    sessions = list(
        Session.objects.filter(edition=edition, status__in=Session.ACTIVE_STATUSES).values_list(
            "pk", "track_id"
        )
    )
    registrations = list(
        Registration.objects.filter(edition=edition)
        .exclude(status=Registration.Status.CANCELLED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not sessions or not registrations:
        context.say("timetabling: no session or registration, skipped")
        return
    rng = random.Random(SEED)
    weight = {pk: rng.paretovariate(2.5) for pk, _track in sessions}
    for pk in rng.sample(sorted(weight), min(5, len(weight))):
        weight[pk] *= 8
    by_track: dict = {}
    for pk, track in sessions:
        by_track.setdefault(track, []).append(pk)
    tracks = sorted(by_track, key=lambda t: (t is None, t or 0))
    everyone = [pk for pk, _track in sessions]
    wishes = []
    for registration in registrations:
        favourites = rng.sample(tracks, min(len(tracks), rng.choice((1, 1, 2))))
        wanted: set[int] = set()
        count = min(len(everyone), rng.randint(4, 10))
        while len(wanted) < count:
            pool = by_track[rng.choice(favourites)] if rng.random() < 0.75 else everyone
            wanted.add(rng.choices(pool, weights=[weight[pk] for pk in pool])[0])
        wishes += [Wish(registration_id=registration, session_id=pk) for pk in sorted(wanted)]
    Wish.objects.bulk_create(wishes, batch_size=2000)
    context.say(f"timetabling: {len(wishes)} wishes from {len(registrations)} registrations")


RANKING_PEOPLE = 300


def _load_rankings(context: DemoContext, edition) -> None:
    if AllocationWindow.objects.filter(edition=edition).exists():
        return
    slot_of = dict(bookable_sessions(edition).values_list("pk", "published_slot_id"))
    if not slot_of:
        context.say("timetabling: no bookable session, no allocation window")
        return
    now = timezone.now()
    window = AllocationWindow.objects.create(
        edition=edition,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=14),
        seed=SEED,
    )
    people = list(
        Registration.objects.filter(edition=edition, status=Registration.Status.CONFIRMED)
        .order_by("pk")
        .values_list("pk", flat=True)[:RANKING_PEOPLE]
    )
    wished = defaultdict(list)
    for registration, session in (
        Wish.objects.filter(registration__in=people, session__in=list(slot_of))
        .order_by("registration", "pk")
        .values_list("registration_id", "session_id")
    ):
        wished[registration].append(session)
    rng = random.Random(SEED)
    rows = []
    for registration, sessions in wished.items():
        by_slot = defaultdict(list)
        for session in sessions:
            by_slot[slot_of[session]].append(session)
        for slot, choices in by_slot.items():
            rng.shuffle(choices)
            rows += [
                Ranking(
                    window=window,
                    registration_id=registration,
                    session_id=session,
                    slot_id=slot,
                    rank=rank,
                )
                for rank, session in enumerate(choices[:3], start=1)
            ]
    Ranking.objects.bulk_create(rows, batch_size=2000)
    context.say(
        f"timetabling: allocation window open, {len(rows)} rankings from {len(wished)} people"
    )


UNAVAILABLE_SHARE = 0.15
UNAVAILABILITY_NOTES = (
    "Arrive en fin de matinée le premier jour",
    "Repart avant la fin de l'événement",
    "Intervient ailleurs à ce moment-là",
    "",
)


def _load_unavailabilities(context: DemoContext, edition) -> None:
    if SessionUnavailability.objects.filter(session__edition=edition).exists():
        return
    slots = list(TimeSlot.objects.filter(edition=edition).order_by("start", "pk"))
    sessions = list(
        Session.objects.filter(edition=edition, status__in=Session.ACTIVE_STATUSES)
        .order_by("pk")
        .values_list("pk", "slot_id", "published_slot_id")
    )
    if len(slots) < 3 or not sessions:
        return
    rng = random.Random(SEED + 1)
    chosen = rng.sample(sessions, round(len(sessions) * UNAVAILABLE_SHARE))
    rows = []
    for pk, slot_pk, published_pk in chosen:
        free = [slot for slot in slots if slot.pk not in (slot_pk, published_pk)]
        # a speaker absent for a few consecutive slots (arriving late, leaving early)
        count = rng.randint(1, min(3, len(free) - 1))  # always a slot left besides its own
        first = rng.randrange(len(free) - count + 1)
        note = rng.choice(UNAVAILABILITY_NOTES)
        rows += [
            SessionUnavailability(session_id=pk, slot=slot, note=note)
            for slot in free[first : first + count]
        ]
    SessionUnavailability.objects.bulk_create(rows)
    context.say(f"timetabling: {len(rows)} unavailable slots for {len(chosen)} sessions")
