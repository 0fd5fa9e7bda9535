"""Synthetic per-person data for the real 2025 edition (Strasbourg), drawn to match the
proportions its published bilan gives, so that the platform's own bilan can be compared with it.

The aggregate targets come from the 2025 bilan (`history.json`, seed-facts §B); every individual
row (person, answer, booking, rating) is invented. Counts are exact (a share of n is rounded once,
then the values are shuffled with a fixed seed), so the computed figures land on the published
ones. Everything is written with bulk_create."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.text import slugify

from nec.editions.models import Edition, Organisation
from nec.programme.models import FormatType, Room, Session, SessionSpeaker, Speaker, TimeSlot, Track
from nec.registrations.models import Answer, Booking, Registration
from nec.registrations.questionnaire import (
    DEPARTEMENTS,
    audience_categories,
    ensure_default_questionnaire,
    tracks_2025,
)
from nec.surveys.models import Response, ResponseAnswer, SessionFeedback
from nec.surveys.services import get_survey

SEED = 2025
DOMAIN = "simule-2025.example"
REGISTERED, PRESENT, QUESTIONNAIRE, SURVEY = 2_050, 1_800, 1_500, 224
ROOMS = [
    ("Aula", 180),
    ("Amphi Cavaillès", 120),
    ("Salle Pasteur", 100),
    ("Salle Goethe", 80),
    ("Salle 118", 60),
    ("Salle 120", 50),
    ("Salle 122", 40),
]
SIMULTANEOUS_SLOTS, FILL = 14, 0.80
FORMATS = [
    ("Atelier", 46),
    ("Retex", 26),
    ("Masterclass", 12),
    ("Regards croisés", 10),
    ("Grand format", 4),
    ("Plénière", 4),
]
TOP_SESSIONS = [
    "Masterclass — Fred Turner",
    "Grand format — Le numérique d'intérêt général",
    "Masterclass — Grégoire Darcy",
]


def exact(rng: random.Random, n: int, shares: list[tuple[object, float]]) -> list:
    """n values with exactly round(share × n) of each (the last one takes the rest), shuffled."""
    values: list = []
    for value, share in shares[:-1]:
        values += [value] * round(n * share / 100)
    values += [shares[-1][0]] * (n - len(values))
    rng.shuffle(values)
    return values


def flags(rng: random.Random, n: int, share: float) -> list[bool]:
    return exact(rng, n, [(True, share), (False, 100 - share)])


def _programme(rng, edition: Edition) -> tuple[list[Session], list[int]]:
    """102 formats (98 in 14 simultaneous slots of 7 rooms, 4 plenaries alone), 7 private
    institutional times, 300 speakers; returns the sessions and their booked seats."""
    tracks = [
        Track.objects.get_or_create(edition=edition, name=label)[0] for label, _pct in tracks_2025()
    ]
    formats = {
        name: FormatType.objects.get_or_create(
            edition=edition, slug=slugify(name), defaults={"name": name}
        )[0]
        for name, _n in FORMATS
    }
    private = FormatType.objects.get_or_create(
        edition=edition,
        slug="temps-prive-institutionnel",
        defaults={"name": "Temps privé institutionnel", "public": False},
    )[0]
    rooms = Room.objects.bulk_create(
        Room(edition=edition, name=name, capacity=cap, position=n)
        for n, (name, cap) in enumerate(ROOMS)
    )
    tz = timezone.get_current_timezone()
    starts = []
    for day in range(2):
        base = edition.start_date + timedelta(days=day)
        starts += [
            timezone.make_aware(datetime.combine(base, time(h, m)), tz)
            for h, m in ((9, 0), (10, 15), (11, 30), (13, 30), (14, 45), (16, 0), (17, 15))
        ]
    slots = TimeSlot.objects.bulk_create(
        TimeSlot(edition=edition, start=s, end=s + timedelta(hours=1)) for s in starts
    )
    plenary_slots = TimeSlot.objects.bulk_create(
        TimeSlot(edition=edition, start=s - timedelta(minutes=45), end=s - timedelta(minutes=5))
        for s in (starts[0], starts[4], starts[7], starts[11])
    )
    kinds = [name for name, n in FORMATS if name != "Plénière" for _ in range(n)]
    rng.shuffle(kinds)
    track_of = exact(
        rng, 102, [(t, pct) for t, (_l, pct) in zip(tracks, tracks_2025(), strict=True)]
    )
    sessions, booked = [], []
    for index in range(98):
        slot, room = slots[index // 7], rooms[index % 7]
        kind = kinds[index]
        title = f"{kind} n° {index + 1} (simulé)"
        if index in (3, 40, 75):
            title = TOP_SESSIONS[(3, 40, 75).index(index)]
            kind = title.split(" — ")[0].capitalize()
        sessions.append(
            Session(
                edition=edition,
                title=title,
                format_type=formats.get(kind, formats["Atelier"]),
                track=track_of[index],
                room=room,
                slot=slot,
                status=Session.Status.SCHEDULED,
            )
        )
    for n, slot in enumerate(plenary_slots):
        sessions.append(
            Session(
                edition=edition,
                title=f"Plénière {n + 1} (simulé)",
                format_type=formats["Plénière"],
                track=track_of[98 + n],
                room=rooms[0],
                slot=slot,
                capacity_override=900,
                status=Session.Status.SCHEDULED,
            )
        )
    for n in range(7):
        sessions.append(
            Session(
                edition=edition,
                title=f"Temps privé institutionnel {n + 1}",
                format_type=private,
                status=Session.Status.SCHEDULED,
            )
        )
    sessions = Session.objects.bulk_create(sessions)
    seats_per_slot = sum(cap for _n, cap in ROOMS)
    for _slot in range(SIMULTANEOUS_SLOTS):
        factors = [1.0, 1.0, 0.95, 0.8, 0.7, 0.6, 0.5]
        rng.shuffle(factors)
        caps = [ROOMS[i][1] for i in range(7)]
        counts = [round(c * f) for c, f in zip(caps, factors, strict=True)]
        gap = round(FILL * seats_per_slot) - sum(counts)
        order = sorted(range(7), key=lambda i: counts[i] / caps[i])
        while gap:
            for i in order:
                step = 1 if gap > 0 else -1
                if 0 <= counts[i] + step <= caps[i] and gap:
                    counts[i] += step
                    gap -= step
        booked += counts
    booked += [0] * (len(sessions) - 98)
    _speakers_and_partners(rng, edition, sessions[:102])
    return sessions, booked


def _speakers_and_partners(rng, edition, sessions) -> None:
    genders = exact(rng, 300, [("femme", 52), ("homme", 44), ("", 4)])
    speakers = Speaker.objects.bulk_create(
        Speaker(
            edition=edition,
            name=f"Intervenant·e {n + 1} (simulé)",
            slug=f"simule-{n + 1}",
            gender=genders[n],
        )
        for n in range(300)
    )
    SessionSpeaker.objects.bulk_create(
        SessionSpeaker(
            session=sessions[n % len(sessions)],
            speaker=speaker,
            confirmed=True,
            position=n // len(sessions),
        )
        for n, speaker in enumerate(speakers)
    )
    partners = list(Organisation.objects.filter(partnerships__edition=edition))
    if not partners:
        return
    how_many = exact(rng, len(sessions), [(0, 15), (1, 40), (2, 45)])
    through = Session.partners.through
    rows = []
    for session, n in zip(sessions, how_many, strict=True):
        rows += [
            through(session_id=session.pk, organisation_id=o.pk) for o in rng.sample(partners, n)
        ]
    through.objects.bulk_create(rows)


def load(edition: Edition) -> dict[str, int]:
    rng = random.Random(SEED)
    sessions, booked = _programme(rng, edition)
    questions = {q.key: q for q in ensure_default_questionnaire(edition)}
    checked_in = timezone.make_aware(datetime.combine(edition.start_date, time(8, 45)))
    people = Registration.objects.bulk_create(
        Registration(
            edition=edition,
            email=f"personne.{n}@{DOMAIN}",
            first_name="Personne",
            last_name=f"simulée {n}",
            status=Registration.Status.CONFIRMED,
            checked_in_at=checked_in if n < PRESENT else None,
        )
        for n in range(REGISTERED)
    )
    if people[0].pk is None:
        people = list(Registration.objects.filter(edition=edition).order_by("pk"))
    _questionnaire(rng, questions, people[:QUESTIONNAIRE])
    present = people[:PRESENT]
    present_ids = [p.pk for p in present]
    bookings = []
    for session, count in zip(sessions, booked, strict=True):
        if count:
            bookings += [
                Booking(session_id=session.pk, registration_id=pk, status=Booking.Status.CONFIRMED)
                for pk in rng.sample(present_ids, count)
            ]
    Booking.objects.bulk_create(bookings, batch_size=2000)
    answered = _survey(rng, edition, present, sessions[:98])
    return {"registrations": len(people), "bookings": len(bookings), "survey": answered}


def _questionnaire(rng, questions, people) -> None:
    n = len(people)
    values: dict[str, list] = {
        "audience": exact(rng, n, [(v, pct) for v, _l, pct in audience_categories()]),
        "sector": exact(rng, n, [("public", 52), ("private", 48)]),
        "first_time": flags(rng, n, 58),
        "with_colleagues": flags(rng, n, 69),
        "track": exact(
            rng,
            n,
            list(zip([v for v, _l in questions["track"].choices], [50, 28, 22], strict=True)),
        ),
        "objectives": [
            [k for k, f in zip(("decouvrir", "rencontrer", "apprendre"), row, strict=True) if f]
            for row in zip(flags(rng, n, 73), flags(rng, n, 56), flags(rng, n, 49), strict=True)
        ],
    }
    public = [i for i, s in enumerate(values["sector"]) if s == "public"]
    kinds = exact(
        rng, len(public), [("collectivite", 48), ("etat", 28), ("operateur", 14), ("autre", 10)]
    )
    public_kind = dict(zip(public, kinds, strict=True))
    codes = [code for code, _name in DEPARTEMENTS]
    deps = [
        (
            "67"
            if r < 0.3
            else "68"
            if r < 0.38
            else rng.choice(["75", "93", "69", "59", "57"])
            if r < 0.55
            else rng.choice(codes)
        )
        for r in (rng.random() for _ in range(n))
    ]
    question_ids = {key: q.pk for key, q in questions.items()}
    answers = []
    for i, person in enumerate(people):
        row = {key: column[i] for key, column in values.items()}
        row["departement"] = deps[i]
        if i in public_kind:
            row["public_kind"] = public_kind[i]
            row["structure_type"] = public_kind[i]
        else:
            row["structure_type"] = rng.choice(["association", "entreprise", "ess", "tiers_lieu"])
        answers += [
            Answer(registration_id=person.pk, question_id=question_ids[k], value=v)
            for k, v in row.items()
            if v not in (None, [])
        ]
    Answer.objects.bulk_create(answers, batch_size=5000)


def _survey(rng, edition, present, sessions) -> int:
    survey = get_survey(edition)
    end = timezone.make_aware(datetime.combine(edition.end_date or edition.start_date, time(18)))
    survey.sent_at, survey.reminded_at = end + timedelta(days=1), end + timedelta(days=8)
    survey.closes_at = end + timedelta(days=21)
    survey.save()
    answered_ids = set(rng.sample(range(len(present)), SURVEY))
    responses = Response.objects.bulk_create(
        Response(
            survey_id=survey.pk,
            registration_id=p.pk,
            invited_at=survey.sent_at,
            submitted_at=survey.sent_at + timedelta(hours=i % 200) if i in answered_ids else None,
        )
        for i, p in enumerate(present)
    )
    if responses[0].pk is None:
        responses = list(Response.objects.filter(survey=survey).order_by("pk"))
    submitted = [r for i, r in enumerate(responses) if i in answered_ids]
    q = {question.key: question for question in survey.questions.all()}
    n = len(submitted)
    columns = {
        "objectives_met": flags(rng, n, 95),
        "appreciation": exact(
            rng,
            n,
            [
                ("geniale", 55),
                ("tres_bien", 28.6),
                ("bien", 13.4),
                ("moyenne", 2),
                ("decevante", 1),
            ],
        ),
        "programme_relevant": flags(rng, n, 90),
        "visit_prepared": flags(rng, n, 56),
        "with_colleagues": flags(rng, n, 69),
        "formats_attended": [
            rng.randint(6, 10) if f else rng.randint(2, 5) for f in flags(rng, n, 76)
        ],
        "reference_event": flags(rng, n, 87),
        "liked_city": flags(rng, n, 90),
        "objectives": [
            [k for k, f in zip(("decouvrir", "rencontrer", "apprendre"), row, strict=True) if f]
            for row in zip(flags(rng, n, 73), flags(rng, n, 56), flags(rng, n, 49), strict=True)
        ],
    }
    texts = [
        "Très belle édition, merci !",
        "Des ateliers trop courts.",
        "Le lieu était superbe.",
        "Plus de temps pour échanger entre les sessions, svp.",
        "Bravo à toute l'équipe.",
    ]
    rows = []
    for i, response in enumerate(submitted):
        rows += [
            ResponseAnswer(response_id=response.pk, question_id=q[k].pk, value=col[i])
            for k, col in columns.items()
            if col[i] not in (None, [])
        ]
        if i % 4 == 0:
            rows.append(
                ResponseAnswer(response=response, question=q["free_text"], value=rng.choice(texts))
            )
    ResponseAnswer.objects.bulk_create(rows, batch_size=5000)
    top = [s for s in sessions if s.title in TOP_SESSIONS]
    feedback = []
    for i, response in enumerate(submitted):
        for session in {*rng.sample(sessions, 3), top[i % 3]}:
            best = session in top
            rating = rng.choice([5, 5, 5, 5, 4]) if best else rng.choice([3, 4, 4, 5, 2])
            feedback.append(
                SessionFeedback(response_id=response.pk, session_id=session.pk, rating=rating)
            )
    SessionFeedback.objects.bulk_create(feedback, batch_size=5000)
    return n
