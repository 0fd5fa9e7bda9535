"""Check-in at the door: find a person by their ticket code or name, mark their presence at the
edition and, optionally, at a session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core import signing
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from nec.accounts.models import User
from nec.core import audit
from nec.core.search import every_word
from nec.editions.models import Edition
from nec.programme.models import Session
from nec.registrations.models import Answer, Booking, Registration
from nec.registrations.tickets import TICKET_SALT, TicketError, verify_ticket_code


class CheckinError(Exception):
    """A code or a check-in that cannot be accepted; the message is shown to staff."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass
class CheckinResult:
    registration: Registration
    #: when presence at the edition was already recorded before this call (None: just now)
    already_at: datetime | None
    booking: Booking | None = None
    session_already_at: datetime | None = None


def find_by_code(edition: Edition, value: str) -> Registration:
    """The registration of a scanned (signed) or typed (plain) ticket code, in this edition.

    Raises CheckinError: "signature" for a tampered code, "unknown" for a code matching nobody."""
    value = (value or "").strip()
    if not value:
        raise CheckinError(_("Saisissez un code de billet ou un nom."), code="empty")
    if ":" in value:  # a signed code, as carried by the QR code
        try:
            signing.Signer(salt=TICKET_SALT).unsign(value)
        except signing.BadSignature:
            raise CheckinError(
                _("Signature invalide : ce billet a été modifié ou n'a pas été émis par nous."),
                code="signature",
            ) from None
        try:
            return verify_ticket_code(value, edition)
        except TicketError:
            raise CheckinError(
                _("Billet inconnu pour cette édition : aucune inscription ne correspond."),
                code="unknown",
            ) from None
    found = (
        Registration.objects.select_related("edition", "user")
        .filter(edition=edition, code__iexact=value)
        .first()
    )
    if found is None:
        raise CheckinError(
            _("Code inconnu : aucune inscription à cette édition n'a le code « %(code)s ».")
            % {"code": value},
            code="unknown",
        )
    return found


def presence_counts(edition: Edition) -> dict[str, int]:
    """{"present": people checked in, "expected": confirmed registrations}, in one query: the
    running count of the check-in page ("812 / 1 800 présent·es")."""
    return Registration.objects.filter(edition=edition).aggregate(
        present=Count("pk", filter=Q(checked_in_at__isnull=False)),
        expected=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
    )


def search(edition: Edition, text: str, limit: int = 20) -> QuerySet[Registration]:
    """Registrations whose name or e-mail contains every word of `text`."""
    qs = Registration.objects.filter(edition=edition)
    if not text.split():
        return qs.none()
    qs = qs.filter(every_word(text, "first_name", "last_name", "email"))
    return qs.order_by("last_name", "first_name")[:limit]


def team_only_answers(registration: Registration) -> list[tuple[str, str]]:
    """(question label, answer) of the questions only the team sees (accessibility needs...)."""
    rows = []
    answers = Answer.objects.filter(registration=registration, question__team_only=True)
    for answer in answers.select_related("question").order_by("question__position"):
        value = answer.value
        if value in (None, "", [], False):
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif value is True:
            value = _("oui")
        rows.append((answer.question.label, str(value)))
    return rows


def check_in(
    registration: Registration,
    *,
    actor: User | None,
    session: Session | None = None,
    now: datetime | None = None,
) -> CheckinResult:
    """Mark presence at the edition (once) and, with `session`, at that session (the person
    needs a confirmed seat in it). Calling it again says when it was done; nothing changes."""
    now = now or timezone.now()
    if registration.status != Registration.Status.CONFIRMED:
        raise CheckinError(
            _("Inscription non valable pour l'accès : %(status)s.")
            % {"status": registration.get_status_display()},
            code="status",
        )
    with transaction.atomic():
        updated = Registration.objects.filter(
            pk=registration.pk, checked_in_at__isnull=True
        ).update(checked_in_at=now)
        registration.refresh_from_db(fields=["checked_in_at"])
        already = None if updated else registration.checked_in_at
        if updated:
            audit.record(actor, "registrations.checked_in", registration)
        result = CheckinResult(registration, already_at=already)
        if session is not None:
            booking = Booking.objects.filter(
                registration=registration, session=session, status=Booking.Status.CONFIRMED
            ).first()
            if booking is None:
                raise CheckinError(
                    _("%(name)s n'a pas de place réservée dans « %(title)s ».")
                    % {"name": registration, "title": session.title},
                    code="no_booking",
                )
            marked = Booking.objects.filter(pk=booking.pk, attended_at__isnull=True).update(
                attended_at=now
            )
            booking.refresh_from_db(fields=["attended_at"])
            result.booking = booking
            result.session_already_at = None if marked else booking.attended_at
            if marked:
                audit.record(
                    actor, "registrations.session_attended", booking, edition=session.edition
                )
    return result
