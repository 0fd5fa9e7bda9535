"""Demo data of the programme app: the current national edition gets a realistic programme.

~100 sessions shaped like 2022 (11 masterclasses, 26 ateliers, 45 retex, 10 regards croisés,
pitchs, plénières …), the three tracks of 2025, the themes of 2022, ~250 fictitious speakers
(Faker fr_FR, seeded) with a parity close to but not exactly 50 %, ~85 % of sessions co-designed
with partners, 14 slots over 2 days in 10 rooms, published as version 1 of the schedule; then one
all-male panel is placed but left unpublished so that the charter check shows. Idempotent: an
edition that already has sessions is left as it is.

`build_programme()` is also used by `benchmarks/programme_pages.py`."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from faker import Faker

from nec.editions.history import history_data
from nec.editions.models import Edition, Membership, Organisation, Partnership
from nec.programme import services
from nec.programme.models import Room, Session, SessionSpeaker, Speaker, TimeSlot

#: (format slug, number of sessions, speakers per session (min, max))
FORMAT_PLAN = [
    ("pleniere", 2, (3, 4)),
    ("masterclass", 11, (1, 1)),
    ("atelier", 26, (2, 2)),
    ("retex", 45, (2, 3)),
    ("regards-croises", 10, (3, 4)),
    ("pitch", 4, (5, 6)),
    ("grand-format", 2, (3, 4)),
    ("temps-prive-institutionnel", 2, (2, 2)),
]

#: (name, capacity, step-free)
ROOMS = [
    ("Grand amphithéâtre", 900, True),
    ("Amphithéâtre Pascal", 300, True),
    ("Salle Puy de Dôme", 160, True),
    ("Salle Sancy", 120, True),
    ("Salle Livradois", 80, True),
    ("Salle Forez", 60, True),
    ("Salle Combrailles", 50, True),
    ("Salle Artense", 40, True),
    ("Mezzanine", 40, False),
    ("Atelier des Volcans", 35, True),
]

#: (start, end) of the 7 slots of each day
DAY_SLOTS = [
    (time(9, 0), time(10, 0)),
    (time(10, 15), time(11, 15)),
    (time(11, 30), time(12, 30)),
    (time(14, 0), time(15, 0)),
    (time(15, 15), time(16, 15)),
    (time(16, 30), time(17, 30)),
    (time(17, 45), time(18, 45)),
]

TOPICS = [
    "la médiation numérique en zone rurale",
    "les conseillers numériques France Services",
    "l'ouverture des données des collectivités",
    "les communs numériques au service des territoires",
    "la sobriété numérique dans les services publics",
    "l'accessibilité des démarches en ligne",
    "l'inclusion numérique des seniors",
    "le reconditionnement des ordinateurs",
    "l'intelligence artificielle et l'action publique",
    "la cybersécurité des petites communes",
    "les tiers-lieux et l'émancipation numérique",
    "l'éducation aux médias et à l'information",
    "la lutte contre le non-recours aux droits",
    "les logiciels libres dans les collectivités",
    "la gouvernance des données territoriales",
    "les réseaux d'aidants numériques",
    "la souveraineté numérique locale",
    "la formation des agents publics au numérique",
    "les usages numériques des jeunes",
    "la cartographie des lieux de médiation",
    "la mesure d'impact de l'inclusion numérique",
    "les démarches administratives accompagnées",
    "le numérique responsable à l'école",
    "la désinformation et l'esprit critique",
    "les plateformes publiques ouvertes",
    "la coopération entre acteurs de l'accompagnement",
    "le financement des structures de médiation",
    "les outils collaboratifs souverains",
    "l'hébergement des données de santé",
    "la participation citoyenne en ligne",
]

TITLE_PATTERNS = {
    "pleniere": ["Plénière d'ouverture : faire commun(s)", "Plénière de clôture : et maintenant ?"],
    "masterclass": ["Masterclass : comprendre {topic}", "Masterclass : repenser {topic}"],
    "atelier": [
        "Atelier : prototyper un plan d'action sur {topic}",
        "Atelier : cartographier {topic}",
        "Atelier : construire une synthèse sur {topic}",
    ],
    "retex": ["Retex : {topic} à {city}", "Retex : ce que {city} a appris sur {topic}"],
    "regards-croises": ["Regards croisés sur {topic}", "Regards croisés : demain, {topic}"],
    "pitch": ["Pitchs : {pitches} initiatives sur {topic}"],
    "grand-format": [
        "Grand format : faut-il réguler {topic} ?",
        "Grand format : {topic}, une question démocratique",
    ],
    "temps-prive-institutionnel": ["Comité des partenaires {n}", "Réunion des préfectures {n}"],
}

#: what each format is, for the demo sessions' summaries (a real programme text, not lorem ipsum)
FORMAT_SUMMARIES = {
    "pleniere": "Le temps fort qui rassemble tous les participant·es autour des enjeux "
    "de l'édition.",
    "masterclass": "Une heure avec une personne experte pour comprendre {topic} et repartir avec "
    "des repères concrets.",
    "atelier": "Un atelier en petit groupe pour travailler sur {topic} à partir de situations "
    "réelles apportées par les participant·es.",
    "retex": "Un retour d'expérience de {city} sur {topic} : ce qui a marché, ce qui a coincé, "
    "ce qui peut se transposer ailleurs.",
    "regards-croises": "Élu·es, agent·es et associations croisent leurs regards sur {topic}.",
    "pitch": "Quelques initiatives présentées en cinq minutes chacune, puis un temps d'échange "
    "avec la salle sur {topic}.",
    "grand-format": "Un débat ouvert pour mettre en discussion {topic} avec la salle.",
    "temps-prive-institutionnel": "Temps de travail réservé aux personnes invitées.",
}

DESCRIPTION_PARAGRAPHS = [
    "Public : médiateur·rices numériques, agent·es des collectivités et des services publics, "
    "associations, tiers-lieux, entreprises engagées pour un numérique d'intérêt général.",
    "Objectif : partager des pratiques qui fonctionnent sur {topic}, identifier les freins "
    "rencontrés sur le terrain et repartir avec des contacts et des ressources réutilisables.",
    "Les supports présentés seront publiés sous licence libre (CC BY-SA 4.0) après l'événement.",
]


ORGANISATION_PATTERNS = [
    "Mairie de {city}",
    "Conseil départemental de {dept}",
    "Médiathèque de {city}",
    "Centre social de {city}",
    "Hub numérique {region}",
    "Association {word} numérique",
    "Coopérative {word}",
    "Tiers-lieu La {word}",
    "Université de {city}",
    "Communauté de communes de {city}",
    "France Services de {city}",
    "Agence régionale du numérique {region}",
]

REGIONS = ["Auvergne-Rhône-Alpes", "Occitanie", "Bretagne", "Grand Est", "Hauts-de-France",
           "Nouvelle-Aquitaine", "Normandie", "Pays de la Loire"]  # fmt: skip
WORDS = ["Fabrique", "Passerelle", "Ruche", "Boussole", "Clé", "Forge", "Source", "Traverse"]


def _faker(rng: random.Random) -> Faker:
    fake = Faker("fr_FR")
    fake.seed_instance(rng.randint(0, 10**9))
    return fake


def _gender(rng: random.Random) -> str:
    draw = rng.random()
    if draw < 0.44:
        return Speaker.Gender.FEMME
    if draw < 0.925:
        return Speaker.Gender.HOMME
    if draw < 0.94:
        return Speaker.Gender.NON_BINAIRE
    if draw < 0.97:
        return Speaker.Gender.NO_ANSWER
    return ""


def _organisation_name(fake: Faker, rng: random.Random) -> str:
    pattern = rng.choice(ORGANISATION_PATTERNS)
    return pattern.format(
        city=fake.city(),
        dept=fake.department_name(),
        region=rng.choice(REGIONS),
        word=rng.choice(WORDS),
    )


def _speaker(edition: Edition, fake: Faker, rng: random.Random, gender: str) -> Speaker:
    if gender == Speaker.Gender.FEMME:
        first = fake.first_name_female()
    elif gender == Speaker.Gender.HOMME:
        first = fake.first_name_male()
    else:
        first = fake.first_name()
    name = f"{first} {fake.last_name()}"
    return services.create_speaker(
        None,
        edition,
        name=name,
        organisation_name=_organisation_name(fake, rng),
        job_title=rng.choice(
            [
                "Chargée de mission",
                "Médiateur numérique",
                "Directrice",
                "Chef de projet",
                "Conseillère numérique",
                "Élu délégué au numérique",
                "Chercheuse",
                "Coordinateur",
                "Responsable innovation",
                "Fondatrice",
            ]
        ),  # fmt: skip
        bio=fake.paragraph(nb_sentences=2),
        public_consent=rng.random() < 0.95,
        gender=gender,
    )


def _slots(edition: Edition, first_day: date) -> list[TimeSlot]:
    tz = timezone.get_current_timezone()
    made = []
    for offset in range(2):
        day = first_day + timedelta(days=offset)
        for index, (start, end) in enumerate(DAY_SLOTS):
            label = ""
            if offset == 0 and index == 0:
                label = "Plénière d'ouverture"
            elif offset == 1 and index == len(DAY_SLOTS) - 1:
                label = "Plénière de clôture"
            made.append(
                services.create_slot(
                    None,
                    edition,
                    start=datetime.combine(day, start, tzinfo=tz),
                    end=datetime.combine(day, end, tzinfo=tz),
                    label=label,
                )
            )
    return made


def _partners(edition: Edition, rng: random.Random, fake: Faker) -> list[Organisation]:
    partners = [p.organisation for p in Partnership.objects.filter(edition=edition)]
    if partners:
        return partners
    made = []
    for n in range(12):
        name = _organisation_name(fake, rng)
        organisation, _created = Organisation.objects.get_or_create(
            slug=f"demo-partenaire-programme-{n + 1}", defaults={"name": name}
        )
        made.append(organisation)
    return made


def build_programme(edition: Edition, rng: random.Random, first_day: date | None = None) -> dict:
    """Create rooms, slots, themes, tracks, ~100 sessions and ~250 speakers in `edition`, place
    and publish them (version 1), then place an all-male panel left unpublished."""
    fake = _faker(rng)
    first_day = first_day or edition.start_date or timezone.localdate()
    types = {t.slug: t for t in services.ensure_default_format_types(edition)}
    distributions = history_data()["distributions"]
    themes = [
        (edition.themes.get_or_create(name=item["label"], defaults={
            "description": item.get("description", "")})[0], item["pct"])
        for item in distributions["themes_2022"]["items"]
    ]  # fmt: skip
    tracks = [
        (edition.tracks.get_or_create(name=item["label"])[0], item["pct"])
        for item in distributions["tracks_2025"]["items"]
    ]
    rooms = [
        services.create_room(None, edition, name=name, capacity=capacity, step_free=step_free,
                             position=n)
        for n, (name, capacity, step_free) in enumerate(ROOMS)
    ]  # fmt: skip
    slots = _slots(edition, first_day)
    partners = _partners(edition, rng, fake)

    topics = list(TOPICS)
    rng.shuffle(topics)
    sessions: list[Session] = []
    titles: set[str] = set()
    for slug, count, (low, high) in FORMAT_PLAN:
        for n in range(count):
            patterns = TITLE_PATTERNS[slug]
            city = fake.city()
            for attempt in range(len(topics) * len(patterns)):
                pattern = patterns[(n + attempt) % len(patterns)]
                topic = topics[(len(sessions) + n + attempt) % len(topics)]
                title = pattern.format(topic=topic, city=city, n=n + 1, pitches=3 + n % 4)
                if title not in titles:
                    break
            titles.add(title)
            co_designed = rng.random() < 0.85
            session = services.create_session(
                None,
                edition,
                title=title,
                summary=FORMAT_SUMMARIES[slug].format(topic=topic, city=city),
                description="\n\n".join(DESCRIPTION_PARAGRAPHS).format(topic=topic),
                format_type=types[slug],
                track=rng.choices([t for t, _ in tracks], [w for _, w in tracks])[0],
                themes=[rng.choices([t for t, _ in themes], [w for _, w in themes])[0]],
                partners=rng.sample(partners, k=min(len(partners), rng.choice([1, 1, 2])))
                if co_designed
                else [],
                capacity_override=30 if slug == "atelier" else None,
                needs_step_free=rng.random() < 0.1,
            )
            size = rng.randint(low, high)
            genders = [_gender(rng) for _ in range(size)]
            if size >= 2 and all(g == Speaker.Gender.HOMME for g in genders):
                genders[0] = Speaker.Gender.FEMME  # the charter: no all-male panel
            for index, gender in enumerate(genders):
                speaker = _speaker(edition, fake, rng, gender)
                role = SessionSpeaker.Role.HOST if slug == "atelier" and index == 0 else None
                services.add_session_speaker(
                    None, session, speaker, role or SessionSpeaker.Role.SPEAKER
                )
            sessions.append(session)

    # placing: plénières in the big room at the first and last slot; the rest spread over the
    # other 12 slots, big formats in big rooms, step-free needs in step-free rooms
    plenary_slots = [slots[0], slots[-1]]
    plenaries = [s for s in sessions if s.format_type.slug == "pleniere"]
    for session, slot in zip(plenaries, plenary_slots, strict=True):
        services.place_session(None, session, slot, rooms[0])
    cells = [(slot, room) for slot in slots[1:-1] for room in rooms]
    rng.shuffle(cells)
    big = ("grand-format", "masterclass", "regards-croises", "pitch")
    others = sorted(
        (s for s in sessions if s.format_type.slug != "pleniere"),
        key=lambda s: (s.format_type.slug not in big, s.pk),
    )
    for session in others:
        for index, (slot, room) in enumerate(cells):
            wanted = 120 if session.format_type.slug in big else (session.capacity_override or 0)
            if room.capacity < wanted or (session.needs_step_free and not room.step_free):
                continue
            services.place_session(None, session, slot, room)
            del cells[index]
            break
    version = services.publish_schedule(None, edition)

    # one all-male panel, placed but left unpublished: the charter blocks the next publication
    panel = services.create_session(
        None,
        edition,
        title="Table ronde : l'intelligence artificielle dans les services publics",
        summary="Une table ronde encore en préparation.",
        format_type=types["table-ronde"],
        track=tracks[1][0],
    )
    for _n in range(3):
        services.add_session_speaker(
            None, panel, _speaker(edition, fake, rng, Speaker.Gender.HOMME)
        )
    if cells:
        slot, room = cells[0]
        services.place_session(None, panel, slot, room)
    return {"sessions": sessions, "rooms": rooms, "slots": slots, "version": version,
            "panel": panel}  # fmt: skip


def _link_speaker_account(edition: Edition) -> Speaker | None:
    """Give the demo speaker account (a speaker membership on the edition) a Speaker profile."""
    membership = (
        Membership.objects.filter(edition=edition, role=Membership.Role.SPEAKER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is None:
        return None
    user = membership.user
    existing = Speaker.objects.filter(edition=edition, user=user).first()
    if existing is not None:
        return existing
    speaker = (
        Speaker.objects.filter(
            edition=edition,
            user__isnull=True,
            session_roles__session__status=Session.Status.PUBLISHED,
            session_roles__session__format_type__slug="retex",
        )
        .order_by("pk")
        .first()
    )
    if speaker is None:
        return None
    name = user.get_full_name() or speaker.name
    services.update_speaker(
        None,
        speaker,
        name=name,
        user=user,
        email=user.email,
        public_consent=True,
    )
    return speaker


def load_demo(context) -> None:
    edition = context.national_edition()
    if edition is None:
        return
    with transaction.atomic():
        if not Room.objects.filter(edition=edition).exists() and not edition.sessions.exists():
            result = build_programme(edition, context.rng)
            context.say(
                f"  programme : {len(result['sessions']) + 1} sessions, "
                f"{edition.speakers.count()} intervenant·es, version "
                f"{result['version'].number} publiée"
            )
        _link_speaker_account(edition)
    context.objects["programme_edition"] = edition
