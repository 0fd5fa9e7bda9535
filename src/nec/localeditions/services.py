"""State changes of the applications to organise a NEC local: submitting one from the public
form (stored pending, a confirmation link e-mailed within the sign-in rate limits) and confirming
it through that link (audit entry, acknowledgement e-mailed)."""

from calendar import monthrange
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from nec.accounts.services import link_request_allowed, normalise_email
from nec.core import audit
from nec.core.mail import send_templated_mail
from nec.core.signed_links import LinkError, link_url, make_token, read_token
from nec.localeditions.models import Application

CONFIRM_SALT = "nec.localeditions.application"
CONFIRM_MAX_AGE = timedelta(days=7)
#: an application must come at least this many months before the event
MIN_MONTHS_BEFORE = 3
GRANT_MIN, GRANT_MAX = 2500, 5000


def earliest_event_date(today: date) -> date:
    """The first event date accepted for an application submitted on `today`: three months later
    (the last day of the month when that day does not exist, e.g. 30 November → 28 February)."""
    month = today.month - 1 + MIN_MONTHS_BEFORE
    year, month = today.year + month // 12, month % 12 + 1
    return date(year, month, min(today.day, monthrange(year, month)[1]))


def submit_application(
    fields: dict, *, actor=None, ip_address: str | None = None
) -> Application | None:
    """Store an application from the public form, pending until its author confirms it, and
    e-mail them the confirmation link. Over the link rate limit nothing is stored or sent and
    None is returned; the caller answers the same either way."""
    email = normalise_email(fields["email"])
    if not link_request_allowed(email, ip_address=ip_address):
        return None
    with transaction.atomic():
        application = Application.objects.create(**{**fields, "email": email})
        audit.record(actor, "localeditions.application_submitted", application)
    token = make_token({"a": application.pk, "e": email}, salt=CONFIRM_SALT)
    send_templated_mail(
        "localeditions/email/application_confirm",
        {
            "application": application,
            "url": link_url("localeditions:confirm", token),
            "days": CONFIRM_MAX_AGE.days,
        },
        to=[email],
    )
    return application


def _find(token: str, *, lock: bool) -> Application:
    data = read_token(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    rows = Application.objects.select_for_update() if lock else Application.objects
    application = rows.filter(pk=data.get("a"), email=data.get("e")).first()
    if application is None:
        raise LinkError("unknown")
    if application.confirmed_at is not None:
        raise LinkError("used")
    return application


def pending_application(token: str) -> Application:
    """The application a confirmation link will confirm, to show it first (nothing changes)."""
    return _find(token, lock=False)


def confirm_application(token: str, *, actor=None) -> Application:
    """Its author used the e-mailed link: the application is confirmed (once) and reaches the
    national team; the author gets an acknowledgement."""
    with transaction.atomic():
        application = _find(token, lock=True)
        application.confirmed_at = timezone.now()
        application.save(update_fields=["confirmed_at"])
        audit.record(actor, "localeditions.application_confirmed", application)
    send_templated_mail(
        "localeditions/email/application_received",
        {"application": application},
        to=[application.email],
    )
    return application
