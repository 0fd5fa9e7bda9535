"""Demo data of the registrations app: ~1 800 registrations on the current national edition,
whose answers follow the published distributions (2025 report: tracks 50 / 28 / 22 %, public
52 % / private 48 %, 58 % first-timers, 69 % came with colleagues, objectives 73 / 56 / 49 %;
2022 report: the audience categories). Bulk inserts keep it fast; a second run adds nothing."""

import unicodedata

from django.db import transaction
from django.utils import timezone

from nec.registrations import demo_booking
from nec.registrations.edition_settings import get_settings
from nec.registrations.models import Answer, Registration
from nec.registrations.questionnaire import (
    DEPARTEMENTS,
    OBJECTIVES,
    audience_categories,
    ensure_default_questionnaire,
    tracks_2025,
)

TOTAL = 1800
DEMO_DOMAIN = "demo.example.org"
#: status shares among demo registrations
#: (no edition capacity in the demo, hence no waiting list for the edition itself)
STATUSES = [("confirmed", 0.94), ("cancelled", 0.04), ("pending", 0.02)]
PUBLIC_KINDS = [("collectivite", 48), ("etat", 28), ("operateur", 14), ("autre", 10)]
PRIVATE_STRUCTURES = [
    ("association", 38),
    ("entreprise", 28),
    ("ess", 14),
    ("tiers_lieu", 10),
    ("recherche", 6),
    ("autre", 4),
]
OBJECTIVE_RATES = {"decouvrir": 0.73, "rencontrer": 0.56, "apprendre": 0.49}
TRACK_WEIGHTS = [50, 28, 22]
JOB_TITLES = [
    "Médiatrice numérique",
    "Médiateur numérique",
    "Conseillère numérique",
    "Chargé de mission inclusion numérique",
    "Cheffe de projet transformation numérique",
    "Directeur des systèmes d'information",
    "Responsable de tiers-lieu",
    "Développeuse",
    "Élue déléguée au numérique",
    "Coordinateur de réseau",
    "Chargée de communication",
    "Chercheur",
    "Directrice générale des services",
    "Animateur multimédia",
]
ACCESSIBILITY = [
    "Fauteuil roulant : accès de plain-pied nécessaire",
    "Boucle magnétique",
    "Sous-titrage des plénières",
    "Place assise près de l'écran (malvoyance)",
]


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in text.lower() if c.isalnum())


def _pick(rng, weighted):
    values = [v for v, _w in weighted]
    weights = [w for _v, w in weighted]
    return rng.choices(values, weights=weights)[0]


def _track_weights(question) -> tuple[list[str], list[float]]:
    """The track question's values, weighted by the 2025 shares (matched on the label; by
    position when the edition's tracks have other names)."""
    published = {label.lower(): pct for label, pct in tracks_2025()}
    values = [value for value, _label in question.choices]
    weights = [published.get(str(label).lower()) for _value, label in question.choices]
    if None in weights:
        positional = TRACK_WEIGHTS if len(values) == 3 else [1] * len(values)
        weights = positional
    return values, weights


def load_demo(context) -> None:
    edition = context.national_edition()
    if edition is None:
        context.say("registrations: no national edition, skipped")
        return
    questions = {q.key: q for q in ensure_default_questionnaire(edition)}
    get_settings(edition)
    if Registration.objects.filter(edition=edition, email__endswith="@" + DEMO_DOMAIN).exists():
        context.say("registrations: demo registrations already there")
        _register_participant(context, edition, questions)
        _load_bookings(context)
        return

    from faker import Faker

    rng = context.rng
    fake = Faker("fr_FR")
    fake.seed_instance(rng.randrange(1_000_000))
    host = edition.departement_code or "67"
    departement_codes = [code for code, _name in DEPARTEMENTS]
    track_choices, track_weights = _track_weights(questions["track"])
    ended = bool(edition.end_date and edition.end_date < timezone.localdate())
    now = timezone.now()

    registrations = []
    answer_sets = []
    for n in range(TOTAL):
        first, last = fake.first_name(), fake.last_name()
        sector = "public" if rng.random() < 0.52 else "private"
        answers = {
            "audience": _pick(rng, [(v, pct) for v, _l, pct in audience_categories()]),
            "sector": sector,
            "first_time": rng.random() < 0.58,
            "with_colleagues": rng.random() < 0.69,
            "track": rng.choices(track_choices, weights=track_weights)[0],
        }
        if sector == "public":
            kind = _pick(rng, PUBLIC_KINDS)
            answers["public_kind"] = kind
            answers["structure_type"] = kind
            organisation = {
                "collectivite": f"Ville de {fake.city()}",
                "etat": rng.choice(
                    ["ANCT", "DINUM", "Préfecture de région", "Ministère de l'Intérieur"]
                ),
                "operateur": rng.choice(["France Travail", "CAF", "La Poste", "CPAM"]),
                "autre": f"Centre social de {fake.city()}",
            }[kind]
        else:
            answers["structure_type"] = _pick(rng, PRIVATE_STRUCTURES)
            organisation = fake.company()
        roll = rng.random()
        if roll < 0.25:
            answers["departement"] = host
        elif roll < 0.40:
            answers["departement"] = rng.choice(["75", "92", "93", "94", "69", "59"])
        else:
            answers["departement"] = rng.choice(departement_codes)
        objectives = [key for key, _label in OBJECTIVES if rng.random() < OBJECTIVE_RATES[key]]
        if objectives:
            answers["objectives"] = objectives
        if rng.random() < 0.03:
            answers["accessibility"] = rng.choice(ACCESSIBILITY)
        status = _pick(rng, STATUSES)
        checked_in = ended and status == "confirmed" and rng.random() < 0.88
        registrations.append(
            Registration(
                edition=edition,
                email=f"{_ascii(first)}.{_ascii(last)}.{n}@{DEMO_DOMAIN}",
                first_name=first,
                last_name=last,
                organisation=organisation,
                job_title=rng.choice(JOB_TITLES),
                status=status,
                newsletter_consent=rng.random() < 0.4,
                checked_in_at=now if checked_in else None,
            )
        )
        answer_sets.append(answers)

    with transaction.atomic():
        created = Registration.objects.bulk_create(registrations, batch_size=500)
        if created and created[0].pk is None:  # backends that do not return primary keys
            by_email = dict(Registration.objects.filter(edition=edition).values_list("email", "pk"))
            for registration in created:
                registration.pk = by_email[registration.email]
        answers = [
            Answer(registration_id=registration.pk, question=questions[key], value=value)
            for registration, values in zip(created, answer_sets, strict=True)
            for key, value in values.items()
        ]
        Answer.objects.bulk_create(answers, batch_size=2000)
    context.objects["demo_registrations"] = created
    context.say(f"registrations: {len(created)} registrations, {len(answers)} answers")
    _register_participant(context, edition, questions)
    _load_bookings(context)


def _load_bookings(context) -> None:
    """Session bookings come from their own loader, run after registrations."""
    demo_booking.load_demo(context)


def _register_participant(context, edition, questions) -> None:
    """Register the demo participant account, if the accounts demo made one."""
    from nec.accounts.models import User

    email = next(
        (email for label, email in context.accounts if "participant" in label.lower()), None
    )
    user = User.objects.filter(email__iexact=email).first() if email else None
    if user is None or Registration.objects.filter(edition=edition, email=user.email).exists():
        return
    registration = Registration.objects.create(
        edition=edition,
        email=user.email,
        user=user,
        first_name=user.first_name or "Camille",
        last_name=user.last_name or "Participant",
        organisation="Ville de Strasbourg",
        job_title="Médiatrice numérique",
        status=Registration.Status.CONFIRMED,
    )
    values = {
        "audience": "strategies_inclusion",
        "sector": "public",
        "public_kind": "collectivite",
        "structure_type": "collectivite",
        "departement": edition.departement_code or "67",
        "first_time": True,
        "with_colleagues": True,
        "objectives": ["decouvrir", "rencontrer"],
    }
    Answer.objects.bulk_create(
        Answer(registration=registration, question=questions[key], value=value)
        for key, value in values.items()
        if key in questions
    )
    context.objects["demo_participant_registration"] = registration
