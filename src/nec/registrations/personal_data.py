"""What the registrations hold on one person, for the GDPR rights ("download my data", "erase
me"); registered in `nec.accounts.personal_data` by this app's configuration. Erasure anonymises
rather than deletes, so that every count and figure of past editions stays right."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from nec.accounts.personal_data import erased_address
from nec.core import audit
from nec.registrations.models import Answer, Question, Registration


def export_registrations(email: str) -> list[dict]:
    registrations = (
        Registration.objects.filter(Q(email__iexact=email) | Q(user__email__iexact=email))
        .select_related("edition")
        .prefetch_related("answers__question", "bookings__session")
    )
    return [
        {
            "edition": str(registration.edition),
            "prenom": registration.first_name,
            "nom": registration.last_name,
            "organisation": registration.organisation,
            "fonction": registration.job_title,
            "statut": registration.get_status_display(),
            "lettre_d_information": registration.newsletter_consent,
            "inscrit_le": registration.created_at.isoformat(),
            "reponses": [
                {"question": answer.question.label, "reponse": answer.value}
                for answer in registration.answers.all()
            ],
            "reservations": [
                {"session": str(booking.session), "statut": booking.get_status_display()}
                for booking in registration.bookings.all()
            ],
        }
        for registration in registrations
    ]


def erase_registrations(email: str, *, actor) -> int:
    """Anonymise: no name, address or free text left; the status, check-in, bookings and the
    answers to closed questions stay, so every count and figure stays right."""
    registrations = Registration.objects.filter(
        Q(email__iexact=email) | Q(user__email__iexact=email)
    )
    changed = 0
    with transaction.atomic():
        for registration in registrations.select_for_update(of=("self",)):
            Answer.objects.filter(
                registration=registration, question__kind=Question.Kind.TEXT
            ).update(value=None)
            Registration.objects.filter(pk=registration.pk).update(
                email=erased_address("efface", registration.pk),
                first_name="—",
                last_name="",
                organisation="",
                job_title="",
                user=None,
                calendar_token="",
                newsletter_consent=False,
            )
            audit.record(actor, "registrations.anonymised", registration)
            changed += 1
    return changed
