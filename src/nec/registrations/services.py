"""Registration lifecycle: start, confirm by e-mailed link, edit answers, cancel, the edition's
waiting list; the questionnaire's management; calendar tokens; signed ticket codes.

Every state change of a registration goes through a function of this module."""

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nec.accounts.services import get_or_create_user, normalise_email, request_login_link
from nec.core import audit
from nec.core.mail import send_templated_mail
from nec.editions.models import Edition
from nec.registrations.models import Answer, Question, Registration, RegistrationSettings

TICKET_SALT = "nec.registrations.ticket"
CONFIRM_SALT = "nec.registrations.confirm"
#: How long a confirmation link stays valid.
CONFIRM_MAX_AGE = timedelta(days=7)
#: A second submission within this delay does not send a second confirmation e-mail.
RESEND_GRACE = timedelta(minutes=2)

LIVE_STATUSES = (Registration.Status.CONFIRMED, Registration.Status.WAITING)


class RegistrationError(Exception):
    """A registration action that cannot be done; the message is shown to the person."""


class RegistrationClosed(RegistrationError):
    pass


class TicketError(Exception):
    """A ticket code whose signature is wrong, or which matches no registration."""


class ConfirmLinkError(Exception):
    """A confirmation link that is tampered with, expired, or whose registration is gone."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


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
# Settings


def get_settings(edition: Edition) -> RegistrationSettings:
    """The edition's registration settings. Created on first use, together with the default
    questionnaire (which the team then edits; deleting every question is respected)."""
    settings_row, created = RegistrationSettings.objects.get_or_create(edition=edition)
    if created:
        from nec.registrations.questionnaire import ensure_default_questionnaire

        ensure_default_questionnaire(edition)
    return settings_row


def registration_is_open(edition: Edition) -> tuple[bool, str]:
    """(open?, reason shown when closed)."""
    if edition.status != Edition.Status.PUBLISHED:
        return False, _("Les inscriptions à cette édition ne sont pas ouvertes.")
    if edition.end_date and edition.end_date < timezone.localdate():
        return False, _("Cette édition est terminée : les inscriptions sont closes.")
    if not get_settings(edition).registration_open:
        return False, _("Les inscriptions à cette édition sont closes.")
    return True, ""


def update_settings(edition: Edition, actor, **values: Any) -> RegistrationSettings:
    with transaction.atomic():
        row = get_settings(edition)
        before = {name: getattr(row, name) for name in values}
        for name, value in values.items():
            setattr(row, name, value)
        row.full_clean()
        row.save()
        changed = {k: [before[k], v] for k, v in values.items() if before[k] != v}
        audit.record(actor, "registrations.settings_changed", row, edition=edition, **changed)
        # More room: let people in from the waiting list.
        promote_waiting(edition, actor=actor)
    return row


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


def confirmation_token(registration: Registration) -> str:
    return signing.dumps(
        {"r": registration.pk, "e": registration.email}, salt=CONFIRM_SALT, compress=True
    )


def confirmation_url(registration: Registration) -> str:
    return settings.BASE_URL + reverse(
        "registrations:confirm", kwargs={"token": confirmation_token(registration)}
    )


def personal_space_url(edition: Edition) -> str:
    return reverse("registrations:space", kwargs={"edition": edition.slug})


def send_confirmation(registration: Registration) -> None:
    send_templated_mail(
        "registrations/email/confirmation",
        {
            "registration": registration,
            "edition": registration.edition,
            "url": confirmation_url(registration),
            "days": CONFIRM_MAX_AGE.days,
        },
        to=[registration.email],
    )


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
    user=None,
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


def read_confirmation_token(token: str) -> Registration:
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ConfirmLinkError("expired") from error
    except signing.BadSignature as error:
        raise ConfirmLinkError("invalid") from error
    registration = (
        Registration.objects.select_related("edition")
        .filter(pk=data.get("r"), email=data.get("e"))
        .first()
    )
    if registration is None:
        raise ConfirmLinkError("unknown")
    if registration.status == Registration.Status.CANCELLED:
        raise ConfirmLinkError("cancelled")
    return registration


def edition_is_full(edition: Edition) -> bool:
    capacity = get_settings(edition).capacity
    if capacity is None:
        return False
    taken = Registration.objects.filter(
        edition=edition, status=Registration.Status.CONFIRMED
    ).count()
    return taken >= capacity


def confirm_registration(registration: Registration, *, actor=None) -> Registration:
    """Confirm the e-mail address: link (or create) the account; confirmed, or waiting when
    the edition is full. Idempotent: a confirmed registration stays as it is."""
    user, _created = get_or_create_user(
        registration.email, first_name=registration.first_name, last_name=registration.last_name
    )
    with transaction.atomic():
        # Lock the edition's settings row: confirmations queue for the edition's capacity.
        RegistrationSettings.objects.get_or_create(edition=registration.edition)
        RegistrationSettings.objects.select_for_update().get(edition=registration.edition)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.user_id != user.pk:
            registration.user = user
        if registration.status == Registration.Status.PENDING:
            registration.status = (
                Registration.Status.WAITING
                if edition_is_full(registration.edition)
                else Registration.Status.CONFIRMED
            )
            registration.save()
            audit.record(
                actor or user, "registrations.confirmed", registration, status=registration.status
            )
        elif registration.user_id == user.pk:
            registration.save(update_fields=["user", "updated_at"])
    return registration


def update_registration(
    registration: Registration, *, actor, identity: dict, answers: dict
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


def cancel_registration(registration: Registration, *, actor) -> Registration:
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


def _cancel_bookings(registration: Registration, *, actor) -> None:
    """Free the person's seats and waiting places; the booking module gives each freed seat
    to the first in line. Called with the registration row locked (lock order: registration,
    then sessions)."""
    from nec.registrations import booking as booking_services

    for live in registration.bookings.filter(status__in=["confirmed", "waiting", "offered"]):
        booking_services.cancel(live, actor=actor)


def promote_waiting(edition: Edition, *, actor=None) -> list[Registration]:
    """Move people from the edition's waiting list to confirmed, first come first served,
    while there is room. Returns the promoted registrations."""
    promoted: list[Registration] = []
    with transaction.atomic():
        RegistrationSettings.objects.get_or_create(edition=edition)
        row = RegistrationSettings.objects.select_for_update().get(edition=edition)
        waiting = Registration.objects.select_for_update().filter(
            edition=edition, status=Registration.Status.WAITING
        )
        if row.capacity is None:
            room = waiting.count()
        else:
            taken = Registration.objects.filter(
                edition=edition, status=Registration.Status.CONFIRMED
            ).count()
            room = max(0, row.capacity - taken)
        for registration in waiting.order_by("created_at", "id")[:room]:
            registration.status = Registration.Status.CONFIRMED
            registration.save(update_fields=["status", "updated_at"])
            audit.record(actor, "registrations.promoted", registration)
            promoted.append(registration)
    for registration in promoted:
        send_templated_mail(
            "registrations/email/promoted",
            {
                "registration": registration,
                "edition": edition,
                "url": settings.BASE_URL + personal_space_url(edition),
            },
            to=[registration.email],
        )
    return promoted


def waiting_position(registration: Registration) -> int | None:
    """1 for the first in line on the edition's waiting list."""
    if registration.status != Registration.Status.WAITING:
        return None
    ahead = Registration.objects.filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, pk__lt=registration.pk),
        edition=registration.edition,
        status=Registration.Status.WAITING,
    ).count()
    return ahead + 1


# ---------------------------------------------------------------------------------------------
# Calendar feed token


def issue_calendar_token(registration: Registration, *, actor) -> str:
    """A new private feed token (the previous one stops working)."""
    token = secrets.token_urlsafe(24)
    registration.calendar_token = token
    registration.save(update_fields=["calendar_token", "updated_at"])
    audit.record(actor, "registrations.calendar_token_issued", registration)
    return token


def revoke_calendar_token(registration: Registration, *, actor) -> None:
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


# ---------------------------------------------------------------------------------------------
# Questionnaire management (team)


def _next_position(edition: Edition) -> int:
    last = edition.questions.order_by("-position").values_list("position", flat=True).first()
    return (last or 0) + 10


def save_question(edition: Edition, question: Question, *, actor) -> Question:
    """Create or update a question of the edition's questionnaire."""
    creating = question.pk is None
    question.edition = edition
    if creating and not question.position:
        question.position = _next_position(edition)
    with transaction.atomic():
        question.full_clean()
        question.save()
        audit.record(
            actor,
            "registrations.question_added" if creating else "registrations.question_changed",
            question,
            edition=edition,
            key=question.key,
        )
    return question


def delete_question(question: Question, *, actor) -> int:
    """Delete a question and its answers; returns how many answers went with it."""
    with transaction.atomic():
        answers = question.answers.count()
        audit.record(
            actor,
            "registrations.question_deleted",
            question,
            edition=question.edition,
            key=question.key,
            answers=answers,
        )
        question.delete()
    return answers


def move_question(question: Question, direction: int, *, actor) -> None:
    """Swap the question with its neighbour above (direction -1) or below (+1)."""
    with transaction.atomic():
        questions = list(question.edition.questions.select_for_update().order_by("position", "id"))
        index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
        other = index + direction
        if other < 0 or other >= len(questions):
            return
        questions[index], questions[other] = questions[other], questions[index]
        for position, item in enumerate(questions, start=1):
            if item.position != position * 10:
                item.position = position * 10
                item.save(update_fields=["position"])
        audit.record(
            actor, "registrations.question_moved", question, edition=question.edition, by=direction
        )


def record_action(registration: Registration, *, actor, action: str) -> None:
    audit.record(actor, f"registrations.{action}", registration)


def record_export(edition: Edition, *, actor, fmt: str, count: int, filters: dict) -> None:
    audit.record(actor, "registrations.exported", edition, format=fmt, rows=count, **filters)
