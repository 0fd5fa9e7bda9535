"""Confirming a registration: the e-mailed confirmation link, the confirmation itself against the
edition's capacity, and the edition's waiting list (its order, and letting people in when there
is room)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from nec.accounts.models import User
from nec.accounts.services import get_or_create_user
from nec.core import audit
from nec.core.mail import send_templated_mail
from nec.core.signed_links import LinkError, link_url, make_token, read_token
from nec.editions.models import Edition
from nec.registrations.edition_settings import get_settings, lock_settings
from nec.registrations.models import Registration, RegistrationSettings

CONFIRM_SALT = "nec.registrations.confirm"
#: How long a confirmation link stays valid.
CONFIRM_MAX_AGE = timedelta(days=7)


#: A confirmation link that is tampered with, expired, or whose registration is gone (or
#: cancelled): the shared signed-link error.
ConfirmLinkError = LinkError


# ---------------------------------------------------------------------------------------------
# The confirmation link


def confirmation_token(registration: Registration) -> str:
    return make_token({"r": registration.pk, "e": registration.email}, salt=CONFIRM_SALT)


def confirmation_url(registration: Registration) -> str:
    return link_url("registrations:confirm", confirmation_token(registration))


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


def read_confirmation_token(token: str) -> Registration:
    data = read_token(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
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


# ---------------------------------------------------------------------------------------------
# Confirming, against the edition's capacity


def edition_is_full(edition: Edition, settings_row: RegistrationSettings | None = None) -> bool:
    """Whether the confirmed registrations reach the edition's capacity (`settings_row`: the
    edition's settings when the caller holds them already, e.g. locked)."""
    capacity = (settings_row or get_settings(edition)).capacity
    if capacity is None:
        return False
    taken = Registration.objects.filter(
        edition=edition, status=Registration.Status.CONFIRMED
    ).count()
    return taken >= capacity


def confirm_registration(registration: Registration, *, actor: User | None = None) -> Registration:
    """Confirm the e-mail address: link (or create) the account; confirmed, or waiting when
    the edition is full. Idempotent: a confirmed registration stays as it is."""
    user, _created = get_or_create_user(
        registration.email, first_name=registration.first_name, last_name=registration.last_name
    )
    with transaction.atomic():
        # Lock the edition's settings row: confirmations queue for the edition's capacity.
        settings_row = lock_settings(registration.edition)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.user_id != user.pk:
            registration.user = user
        if registration.status == Registration.Status.PENDING:
            registration.status = (
                Registration.Status.WAITING
                if edition_is_full(registration.edition, settings_row)
                else Registration.Status.CONFIRMED
            )
            registration.save()
            audit.record(
                actor or user, "registrations.confirmed", registration, status=registration.status
            )
        elif registration.user_id == user.pk:
            registration.save(update_fields=["user", "updated_at"])
    return registration


# ---------------------------------------------------------------------------------------------
# The edition's waiting list


def promote_waiting(edition: Edition, *, actor: User | None = None) -> list[Registration]:
    """Move people from the edition's waiting list to confirmed, first come first served,
    while there is room. Returns the promoted registrations."""
    promoted: list[Registration] = []
    with transaction.atomic():
        row = lock_settings(edition)
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
