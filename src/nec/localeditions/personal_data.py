"""What the local editions hold on one person — their applications to organise a NEC local and
their saved drafts — for the GDPR rights; registered in `nec.accounts.personal_data`, and the
daily purge of drafts nobody came back to.

Erasure deletes the drafts (and their files) and anonymises the contact details of applications
that were not accepted. Accepted applications stay as they are: they are the record of a public
grant and its agreement, which the ANCT keeps for its own legal retention period."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from nec.accounts.personal_data import erased_address
from nec.core import audit
from nec.localeditions.models import Application, ApplicationDraft

#: a draft not saved again for this long is deleted (its resume link expired long before)
DRAFT_RETENTION = timedelta(days=180)


def _applications(email: str):
    return Application.objects.filter(Q(email__iexact=email) | Q(applicant__email__iexact=email))


def export_local_applications(email: str) -> dict:
    return {
        "candidatures": [
            {
                "structure": application.organisation_name,
                "prenom": application.first_name,
                "nom": application.last_name,
                "adresse": application.email,
                "telephone": application.phone,
                "commune": application.commune,
                "date_prevue": application.event_date.isoformat(),
                "etat": application.get_state_display(),
                "deposee_le": application.submitted_at.isoformat(),
                "pieces_jointes": [a.original_name for a in application.attachments.all()],
            }
            for application in _applications(email).prefetch_related("attachments")
        ],
        "brouillons": [
            {
                "enregistre_le": draft.updated_at.isoformat(),
                "champs": draft.data,
                "pieces_jointes": [a.original_name for a in draft.attachments.all()],
            }
            for draft in ApplicationDraft.objects.filter(email__iexact=email).prefetch_related(
                "attachments"
            )
        ],
    }


def erase_local_applications(email: str, *, actor) -> int:
    changed = 0
    with transaction.atomic():
        for draft in ApplicationDraft.objects.filter(email__iexact=email):
            audit.record(actor, "localeditions.draft_erased", draft)
            draft.delete()  # its files go with it (see apps.py)
            changed += 1
        not_accepted = _applications(email).exclude(state=Application.State.ACCEPTED)
        for application in not_accepted.select_for_update(of=("self",)):
            Application.objects.filter(pk=application.pk).update(
                first_name="—",
                last_name="",
                email=erased_address("efface", application.pk),
                phone="",
                applicant=None,
            )
            audit.record(actor, "localeditions.application_anonymised", application)
            changed += 1
    return changed


def purge_stale_drafts(now: datetime | None = None) -> int:
    """Delete the drafts not saved again for DRAFT_RETENTION; returns how many."""
    limit = (now or timezone.now()) - DRAFT_RETENTION
    deleted = 0
    with transaction.atomic():
        for draft in ApplicationDraft.objects.filter(updated_at__lt=limit):
            draft.delete()
            deleted += 1
    return deleted
