"""Contacts and consents: one contact per normalised address, consents per purpose with their
source, date and wording; the newsletter's double opt-in; withdrawal and preferences."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nec.accounts.services import link_request_allowed
from nec.community.models import WORDING, Consent, Contact, Purpose, Segment
from nec.core import audit
from nec.core.mail import send_templated_mail
from nec.core.signed_links import LinkError, link_url, make_token, read_token

#: how long the newsletter's confirmation link stays valid
OPT_IN_MAX_AGE = timedelta(days=7)
OPT_IN_SALT = "nec.community.opt_in"

PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "organisation",
    "sector",
    "audience_category",
    "region_code",
    "department_code",
)


def normalise_email(value: str) -> str:
    """The one form of an address stored: trimmed, lower case; ValidationError if invalid."""
    email = (value or "").strip().lower()
    validate_email(email)
    return email


def upsert_contact(
    email: str,
    *,
    profile: dict | None = None,
    roles: list[str] = (),
    editions: list = (),
    when: datetime | None = None,
) -> tuple[Contact, bool]:
    """The contact of `email`, created or completed: empty profile fields are filled (never
    overwritten), roles and editions added. Returns (contact, created)."""
    when = when or timezone.now()
    email = normalise_email(email)
    profile = {key: value for key, value in (profile or {}).items() if value}
    contact, created = Contact.objects.get_or_create(
        email=email, defaults={"created_at": when, "last_activity_at": when, **profile}
    )
    changed = []
    if not created:
        for key, value in profile.items():
            if not getattr(contact, key):
                setattr(contact, key, value)
                changed.append(key)
        if when > contact.last_activity_at:
            contact.last_activity_at = when
            changed.append("last_activity_at")
    new_roles = sorted(set(contact.roles) | set(roles))
    if new_roles != contact.roles:
        contact.roles = new_roles
        changed.append("roles")
    if changed:
        contact.save(update_fields=changed)
    if editions:
        contact.editions.add(*editions)
    return contact, created


def grant_consent(
    contact: Contact,
    purpose: str,
    *,
    source: str,
    given_at: datetime | None = None,
    pending: bool = False,
) -> Consent:
    """Record a consent (granted, or pending its confirmation) with the wording of today. A
    granted consent is never downgraded to pending; a withdrawn one is granted again only by a
    new, explicit consent (this call)."""
    given_at = given_at or timezone.now()
    status = Consent.Status.PENDING if pending else Consent.Status.GRANTED
    consent = Consent.objects.filter(contact=contact, purpose=purpose).first()
    if consent is not None and consent.status == Consent.Status.GRANTED:
        return consent
    if (
        consent is not None
        and consent.status == Consent.Status.WITHDRAWN
        and consent.withdrawn_at >= given_at
    ):
        return consent  # a later withdrawal wins over an older consent (e.g. an import)
    if consent is None:
        consent = Consent(contact=contact, purpose=purpose)
    consent.status = status
    consent.source = source[:200]
    consent.wording = WORDING[Purpose(purpose)]
    consent.given_at = given_at
    consent.confirmed_at = None if pending else given_at
    consent.withdrawn_at = None
    consent.save()
    return consent


def withdraw_consent(contact: Contact, purpose: str, *, source: str, actor=None) -> bool:
    """Withdraw a consent; True if it was in force. Withdrawing twice changes nothing."""
    with transaction.atomic():
        updated = Consent.objects.filter(
            contact=contact,
            purpose=purpose,
            status__in=[Consent.Status.GRANTED, Consent.Status.PENDING],
        ).update(status=Consent.Status.WITHDRAWN, withdrawn_at=timezone.now())
        if updated:
            audit.record(actor, "community.consent_withdrawn", contact, purpose=purpose, via=source)
    return bool(updated)


def mark_bouncing(contact: Contact | None, *, source: str, reason: str = "") -> bool:
    """A permanent delivery failure (refused by the SMTP server at sending, or a hard bounce or
    block reported later by the provider): the contact is flagged and later mailings skip it.
    True if it was not flagged yet; flagged again, nothing changes and nothing is logged."""
    if contact is None:
        return False
    changed = Contact.objects.filter(pk=contact.pk, bouncing=False).update(bouncing=True)
    if changed:
        audit.record(None, "community.contact_bouncing", contact, via=source, reason=reason[:300])
    return bool(changed)


def request_newsletter(
    email: str, *, source: str, actor=None, ip_address: str | None = None
) -> None:
    """Double opt-in, first step: a pending consent and a confirmation link e-mailed, within the
    limits of every e-mailed link (`link_request_allowed`: per address and per client IP). The
    same neutral answer whatever the address (already subscribed or not, over the limit)."""
    if not link_request_allowed(normalise_email(email), ip_address=ip_address):
        return
    with transaction.atomic():
        contact, _created = upsert_contact(email)
        consent = grant_consent(contact, Purpose.NEWSLETTER, source=source, pending=True)
        audit.record(actor, "community.newsletter_requested", contact)
    if consent.status == Consent.Status.GRANTED:
        return
    token = make_token({"c": contact.pk, "e": contact.email}, salt=OPT_IN_SALT)
    send_templated_mail(
        "community/email/opt_in",
        {"contact": contact, "url": link_url("community:opt_in_confirm", token)},
        to=[contact.email],
    )


def confirm_newsletter(token: str, *, actor=None) -> Contact:
    """Double opt-in, second step (LinkError for a bad or expired link)."""
    data = read_token(token, salt=OPT_IN_SALT, max_age=OPT_IN_MAX_AGE)
    contact = Contact.objects.filter(pk=data.get("c"), email=data.get("e")).first()
    if contact is None:
        raise LinkError("unknown")
    with transaction.atomic():
        consent = (
            Consent.objects.select_for_update()
            .filter(contact=contact, purpose=Purpose.NEWSLETTER)
            .first()
        )
        if consent is None or consent.status == Consent.Status.WITHDRAWN:
            raise LinkError("unknown")
        if consent.status == Consent.Status.PENDING:
            consent.status = Consent.Status.GRANTED
            consent.confirmed_at = timezone.now()
            consent.save(update_fields=["status", "confirmed_at"])
            Contact.objects.filter(pk=contact.pk).update(last_activity_at=timezone.now())
            audit.record(actor, "community.newsletter_confirmed", contact)
    return contact


def set_preferences(contact: Contact, wanted: set[str], *, actor=None) -> None:
    """Apply the preference page: grant what is ticked, withdraw what is not."""
    with transaction.atomic():
        for purpose in Purpose.values:
            if purpose in wanted:
                grant_consent(contact, purpose, source=_("page de préférences"))
            else:
                withdraw_consent(contact, purpose, source="preferences", actor=actor)
        Contact.objects.filter(pk=contact.pk).update(last_activity_at=timezone.now())
        audit.record(actor, "community.preferences_saved", contact, purposes=sorted(wanted))


def save_segment(name: str, filters: dict, *, actor, segment: Segment | None = None) -> Segment:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Donnez un nom au segment.")})
    with transaction.atomic():
        segment = segment or Segment(created_by=actor if actor.is_authenticated else None)
        segment.name = name[:150]
        segment.filters = filters
        segment.save()
        audit.record(actor, "community.segment_saved", segment, filters=filters)
    return segment
