"""Registration lifecycle: whether an edition is open, start (or restart) a registration, store
its answers, edit it, cancel it (with its session bookings); the audit of the team's actions.

An anonymous form never changes an existing registration: what it asks is applied only when
the link e-mailed to the address is used (`restart_registration`), and the page shown is the
same whatever the address (the e-mail says what applies).

Every state change of a registration goes through a function of this module, of `confirmation`
(confirming, the edition's waiting list) or of `tickets` (ticket code, calendar token)."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nec.accounts.models import User
from nec.accounts.services import (
    get_or_create_user,
    link_request_allowed,
    normalise_email,
    request_login_link,
)
from nec.core import audit
from nec.core.mail import send_templated_mail
from nec.core.models import PendingAction
from nec.core.signed_links import (
    LinkError,
    create_pending,
    link_url,
    open_pending,
    take_pending,
)
from nec.editions.models import Edition
from nec.registrations import booking
from nec.registrations.confirmation import (
    CONFIRM_MAX_AGE,
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

#: the kind of the pending action "register again over a cancelled registration"
RESTART_KIND = "registrations.restart"
IDENTITY_FIELDS = ("first_name", "last_name", "organisation", "job_title", "newsletter_consent")


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
    """What `start_registration` did (for tests and logs: the visitor sees the same page).
    outcome: 'created', 'restart_requested' (a cancelled registration: a link to register again
    e-mailed, nothing changed), 'pending' (already started, link sent again), 'duplicate'
    (same submission twice: nothing sent), 'already_registered' (sign-in link sent, nothing
    created), 'confirmed' (signed-in person with this address: confirmed at once)."""

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
    if registration.status == Registration.Status.CANCELLED and not verified:
        return _request_restart(registration, identity, answers, ip_address)
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
        confirm_registration(locked, actor=locked.user)
        locked.refresh_from_db()
        return StartResult(locked, "confirmed")
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
        template="registrations/email/already_registered",
        context={"registration": registration, "edition": registration.edition},
    )
    return StartResult(registration, "already_registered")


def _request_restart(
    registration: Registration, identity: dict, answers: dict | None, ip_address: str | None
) -> StartResult:
    """Someone asks to register again over a cancelled registration: the new answers wait
    aside and the address gets a link applying them (within the sign-in rate limits)."""
    if link_request_allowed(registration.email, ip_address=ip_address):
        payload = {"registration": registration.pk, "identity": identity, "answers": answers or {}}
        token = create_pending(RESTART_KIND, registration.email, payload)
        send_templated_mail(
            "registrations/email/restart",
            {
                "registration": registration,
                "edition": registration.edition,
                "url": link_url("registrations:restart", token),
                "days": CONFIRM_MAX_AGE.days,
            },
            to=[registration.email],
        )
        audit.record(None, "registrations.restart_requested", registration)
    return StartResult(registration, "restart_requested")


def restart_registration(token: str) -> Registration:
    """The link of `_request_restart` is used: apply the new identity and answers to the
    cancelled registration and confirm it (the click proves the address). LinkError when the
    link cannot be used ('closed' when the edition no longer takes registrations)."""
    with transaction.atomic():
        pending = take_pending(token, kind=RESTART_KIND, max_age=CONFIRM_MAX_AGE)
        registration = (
            Registration.objects.select_for_update()
            .select_related("edition")
            .filter(pk=pending.payload.get("registration"), email=pending.email)
            .first()
        )
        if registration is None:
            raise LinkError("unknown")
        if registration.status != Registration.Status.CANCELLED:
            raise LinkError("used")
        if not registration_is_open(registration.edition)[0]:
            raise LinkError("closed")
        identity = pending.payload.get("identity") or {}
        for name in IDENTITY_FIELDS:
            if name in identity:
                setattr(registration, name, identity[name])
        registration.status = Registration.Status.PENDING
        registration.save()
        questions = list(registration.edition.questions.all())
        save_answers(registration, questions, pending.payload.get("answers") or {})
        audit.record(None, "registrations.reopened", registration)
    return confirm_registration(registration)


def pending_restart(token: str) -> PendingAction:
    """What the link of `_request_restart` will apply, to show it before (nothing changes)."""
    return open_pending(token, kind=RESTART_KIND, max_age=CONFIRM_MAX_AGE)


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
    # the filters as one value: a filter named like an argument ("action") must not clash
    audit.record(actor, "registrations.exported", edition, format=fmt, rows=count, filters=filters)
