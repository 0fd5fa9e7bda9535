"""Drafts of applications: « Enregistrer le brouillon » stores what was typed (only the e-mail
address is checked) with its files and e-mails a signed link to resume it, within the sign-in
rate limits; saving again from that link updates the same draft; submitting from it confirms
the application at once when the address is unchanged (the link proved it), or sends the usual
confirmation link to a new address."""

from datetime import timedelta

from django.db import transaction

from nec.accounts.services import link_request_allowed, normalise_email
from nec.core import audit
from nec.core.mail import send_templated_mail
from nec.core.signed_links import LinkError, link_url, make_token, read_token
from nec.localeditions.models import Application, ApplicationDraft
from nec.localeditions.services.applications import confirm, store_application, submit_application
from nec.localeditions.services.attachments import attach, lock_draft, remove_draft_files

DRAFT_SALT = "nec.localeditions.draft"
DRAFT_MAX_AGE = timedelta(days=60)


def draft_token(draft: ApplicationDraft) -> str:
    """A fresh token of the link resuming `draft` (valid DRAFT_MAX_AGE)."""
    return make_token({"d": draft.pk, "e": draft.email}, salt=DRAFT_SALT)


def open_draft(token: str) -> ApplicationDraft:
    """The draft a resume link points to; LinkError when altered, expired, or the draft is gone
    (submitted) or moved to another address."""
    data = read_token(token, salt=DRAFT_SALT, max_age=DRAFT_MAX_AGE)
    draft = ApplicationDraft.objects.filter(pk=data.get("d"), email=data.get("e")).first()
    if draft is None:
        raise LinkError("used")
    return draft


def drafts_of(email: str):
    """The drafts saved with this address, last saved first."""
    return ApplicationDraft.objects.filter(email=normalise_email(email))


def _send_link(draft: ApplicationDraft) -> None:
    send_templated_mail(
        "localeditions/email/draft_saved",
        {
            "draft": draft,
            "url": link_url("localeditions:draft", draft_token(draft)),
            "days": DRAFT_MAX_AGE.days,
        },
        to=[draft.email],
    )


def save_draft(
    data: dict,
    *,
    files: list | None = None,
    actor=None,
    ip_address: str | None = None,
    draft: ApplicationDraft | None = None,
    previous: Application | None = None,
    removed=(),
) -> tuple[ApplicationDraft | None, bool]:
    """Save the typed `data` (a valid "email", the rest unchecked) and `files` as a new draft,
    or into `draft` when resumed from its link (its files of ids `removed` deleted). Returns
    (the draft, whether a link was e-mailed): a new draft, or one moved to another address,
    gets a link, within the rate limits (over them nothing is saved nor sent: (None, False));
    saving again at the same address e-mails nothing."""
    email = normalise_email(data["email"])
    data = {**data, "email": email}
    new_address = draft is None or draft.email != email
    if new_address and not link_request_allowed(email, ip_address=ip_address):
        return None, False
    with transaction.atomic():
        if draft is None:
            draft = ApplicationDraft.objects.create(email=email, data=data, previous=previous)
        else:
            draft = lock_draft(draft)
            removed = remove_draft_files(draft, removed)
            draft.email, draft.data = email, data
            draft.save(update_fields=["email", "data", "updated_at"])
        attach(files or [], draft=draft)
        audit.record(
            actor, "localeditions.draft_saved", draft, files=len(files or []), removed=removed or 0
        )
    if new_address:
        _send_link(draft)
    return draft, new_address


def submit_draft(
    draft: ApplicationDraft,
    fields: dict,
    *,
    files: list | None = None,
    actor=None,
    ip_address: str | None = None,
    removed=(),
) -> tuple[Application | None, bool]:
    """Submit the application completed from `draft`'s link, with the draft's files (but those
    of ids `removed`) and the new `files`; the draft is deleted. Returns (the application,
    whether it is confirmed): at the draft's address it is confirmed at once; at another
    address it waits for the usual confirmation link ((None, False) over the rate limits:
    nothing changes)."""
    if normalise_email(fields["email"]) != draft.email:
        application = submit_application(
            fields,
            actor=actor,
            ip_address=ip_address,
            previous=draft.previous,
            files=files,
            draft=draft,
            removed=removed,
        )
        return application, False
    with transaction.atomic():
        application = store_application(
            fields,
            actor=actor,
            previous=draft.previous,
            files=files,
            draft=draft,
            removed=removed,
        )
        confirm(application, actor=actor)
    return application, True
