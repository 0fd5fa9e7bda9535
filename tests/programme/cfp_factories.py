"""Small builders shared by the call-for-proposals, review, offer and exchange tests."""

from datetime import date, datetime, timedelta

from django.utils import timezone

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


def make_edition(slug="nec-2026", *, status=Edition.Status.PUBLISHED, start=date(2026, 10, 5)):
    return Edition.objects.create(
        kind=Edition.Kind.NATIONAL,
        year=start.year,
        title=f"NEC {slug}",
        slug=slug,
        city="Clermont-Ferrand",
        start_date=start,
        end_date=start + timedelta(days=1),
        status=status,
    )


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


def make_user(email, role=None, edition=None, organisation=None, **extra):
    user = User.objects.create_user(email=email, **extra)
    if role:
        Membership.objects.create(user=user, edition=edition, role=role, organisation=organisation)
    return user


def make_org(name="La Mednum"):
    from django.utils.text import slugify

    return Organisation.objects.create(name=name, slug=slugify(name))


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
    from django.utils.text import slugify

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
    """Two rooms, three slots over two days, four published sessions, five speakers."""
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
