"""Feeding the contacts from the other apps: confirmed registrations (with their newsletter
consent), speakers, partners' members and confirmed local-edition applicants. Idempotent: a
second run changes nothing."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from nec.community.models import Purpose, Role
from nec.community.services.contacts import grant_consent, upsert_contact
from nec.core import audit
from nec.editions.models import Membership
from nec.localeditions.models import Application
from nec.programme.models import Speaker
from nec.registrations.models import Registration


def sync_contacts(*, actor=None) -> int:
    """Create or complete the contacts of every known person; returns how many were created."""
    created_count = 0
    with transaction.atomic():
        registrations = Registration.objects.filter(
            status=Registration.Status.CONFIRMED
        ).select_related("edition")
        for registration in registrations.iterator():
            contact, created = upsert_contact(
                registration.email,
                profile={
                    "first_name": registration.first_name,
                    "last_name": registration.last_name,
                    "organisation": registration.organisation,
                    "region_code": registration.edition.region_code[:2],
                },
                roles=[Role.PARTICIPANT],
                editions=[registration.edition],
                when=registration.created_at,
            )
            created_count += created
            if registration.newsletter_consent:
                grant_consent(
                    contact,
                    Purpose.NEWSLETTER,
                    source=_("inscription à %(edition)s") % {"edition": registration.edition},
                    given_at=registration.created_at,
                )
        for speaker in Speaker.objects.exclude(email="").select_related("edition").iterator():
            first, _sep, last = speaker.name.partition(" ")
            _contact, created = upsert_contact(
                speaker.email,
                profile={
                    "first_name": first,
                    "last_name": last,
                    "organisation": speaker.organisation_name,
                },
                roles=[Role.SPEAKER],
                editions=[speaker.edition],
            )
            created_count += created
        partners = Membership.objects.filter(role=Membership.Role.PARTNER).select_related(
            "user", "edition", "organisation"
        )
        for membership in partners.iterator():
            _contact, created = upsert_contact(
                membership.user.email,
                profile={
                    "first_name": membership.user.first_name,
                    "last_name": membership.user.last_name,
                    "organisation": membership.organisation.name if membership.organisation else "",
                },
                roles=[Role.PARTNER],
                editions=[membership.edition],
                when=membership.created_at,
            )
            created_count += created
        for application in Application.objects.filter(confirmed_at__isnull=False).iterator():
            _contact, created = upsert_contact(
                application.email,
                profile={
                    "first_name": application.first_name,
                    "last_name": application.last_name,
                    "organisation": application.organisation_name,
                    "region_code": application.region_code,
                    "department_code": application.department_code,
                },
                roles=[Role.APPLICANT],
                when=application.confirmed_at,
            )
            created_count += created
        audit.record(actor, "community.contacts_synced", created=created_count)
    return created_count
