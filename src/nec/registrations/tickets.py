"""A registered person's private credentials: the signed ticket code (carried by the QR code and
checked at the door) and the private token of their calendar feed."""

import secrets

from django.core import signing
from django.utils.translation import gettext as _

from nec.accounts.models import User
from nec.core import audit
from nec.editions.models import Edition
from nec.registrations.models import Registration

TICKET_SALT = "nec.registrations.ticket"


class TicketError(Exception):
    """A ticket code whose signature is wrong, or which matches no registration."""


# ---------------------------------------------------------------------------------------------
# Tickets


def ticket_code(registration: Registration) -> str:
    """The signed code the QR code carries: `<code>:<signature>`."""
    return signing.Signer(salt=TICKET_SALT).sign(registration.code)


def verify_ticket_code(signed: str, edition: Edition | None = None) -> Registration:
    """The registration a signed ticket code belongs to. Raises TicketError when the signature
    is refused (tampered or made up), when no registration has this code, or when it belongs to
    another edition than `edition`."""
    signed = (signed or "").strip()
    try:
        code = signing.Signer(salt=TICKET_SALT).unsign(signed)
    except signing.BadSignature as error:
        raise TicketError(_("Code refusé : la signature du billet n'est pas valide.")) from error
    registrations = Registration.objects.select_related("edition", "user")
    if edition is not None:
        registrations = registrations.filter(edition=edition)
    registration = registrations.filter(code=code).first()
    if registration is None:
        raise TicketError(_("Aucune inscription ne correspond à ce billet."))
    return registration


# ---------------------------------------------------------------------------------------------
# Calendar feed token


def issue_calendar_token(registration: Registration, *, actor: User | None) -> str:
    """A new private feed token (the previous one stops working)."""
    token = secrets.token_urlsafe(24)
    registration.calendar_token = token
    registration.save(update_fields=["calendar_token", "updated_at"])
    audit.record(actor, "registrations.calendar_token_issued", registration)
    return token


def revoke_calendar_token(registration: Registration, *, actor: User | None) -> None:
    registration.calendar_token = ""
    registration.save(update_fields=["calendar_token", "updated_at"])
    audit.record(actor, "registrations.calendar_token_revoked", registration)


def registration_for_calendar_token(token: str) -> Registration | None:
    if not token:
        return None
    return (
        Registration.objects.select_related("edition")
        .filter(calendar_token=token)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )
