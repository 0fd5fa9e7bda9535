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
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from faker import Faker

from nec.editions.history import history_data
from nec.editions.models import Edition, Membership, Organisation, Partnership
from nec.programme.demo_catalogue import (
    DAY_SLOTS,
    DESCRIPTION_PARAGRAPHS,
    FORMAT_PLAN,
    FORMAT_SUMMARIES,
    ORGANISATION_PATTERNS,
    REGIONS,
    ROOMS,
    TITLE_PATTERNS,
    TOPICS,
    WORDS,
)
from nec.programme.models import Room, Session, SessionSpeaker, Speaker, TimeSlot
from nec.programme.services.schedule import place_session, publish_schedule
from nec.programme.services.sessions import (
    add_session_speaker,
    create_session,
    create_speaker,
    update_speaker,
)
from nec.programme.services.setup import create_room, create_slot, ensure_default_format_types


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
    return create_speaker(
        edition,
        actor=None,
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
        ),
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
                create_slot(
                    edition,
                    actor=None,
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
    types = {t.slug: t for t in ensure_default_format_types(edition, actor=None)}
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
        create_room(edition, actor=None, name=name, capacity=capacity, step_free=step_free,
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
            session = create_session(
                edition,
                actor=None,
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
                add_session_speaker(
                    session, speaker, role or SessionSpeaker.Role.SPEAKER, actor=None
                )
            sessions.append(session)

    # placing: plénières in the big room at the first and last slot; the rest spread over the
    # other 12 slots, big formats in big rooms, step-free needs in step-free rooms
    plenary_slots = [slots[0], slots[-1]]
    plenaries = [s for s in sessions if s.format_type.slug == "pleniere"]
    for session, slot in zip(plenaries, plenary_slots, strict=True):
        place_session(session, slot, rooms[0], actor=None)
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
            place_session(session, slot, room, actor=None)
            del cells[index]
            break
    version = publish_schedule(edition, actor=None)

    # one all-male panel, placed but left unpublished: the charter blocks the next publication
    panel = create_session(
        edition,
        actor=None,
        title="Table ronde : l'intelligence artificielle dans les services publics",
        summary="Une table ronde encore en préparation.",
        format_type=types["table-ronde"],
        track=tracks[1][0],
    )
    for _n in range(3):
        add_session_speaker(panel, _speaker(edition, fake, rng, Speaker.Gender.HOMME), actor=None)
    if cells:
        slot, room = cells[0]
        place_session(panel, slot, room, actor=None)
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
    update_speaker(speaker, actor=None, name=name, user=user, email=user.email, public_consent=True)
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
