"""Files attached to an application (PDF, PNG, JPEG): the form field taking several files at
once, and the checks every file passes, on its content and never on its name — its first bytes
(the "magic" signature of the format), at most MAX_BYTES each and MAX_FILES per application.
A refused file is named in the message."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_FILES = 5
MAX_BYTES = 5 * 1024 * 1024
#: attached images are re-encoded at most this large: a scanned A4 page stays legible
IMAGE_MAX_SIDE_PX = 3500
#: first bytes of each accepted format → (content type, file extension)
PDF = ("application/pdf", "pdf")
SIGNATURES = {
    b"%PDF-": PDF,
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
}
ACCEPT_ATTRIBUTE = "application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
LABEL = gettext_lazy("Pièces jointes (PDF, PNG ou JPEG, 5 Mo maximum chacune, 5 au plus)")


def display_name(upload) -> str:
    """The name the visitor's file had, without any folder, at most 255 characters."""
    name = str(getattr(upload, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1]
    return name.strip()[:255] or _("fichier sans nom")


def sniff(upload) -> tuple[str, str] | None:
    """(content type, extension) of an accepted format from the file's first bytes, or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for signature, kind in SIGNATURES.items():
        if head.startswith(signature):
            return kind
    return None


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def check_files(uploads: list, *, room: int = MAX_FILES) -> None:
    """ValidationError (one message per refused file) unless every upload is an accepted format
    of at most MAX_BYTES and there are at most `room` of them."""
    errors = []
    if len(uploads) > room:
        if room < MAX_FILES:
            errors.append(
                _(
                    "Vous avez choisi %(count)d fichiers ; %(kept)d pièces jointes sont déjà "
                    "enregistrées et une candidature en compte %(max)d au plus."
                )
                % {"count": len(uploads), "kept": MAX_FILES - room, "max": MAX_FILES}
            )
        else:
            errors.append(
                _("Vous avez choisi %(count)d fichiers : %(max)d pièces jointes au plus.")
                % {"count": len(uploads), "max": MAX_FILES}
            )
    for upload in uploads:
        name = display_name(upload)
        if upload.size > MAX_BYTES:
            errors.append(
                _("« %(name)s » pèse %(size)s Mo : chaque pièce jointe fait 5 Mo au plus.")
                % {"name": name, "size": _megabytes(upload.size)}
            )
        elif sniff(upload) is None:
            errors.append(
                _(
                    "« %(name)s » n'est ni un PDF ni une image PNG ou JPEG (d'après son contenu, "
                    "quel que soit son nom) : seuls ces formats sont acceptés."
                )
                % {"name": name}
            )
    if errors:
        raise ValidationError(errors, code="attachment")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files at once (Django's "Uploading multiple files"): cleans to a list, checked by
    `check_files`. `room` is how many more files the application may take."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("label", LABEL)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.room = MAX_FILES

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "accept": ACCEPT_ATTRIBUTE}

    def clean(self, data, initial=None):
        single_clean = super().clean
        if isinstance(data, list | tuple):
            uploads = [single_clean(item, initial) for item in data]
        else:
            uploads = [single_clean(data, initial)] if data else []
        uploads = [upload for upload in uploads if upload]
        check_files(uploads, room=self.room)
        return uploads
