"""Builders of the community tests: contacts with consents, segments, mailings."""

from __future__ import annotations

from django.utils import timezone

from nec.community.models import Consent, Contact, Mailing, Purpose, Segment


def make_contact(email: str, *purposes: str, **profile) -> Contact:
    now = timezone.now()
    contact = Contact.objects.create(email=email, created_at=now, last_activity_at=now, **profile)
    for purpose in purposes:
        Consent.objects.create(
            contact=contact,
            purpose=purpose,
            status=Consent.Status.GRANTED,
            source="test",
            wording="texte",
            given_at=now,
            confirmed_at=now,
        )
    return contact


def make_contacts(count: int, *purposes: str, prefix: str = "personne") -> list[Contact]:
    """`count` contacts created in bulk, each with the given consents."""
    now = timezone.now()
    contacts = Contact.objects.bulk_create(
        [
            Contact(
                email=f"{prefix}{index}@example.org",
                first_name=f"Prénom{index}",
                created_at=now,
                last_activity_at=now,
            )
            for index in range(count)
        ],
        batch_size=1000,
    )
    contacts = list(Contact.objects.filter(email__startswith=prefix).order_by("pk"))
    Consent.objects.bulk_create(
        [
            Consent(
                contact=contact,
                purpose=purpose,
                status=Consent.Status.GRANTED,
                source="test",
                wording="texte",
                given_at=now,
            )
            for contact in contacts
            for purpose in purposes
        ],
        batch_size=1000,
    )
    return contacts


def make_segment(name: str = "Tous", **filters) -> Segment:
    return Segment.objects.create(name=name, filters=filters)


def make_mailing(segment: Segment, **fields) -> Mailing:
    defaults = {
        "subject": "Bonjour {prenom}",
        "body": "Bonjour {prenom},\n\nLisez https://example.org/article.\n\nÀ bientôt.",
        "purpose": Purpose.NEWSLETTER,
    }
    defaults.update(fields)
    return Mailing.objects.create(segment=segment, **defaults)
