"""State changes of the applications to organise a NEC local: submitting one from the public
form (stored pending with its files, a confirmation link e-mailed within the sign-in rate
limits) and confirming it through that link (audit entry, acknowledgement e-mailed) — or at
once when submitted from a draft's link, which already proved the address."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from nec.accounts.services import get_or_create_user, link_request_allowed, normalise_email
from nec.core import audit
from nec.core.mail import send_templated_mail
from nec.core.signed_links import LinkError, link_url, make_token, read_token
from nec.localeditions.models import Application, ApplicationDraft
from nec.localeditions.services.attachments import (
    attach,
    hand_over,
    lock_draft,
    remove_draft_files,
)
from nec.localeditions.services.followup import shift_months

CONFIRM_SALT = "nec.localeditions.application"
CONFIRM_MAX_AGE = timedelta(days=7)
#: an application must come at least this many months before the event
MIN_MONTHS_BEFORE = 3
GRANT_MIN, GRANT_MAX = 2500, 5000


def earliest_event_date(today: date) -> date:
    """The first event date accepted for an application submitted on `today`: three months later
    (the last day of the month when that day does not exist, e.g. 30 November → 28 February)."""
    return shift_months(today, MIN_MONTHS_BEFORE)


def store_application(
    fields: dict,
    *,
    actor=None,
    previous: Application | None = None,
    files: list | None = None,
    draft: ApplicationDraft | None = None,
    removed=(),
) -> Application:
    """Save a submitted application with its files (inside the caller's transaction); the
    `draft` it comes from hands over its files but those `removed` (ids) and is deleted
    (LinkError if already used)."""
    if draft is not None:
        draft = lock_draft(draft)
        remove_draft_files(draft, removed)
    fields = {**fields, "email": normalise_email(fields["email"])}
    application = Application.objects.create(**fields, previous=previous)
    attach(files or [], application=application)
    details = {}
    if draft is not None:
        details["draft"] = draft.pk
        hand_over(draft, application)
    audit.record(actor, "localeditions.application_submitted", application, **details)
    return application


def submit_application(
    fields: dict,
    *,
    actor=None,
    ip_address: str | None = None,
    previous: Application | None = None,
    files: list | None = None,
    draft: ApplicationDraft | None = None,
    removed=(),
) -> Application | None:
    """Store an application from the public form, pending until its author confirms it, and
    e-mail them the confirmation link. `files` are attached to it, and those of the `draft` it
    comes from but those `removed` (the draft is then deleted). Over the link rate limit
    nothing is stored or sent and None is returned; the caller answers the same either way."""
    email = normalise_email(fields["email"])
    if not link_request_allowed(email, ip_address=ip_address):
        return None
    with transaction.atomic():
        application = store_application(
            fields, actor=actor, previous=previous, files=files, draft=draft, removed=removed
        )
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


def confirm(application: Application, *, actor=None) -> Application:
    """Confirm an application whose author proved they read its address (the e-mailed link, or
    the link of the draft it was submitted from): confirmed once, it reaches the national team;
    the applicant gets their account and an acknowledgement. Runs inside the caller's
    transaction when there is one (the e-mail is its last step)."""
    with transaction.atomic():
        application.confirmed_at = timezone.now()
        # the applicant's account: their application page, the thread, later their edition
        application.applicant, _created = get_or_create_user(
            application.email,
            first_name=application.first_name,
            last_name=application.last_name,
            actor=actor,
        )
        application.save(update_fields=["confirmed_at", "applicant"])
        audit.record(actor, "localeditions.application_confirmed", application)
    send_templated_mail(
        "localeditions/email/application_received",
        {"application": application},
        to=[application.email],
    )
    return application


def confirm_application(token: str, *, actor=None) -> Application:
    """Its author used the e-mailed link: the application is confirmed (once) and reaches the
    national team; the author gets an acknowledgement."""
    with transaction.atomic():
        return confirm(_find(token, lock=True), actor=actor)
