"""Small builders shared by the booking, waiting-list, check-in and concurrency tests."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from nec.accounts.models import User
from nec.editions.models import Edition, Membership
from nec.programme.models import Room, Session, TimeSlot
from nec.registrations.models import Registration, RegistrationSettings


def make_edition(slug: str = "nec-booking", **extra) -> Edition:
    """A published national edition starting in two months (`extra` overrides any field)."""
    start = date.today() + timedelta(days=60)
    values = {
        "kind": Edition.Kind.NATIONAL,
        "year": start.year,
        "title": f"NEC {slug}",
        "slug": slug,
        "city": "Strasbourg",
        "venue": "Palais des congrès",
        "start_date": start,
        "end_date": start + timedelta(days=1),
        "status": Edition.Status.PUBLISHED,
    }
    values.update(extra)
    return Edition.objects.create(**values)


def set_settings(edition: Edition, **values) -> RegistrationSettings:
    # By edition_id: the row is not cached on `edition`, which services then read afresh.
    conf, _ = RegistrationSettings.objects.get_or_create(edition_id=edition.pk)
    for key, value in values.items():
        setattr(conf, key, value)
    conf.save()
    return conf


def make_slot(edition: Edition, hour: int = 10, minutes: int = 60, day: int = 0) -> TimeSlot:
    base = edition.start_date + timedelta(days=day)
    start = timezone.make_aware(datetime(base.year, base.month, base.day, hour, 0))
    return TimeSlot.objects.create(
        edition=edition, start=start, end=start + timedelta(minutes=minutes)
    )


def make_session(
    edition: Edition,
    title: str = "Atelier",
    *,
    capacity: int | None = 2,
    room_capacity: int | None = None,
    slot: TimeSlot | None = None,
    status: str = Session.Status.PUBLISHED,
) -> Session:
    room = None
    if room_capacity is not None:
        room = Room.objects.create(edition=edition, name=f"Salle {title}", capacity=room_capacity)
    return Session.objects.create(
        edition=edition,
        title=title,
        capacity_override=capacity,
        room=room,
        slot=slot if slot is not None else make_slot(edition),
        status=status,
    )


_counter = {"n": 0}


def make_registration(
    edition: Edition,
    first_name: str | None = None,
    *,
    status: str = Registration.Status.CONFIRMED,
    with_user: bool = True,
) -> Registration:
    _counter["n"] += 1
    n = _counter["n"]
    first_name = first_name or f"Personne{n}"
    email = f"{first_name.lower()}.{n}@example.fr"
    user = (
        User.objects.create_user(email, first_name=first_name, last_name="Test")
        if with_user
        else None
    )
    return Registration.objects.create(
        edition=edition,
        user=user,
        email=email,
        first_name=first_name,
        last_name="Test",
        status=status,
    )


def make_member(edition: Edition, role: str, email: str) -> User:
    user = User.objects.create_user(email, first_name="Équipe", last_name=role)
    Membership.objects.create(user=user, edition=edition, role=role)
    return user
