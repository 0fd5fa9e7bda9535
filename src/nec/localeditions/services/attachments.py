"""Files attached to a draft or an application: stored under a random name (the visitor's name
is kept aside, for the download), checked again here whoever calls (format by content, size,
number), and handed over from a draft to the application submitted from it."""

import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _

from nec.core.signed_links import LinkError
from nec.localeditions.attachments import MAX_FILES, check_files, display_name, sniff
from nec.localeditions.models import Application, ApplicationAttachment, ApplicationDraft


def attach(
    files: list,
    *,
    application: Application | None = None,
    draft: ApplicationDraft | None = None,
) -> list[ApplicationAttachment]:
    """Store uploaded `files` for the application or the draft (call it inside the transaction
    saving the owner). ValidationError if one is refused or there would be too many."""
    if not files:
        return []
    owner = {"application": application} if application is not None else {"draft": draft}
    already = ApplicationAttachment.objects.filter(**owner).count()
    try:
        check_files(files, room=MAX_FILES - already)
    except ValidationError as error:
        raise ValidationError({"attachments": error.messages}) from error
    stored = []
    for upload in files:
        content_type, extension = sniff(upload)
        attachment = ApplicationAttachment(
            **owner,
            original_name=display_name(upload),
            size=upload.size,
            content_type=content_type,
        )
        upload.seek(0)
        attachment.file.save(f"{uuid.uuid4().hex}.{extension}", File(upload), save=False)
        attachment.save()
        stored.append(attachment)
    return stored


def lock_draft(draft: ApplicationDraft) -> ApplicationDraft:
    """The draft, locked until the transaction ends; LinkError('used') once it was submitted."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_draft() must run inside transaction.atomic()")
    locked = ApplicationDraft.objects.select_for_update().filter(pk=draft.pk).first()
    if locked is None:
        raise LinkError("used")
    return locked


def remove_draft_files(draft: ApplicationDraft, ids) -> int:
    """Delete the files of `draft` among `ids` (their stored files go once the transaction
    commits); returns how many."""
    removed = 0
    for attachment in ApplicationAttachment.objects.filter(draft=draft, pk__in=list(ids)):
        attachment.delete()
        removed += 1
    return removed


def hand_over(draft: ApplicationDraft, application: Application) -> None:
    """The application submitted from `draft` takes its files; the draft is deleted (inside the
    transaction storing the application)."""
    files = ApplicationAttachment.objects.filter(draft=draft)
    if files.count() + application.attachments.count() > MAX_FILES:
        raise ValidationError(
            {
                "attachments": _("Une candidature compte %(max)d pièces jointes au plus.")
                % {"max": MAX_FILES}
            }
        )
    files.update(draft=None, application=application)
    draft.delete()
