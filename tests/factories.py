"""Builders of real database rows for every test (no mocks), each defined once.

Sections: editions; people and memberships; programme rows through the programme services;
call-for-proposals, review and exchange rows; registrations and bookings, with a valid answer set
to the default questionnaire. Shared fixtures built on these live in tests/conftest.py.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.text import slugify

from nec.accounts.models import User
from nec.editions.models import Edition, Membership, Organisation
from nec.programme.models import (
    CallForProposals,
    FormatType,
    Room,
    Session,
    SessionSpeaker,
    Speaker,
    Theme,
    TimeSlot,
    Track,
)
from nec.programme.services.sessions import add_session_speaker, create_session, create_speaker
from nec.programme.services.setup import create_room, create_slot
from nec.registrations.models import Registration, RegistrationSettings
from nec.registrations.questionnaire import ensure_default_questionnaire

# --- Editions -------------------------------------------------------------------------------


def make_edition(slug: str = "nec-test", *, with_questionnaire: bool = False, **fields) -> Edition:
    """A published national edition in Strasbourg over two days, starting two months from today.

    `fields` override any column; `end_date` follows a given `start_date` by one day and `year`
    is that of the start unless given. `with_questionnaire` also creates the default registration
    questionnaire."""
    start = fields.pop("start_date", date.today() + timedelta(days=60))
    values = {
        "kind": Edition.Kind.NATIONAL,
        "year": start.year,
        "title": f"NEC {slug}",
        "city": "Strasbourg",
        "venue": "Palais des congrès",
        "start_date": start,
        "end_date": start + timedelta(days=1),
        "status": Edition.Status.PUBLISHED,
        **fields,
    }
    edition = Edition.objects.create(slug=slug, **values)
    if with_questionnaire:
        ensure_default_questionnaire(edition)
    return edition


# --- People and memberships -----------------------------------------------------------------


def make_user(email: str, **fields) -> User:
    return User.objects.create_user(email=email, **fields)


def make_member(
    email: str,
    edition: Edition,
    role: str = Membership.Role.ORGANISER,
    *,
    organisation: Organisation | None = None,
    **user_fields,
) -> User:
    """A role on `edition` for the person with `email`, created with `user_fields` if new."""
    user = User.objects.filter(email=email).first() or make_user(email, **user_fields)
    Membership.objects.create(user=user, edition=edition, role=role, organisation=organisation)
    return user


def make_national(email: str = "equipe@anct.example") -> User:
    return make_user(email, is_national_team=True)


def make_org(name: str = "La Mednum") -> Organisation:
    return Organisation.objects.create(name=name, slug=slugify(name))


# --- Programme, through the programme services ----------------------------------------------

PARIS = ZoneInfo("Europe/Paris")

#: The first day of the programme tests (`at(16, …)`); the second is 17 March.
PROGRAMME_DAY = date(2027, 3, 16)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of the programme tests, in March 2027, Paris time.

    The days a programme shows come from its slots, not from the edition's dates."""
    return datetime(PROGRAMME_DAY.year, PROGRAMME_DAY.month, day, hour, minute, tzinfo=PARIS)


def make_grid(edition, rooms: int = 2, slots: int = 2, capacity: int = 50):
    """`rooms` rooms and `slots` one-hour slots on 16 March 2027 from 9:00."""
    made_rooms = [
        create_room(edition, actor=None, name=f"Salle {n + 1}", capacity=capacity, position=n)
        for n in range(rooms)
    ]
    made_slots = [
        create_slot(edition, actor=None, start=at(16, 9 + n), end=at(16, 10 + n))
        for n in range(slots)
    ]
    return made_rooms, made_slots


def make_speaker(edition, name: str, gender: str = "", consent: bool = True, **fields) -> Speaker:
    return create_speaker(
        edition, actor=None, name=name, gender=gender, public_consent=consent, **fields
    )


def make_session(edition, title: str, speakers=(), **fields) -> Session:
    session = create_session(edition, actor=None, title=title, **fields)
    for speaker in speakers:
        add_session_speaker(session, speaker, actor=None)
    return session


# --- Call for proposals, reviews, exchange formats (rows saved directly) ---------------------


def make_catalogue(edition):
    """Format types, a theme and a track for `edition`."""
    atelier = FormatType.objects.create(
        edition=edition, name="Atelier", slug="atelier", participatory=True
    )
    retex = FormatType.objects.create(edition=edition, name="Retex", slug="retex")
    theme = Theme.objects.create(edition=edition, name="Inclusion numérique")
    track = Track.objects.create(edition=edition, name="Territoires")
    return atelier, retex, theme, track


def open_call(edition, *, days_left=10):
    now = timezone.now()
    return CallForProposals.objects.create(
        edition=edition,
        opens_at=now - timedelta(days=5),
        closes_at=now + timedelta(days=days_left),
        intro="Proposez vos formats.",
    )


def make_proposed(edition, title="Les communs numériques", format_type=None, **extra):
    return Session.objects.create(
        edition=edition,
        title=title,
        summary="Un résumé.",
        format_type=format_type,
        status=Session.Status.PROPOSED,
        **extra,
    )


def add_speaker(session, name, *, email="", gender="", consent=True, user=None, role="speaker"):
    """Link the speaker `name` of the session's edition to `session`, creating them if new."""
    speaker = Speaker.objects.filter(edition=session.edition, name=name).first()
    if speaker is None:
        speaker = Speaker.objects.create(
            edition=session.edition,
            name=name,
            slug=slugify(name),
            email=email,
            gender=gender,
            public_consent=consent,
            user=user,
            organisation_name="ANCT",
            bio="Une courte biographie.",
        )
    SessionSpeaker.objects.create(session=session, speaker=speaker, role=role)
    return speaker


def make_schedule(edition):
    """Two rooms, three slots over the edition's two days, four published sessions, five
    speakers."""
    tz = timezone.get_current_timezone()
    atelier, retex, theme, track = make_catalogue(edition)
    rooms = [
        Room.objects.create(edition=edition, name="Salle Volcans", capacity=120, position=1),
        Room.objects.create(
            edition=edition, name="Amphi Pascal", capacity=400, step_free=True, position=2
        ),
    ]
    d1, d2 = edition.start_date, edition.start_date + timedelta(days=1)
    slots = [
        TimeSlot.objects.create(
            edition=edition,
            start=datetime(d1.year, d1.month, d1.day, 9, 30, tzinfo=tz),
            end=datetime(d1.year, d1.month, d1.day, 11, 0, tzinfo=tz),
        ),
        TimeSlot.objects.create(
            edition=edition,
            start=datetime(d1.year, d1.month, d1.day, 14, 0, tzinfo=tz),
            end=datetime(d1.year, d1.month, d1.day, 15, 0, tzinfo=tz),
        ),
        TimeSlot.objects.create(
            edition=edition,
            start=datetime(d2.year, d2.month, d2.day, 10, 0, tzinfo=tz),
            end=datetime(d2.year, d2.month, d2.day, 12, 0, tzinfo=tz),
        ),
    ]
    specs = [
        ("Médiation numérique : retours d'expérience", retex, rooms[0], slots[0]),
        ("Atelier « Communs & collectivités »", atelier, rooms[1], slots[0]),
        ("Souveraineté & logiciels libres", retex, rooms[0], slots[1]),
        ("Fresque du numérique", atelier, rooms[1], slots[2]),
    ]
    sessions = []
    for title, fmt, room, slot in specs:
        session = Session.objects.create(
            edition=edition,
            title=title,
            summary=f"Résumé de {title}",
            description=f"Description <détaillée> de {title}",
            format_type=fmt,
            room=room,
            slot=slot,
            published_room=room,
            published_slot=slot,
            track=track,
            status=Session.Status.PUBLISHED,
        )
        session.themes.add(theme)
        sessions.append(session)
    add_speaker(sessions[0], "Camille Martin", email="camille@example.org", gender="femme")
    add_speaker(sessions[0], "Louis Bernard", email="louis@example.org", gender="homme")
    add_speaker(sessions[1], "Inès Petit", email="ines@example.org", gender="femme", role="host")
    add_speaker(sessions[2], "Louis Bernard")
    add_speaker(sessions[3], "Sacha Durand", email="sacha@example.org", consent=False)
    add_speaker(sessions[3], "Nour Haddad", email="nour@example.org", gender="non_binaire")
    return sessions


# --- Registrations and bookings ---------------------------------------------------------------


def set_settings(edition: Edition, **values) -> RegistrationSettings:
    # By edition_id: the row is not cached on `edition`, which services then read afresh.
    conf, _ = RegistrationSettings.objects.get_or_create(edition_id=edition.pk)
    for key, value in values.items():
        setattr(conf, key, value)
    conf.save()
    return conf


def make_slot(edition: Edition, hour: int = 10, minutes: int = 60, day: int = 0) -> TimeSlot:
    """A slot on the edition's day number `day` (0: its first day), local time."""
    base = edition.start_date + timedelta(days=day)
    start = timezone.make_aware(datetime(base.year, base.month, base.day, hour, 0))
    return TimeSlot.objects.create(
        edition=edition, start=start, end=start + timedelta(minutes=minutes)
    )


def make_bookable_session(
    edition: Edition,
    title: str = "Atelier",
    *,
    capacity: int | None = 2,
    room_capacity: int | None = None,
    slot: TimeSlot | None = None,
    status: str = Session.Status.PUBLISHED,
) -> Session:
    """A session as the booking tests need it, saved directly: in a slot (a new one at 10:00 on
    the first day unless given), with `capacity` seats (in a room of as many seats) or a room of
    `room_capacity`, published (at that place) unless `status` says otherwise."""
    room = None
    if room_capacity is not None or capacity is not None:
        seats = room_capacity if room_capacity is not None else capacity
        room = Room.objects.create(edition=edition, name=f"Salle {title}", capacity=seats)
    slot = slot if slot is not None else make_slot(edition)
    published = status == Session.Status.PUBLISHED
    return Session.objects.create(
        edition=edition,
        title=title,
        capacity_override=capacity,
        room=room,
        slot=slot,
        published_room=room if published else None,
        published_slot=slot if published else None,
        status=status,
    )


_counter = {"n": 0}


def make_registration(
    edition: Edition,
    first_name: str | None = None,
    *,
    status: str = Registration.Status.CONFIRMED,
    with_user: bool = True,
    user: User | None = None,
) -> Registration:
    """A registration (confirmed unless `status` says otherwise) under a unique address, with
    its account unless `with_user` is false; or of the account `user`, under its address."""
    _counter["n"] += 1
    n = _counter["n"]
    first_name = first_name or f"Personne{n}"
    email = user.email if user else f"{first_name.lower()}.{n}@example.fr"
    if user is None and with_user:
        user = make_user(email, first_name=first_name, last_name="Test")
    return Registration.objects.create(
        edition=edition,
        user=user,
        email=email,
        first_name=first_name,
        last_name="Test",
        status=status,
    )


#: A complete, valid answer set to the default questionnaire (form field names).
VALID_ANSWERS = {
    "q_audience": "strategies_inclusion",
    "q_sector": "public",
    "q_public_kind": "collectivite",
    "q_structure_type": "collectivite",
    "q_departement": "2A",
    "q_first_time": "oui",
    "q_with_colleagues": "non",
    "q_objectives": ["decouvrir", "apprendre"],
    "q_track": "parcours-1",
    "q_accessibility": "Boucle magnétique",
}

#: The same answers as stored values (question key -> value).
STORED_ANSWERS = {
    "audience": "strategies_inclusion",
    "sector": "public",
    "public_kind": "collectivite",
    "structure_type": "collectivite",
    "departement": "2A",
    "first_time": True,
    "with_colleagues": False,
    "objectives": ["decouvrir", "apprendre"],
    "track": "parcours-1",
    "accessibility": "Boucle magnétique",
}


def registration_post(email="camille@example.fr", **overrides) -> dict:
    """The registration form filled in with VALID_ANSWERS; an override of None leaves it out."""
    data = {
        "first_name": "Camille",
        "last_name": "Martin",
        "email": email,
        "organisation": "Ville de Lens",
        "job_title": "Médiatrice numérique",
        **VALID_ANSWERS,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
