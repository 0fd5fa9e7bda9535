"""Files attached to a draft or an application: stored under a random name (the visitor's name
is kept aside, for the download), checked again here whoever calls (format by content, size,
number), images re-encoded without their metadata, and handed over from a draft to the
application submitted from it."""

import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _

from nec.core.images import process_image
from nec.core.signed_links import LinkError
from nec.localeditions.attachments import (
    IMAGE_MAX_SIDE_PX,
    MAX_FILES,
    PDF,
    check_files,
    display_name,
    sniff,
)
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
    prepared = [(upload, *_without_metadata(upload)) for upload in files]  # all, or none
    stored = []
    for upload, content, content_type, extension in prepared:
        attachment = ApplicationAttachment(
            **owner,
            original_name=display_name(upload),
            size=content.size,
            content_type=content_type,
        )
        attachment.file.save(f"{uuid.uuid4().hex}.{extension}", content, save=False)
        attachment.save()
        stored.append(attachment)
    return stored


def _without_metadata(upload) -> tuple[File, str, str]:
    """(file to store, content type, extension): a PDF as sent; an image re-encoded in its
    format, which drops its metadata (camera, GPS position of a photo taken on a phone)."""
    content_type, extension = sniff(upload)
    if content_type == PDF[0]:
        upload.seek(0)
        return File(upload), content_type, extension
    try:
        image = process_image(upload, max_side=IMAGE_MAX_SIDE_PX, keep_png=True)
    except ValidationError as error:
        name = display_name(upload)
        raise ValidationError(
            {
                "attachments": [
                    _("« %(name)s » : %(reason)s") % {"name": name, "reason": message}
                    for message in error.messages
                ]
            }
        ) from error
    if image.name.endswith(".png"):
        return image, "image/png", "png"
    return image, "image/jpeg", "jpg"


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
