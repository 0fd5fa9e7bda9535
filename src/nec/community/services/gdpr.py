"""GDPR rights on the community's side: what the community holds on one address (export), and
erasure (the contact, its consents and its place in mailings deleted). Registered in
`nec.accounts.personal_data`; the registrations app registers its own part."""

from __future__ import annotations

from django.db import transaction

from nec.accounts.personal_data import erased_address
from nec.community.models import Consent, Contact, Recipient
from nec.core import audit


def export_community(email: str) -> dict:
    contact = Contact.objects.filter(email=email).prefetch_related("editions").first()
    if contact is None:
        return {}
    return {
        "contact": {
            "email": contact.email,
            "prenom": contact.first_name,
            "nom": contact.last_name,
            "organisation": contact.organisation,
            "secteur": contact.get_sector_display(),
            "categorie": contact.get_audience_category_display(),
            "region": contact.get_region_code_display(),
            "departement": contact.department_code,
            "roles": contact.roles,
            "editions": [str(edition) for edition in contact.editions.all()],
            "cree_le": contact.created_at.isoformat(),
            "derniere_activite": contact.last_activity_at.isoformat(),
        },
        "consentements": [
            {
                "finalite": consent.get_purpose_display(),
                "etat": consent.get_status_display(),
                "source": consent.source,
                "texte": consent.wording,
                "donne_le": consent.given_at.isoformat(),
                "retire_le": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
            }
            for consent in Consent.objects.filter(contact=contact)
        ],
        "envois_recus": [
            {
                "objet": row.mailing.subject,
                "etat": row.get_state_display(),
                "envoye_le": row.sent_at.isoformat() if row.sent_at else None,
                "ouvert_le": row.opened_at.isoformat() if row.opened_at else None,
                "clics": row.clicks,
            }
            for row in Recipient.objects.filter(email=email).select_related("mailing")
        ],
    }


def erase_community(email: str, *, actor) -> int:
    """Delete the contact (its consents with it); its receipts keep their counts, not the
    address."""
    with transaction.atomic():
        receipts = Recipient.objects.filter(email=email)
        changed = receipts.count()
        for row in receipts.only("pk"):
            Recipient.objects.filter(pk=row.pk).update(
                email=erased_address("efface", row.pk), contact=None
            )
        contact = Contact.objects.filter(email=email).first()
        if contact is not None:
            audit.record(actor, "community.contact_erased", None, contact_id=contact.pk)
            contact.delete()
            changed += 1
    return changed
