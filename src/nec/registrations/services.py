"""Registration lifecycle: whether an edition is open, start (or restart) a registration, store
its answers, edit it, cancel it (with its session bookings); the audit of the team's actions.

Every state change of a registration goes through a function of this module, of `confirmation`
(confirming, the edition's waiting list) or of `tickets` (ticket code, calendar token)."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nec.accounts.models import User
from nec.accounts.services import get_or_create_user, normalise_email, request_login_link
from nec.core import audit
from nec.core.mail import send_templated_mail
from nec.editions.models import Edition
from nec.registrations import booking
from nec.registrations.confirmation import (
    confirm_registration,
    personal_space_url,
    promote_waiting,
    send_confirmation,
)
from nec.registrations.edition_settings import get_settings
from nec.registrations.models import Answer, Question, Registration
from nec.registrations.selectors import LIVE

#: A second submission within this delay does not send a second confirmation e-mail.
RESEND_GRACE = timedelta(minutes=2)

LIVE_STATUSES = (Registration.Status.CONFIRMED, Registration.Status.WAITING)


class RegistrationError(Exception):
    """A registration action that cannot be done; the message is shown to the person."""


class RegistrationClosed(RegistrationError):
    pass


def registration_is_open(edition: Edition) -> tuple[bool, str]:
    """(open?, reason shown when closed)."""
    if edition.status != Edition.Status.PUBLISHED:
        return False, _("Les inscriptions à cette édition ne sont pas ouvertes.")
    if edition.end_date and edition.end_date < timezone.localdate():
        return False, _("Cette édition est terminée : les inscriptions sont closes.")
    if not get_settings(edition).registration_open:
        return False, _("Les inscriptions à cette édition sont closes.")
    return True, ""


# ---------------------------------------------------------------------------------------------
# Answers


def answers_of(registration: Registration) -> dict[str, Any]:
    """key -> stored value of the registration's answers."""
    return {
        key: value
        for key, value in registration.answers.select_related("question").values_list(
            "question__key", "value"
        )
    }


def save_answers(registration: Registration, questions: list[Question], answers: dict) -> None:
    """Store answers (key -> value; None deletes the answer) for the given questions."""
    by_key = {q.key: q for q in questions}
    existing = {a.question_id: a for a in registration.answers.all()}
    for key, value in answers.items():
        question = by_key.get(key)
        if question is None:
            continue
        answer = existing.get(question.pk)
        if value is None:
            if answer is not None:
                answer.delete()
        elif answer is None:
            Answer.objects.create(registration=registration, question=question, value=value)
        elif answer.value != value:
            answer.value = value
            answer.save(update_fields=["value"])


# ---------------------------------------------------------------------------------------------
# Lifecycle


@dataclass
class StartResult:
    """What `start_registration` did. outcome: 'created', 'reopened' (a cancelled registration
    started again), 'pending' (already started, link sent again), 'duplicate' (same submission
    twice: nothing sent), 'already_registered' (sign-in link sent, nothing created),
    'confirmed' (signed-in person with this address: confirmed at once)."""

    registration: Registration
    outcome: str


def start_registration(
    edition: Edition,
    *,
    email: str,
    first_name: str,
    last_name: str,
    organisation: str = "",
    job_title: str = "",
    newsletter_consent: bool = False,
    answers: dict[str, Any] | None = None,
    user: User | None = None,
    ip_address: str | None = None,
) -> StartResult:
    """Start (or restart) a registration. Nothing is created for an address already
    registered: the person gets a sign-in link instead. `user` is the signed-in person, if any:
    when the address is theirs, the registration is confirmed at once (no e-mail round trip)."""
    is_open, reason = registration_is_open(edition)
    if not is_open:
        raise RegistrationClosed(reason)
    email = normalise_email(email)
    identity = {
        "first_name": first_name.strip(),
        "last_name": last_name.strip(),
        "organisation": organisation.strip(),
        "job_title": job_title.strip(),
        "newsletter_consent": bool(newsletter_consent),
    }
    questions = list(edition.questions.all())
    verified = bool(user is not None and user.is_authenticated and user.email == email)

    existing = Registration.objects.filter(edition=edition, email=email).first()
    if existing is not None:
        return _handle_existing(existing, identity, questions, answers, verified, ip_address)
    try:
        with transaction.atomic():
            registration = Registration.objects.create(edition=edition, email=email, **identity)
            save_answers(registration, questions, answers or {})
            audit.record(
                user if verified else None,
                "registrations.started",
                registration,
                newsletter_consent=identity["newsletter_consent"],
            )
    except IntegrityError:
        # Double submission racing with itself: the first one won.
        existing = Registration.objects.get(edition=edition, email=email)
        return StartResult(existing, "duplicate")
    if verified:
        confirm_registration(registration, actor=user)
        registration.refresh_from_db()
        return StartResult(registration, "confirmed")
    send_confirmation(registration)
    return StartResult(registration, "created")


def _handle_existing(
    registration: Registration,
    identity: dict,
    questions: list[Question],
    answers: dict | None,
    verified: bool,
    ip_address: str | None,
) -> StartResult:
    if registration.status == Registration.Status.CANCELLED:
        with transaction.atomic():
            locked = Registration.objects.select_for_update().get(pk=registration.pk)
            if locked.status != Registration.Status.CANCELLED:
                return StartResult(locked, "duplicate")
            for name, value in identity.items():
                setattr(locked, name, value)
            locked.status = Registration.Status.PENDING
            locked.save()
            save_answers(locked, questions, answers or {})
            audit.record(None, "registrations.reopened", locked)
        if verified:
            confirm_registration(locked, actor=locked.user)
            locked.refresh_from_db()
            return StartResult(locked, "confirmed")
        send_confirmation(locked)
        return StartResult(locked, "reopened")
    if registration.status == Registration.Status.PENDING:
        if verified:
            registration = update_registration(
                registration, actor=None, identity=identity, answers=answers or {}
            )
            registration = confirm_registration(registration)
            return StartResult(registration, "confirmed")
        if timezone.now() - registration.updated_at < RESEND_GRACE:
            return StartResult(registration, "duplicate")
        registration.save(update_fields=["updated_at"])
        send_confirmation(registration)
        return StartResult(registration, "pending")
    # Confirmed or waiting: create nothing, offer the sign-in link (rate-limited, neutral).
    user, _created = get_or_create_user(
        registration.email, first_name=registration.first_name, last_name=registration.last_name
    )
    if registration.user_id is None:
        Registration.objects.filter(pk=registration.pk).update(user=user)
    request_login_link(
        registration.email,
        ip_address=ip_address,
        next_url=personal_space_url(registration.edition),
    )
    return StartResult(registration, "already_registered")


def update_registration(
    registration: Registration, *, actor: User | None, identity: dict, answers: dict
) -> Registration:
    """Edit identity (not the e-mail) and answers."""
    if registration.status == Registration.Status.CANCELLED:
        raise RegistrationError(_("Cette inscription est annulée."))
    allowed = {"first_name", "last_name", "organisation", "job_title", "newsletter_consent"}
    with transaction.atomic():
        for name, value in identity.items():
            if name in allowed:
                setattr(registration, name, value.strip() if isinstance(value, str) else value)
        registration.save()
        save_answers(registration, list(registration.edition.questions.all()), answers)
        audit.record(actor, "registrations.updated", registration)
    return registration


def cancel_registration(registration: Registration, *, actor: User | None) -> Registration:
    """Cancel: the person's live bookings are cancelled too, and the first person on the
    edition's waiting list takes the freed place."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return registration
        previous = registration.status
        registration.status = Registration.Status.CANCELLED
        registration.calendar_token = ""
        registration.save()
        _cancel_bookings(registration, actor=actor)
        audit.record(actor, "registrations.cancelled", registration, previous=previous)
    send_templated_mail(
        "registrations/email/cancellation",
        {"registration": registration, "edition": registration.edition},
        to=[registration.email],
    )
    if previous == Registration.Status.CONFIRMED:
        promote_waiting(registration.edition, actor=None)
    return registration


def _cancel_bookings(registration: Registration, *, actor: User | None) -> None:
    """Free the person's seats and waiting places; the booking services give each freed seat
    to the first in line. Called with the registration row locked (lock order: registration,
    then sessions)."""
    for live in registration.bookings.filter(status__in=LIVE):
        booking.cancel(live, actor=actor)


def record_action(registration: Registration, *, actor: User | None, action: str) -> None:
    audit.record(actor, f"registrations.{action}", registration)


def record_export(
    edition: Edition, *, actor: User | None, fmt: str, count: int, filters: dict
) -> None:
    audit.record(actor, "registrations.exported", edition, format=fmt, rows=count, **filters)
