"""Uploaded images (speaker photos, the resources library …), handled in one place: what is too
heavy or not an image is refused with a French message; the rest is decoded and re-encoded with
Pillow (turned upright, at most IMAGE_MAX_SIDE_PX on its longest side, JPEG, or PNG when it is
transparent) under a random file name, which drops every metadata (EXIF, GPS position, camera,
comments) and the original name; the stored file is deleted once replaced or its object deleted.

- `ImageUploadField`: the form field (size checked before decoding);
- `process_image()`: the same checks and re-encoding, for a service given a raw upload;
- `delete_replaced_files(Model, "field", …)`: connect the file cleanup (in `AppConfig.ready`)."""

from __future__ import annotations

import io
import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp"
#: larger pictures are refused before being decoded (a small file may hold a huge picture)
MAX_PIXELS = 40_000_000


class ProcessedImage(ContentFile):
    """An image already re-encoded by `process_image`."""


def max_bytes() -> int:
    return settings.IMAGE_UPLOAD_MAX_MB * 1024 * 1024


def check_size(upload: File) -> None:
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes():
        raise ValidationError(
            _(
                "Cette image pèse %(size)s Mo, la limite est de %(max)d Mo : réduisez-la ou "
                "choisissez-en une autre."
            )
            % {"size": f"{size / 1024 / 1024:.1f}".replace(".", ","), "max": max_bytes() >> 20},
            code="image_too_large",
        )


def _not_an_image() -> ValidationError:
    return ValidationError(
        _("Ce fichier n'est pas une image lisible : envoyez une photo JPEG, PNG ou WebP."),
        code="invalid_image",
    )


def process_image(
    upload: File, *, max_side: int | None = None, keep_png: bool = False
) -> ProcessedImage:
    """Check and re-encode an uploaded image; ValidationError with a French message if it is
    too heavy, too large in pixels, not an image or corrupt. A photo becomes a JPEG; with
    `keep_png`, a PNG stays one (a scanned or captured document keeps its sharp text)."""
    if isinstance(upload, ProcessedImage):
        return upload
    check_size(upload)
    max_side = max_side or settings.IMAGE_MAX_SIDE_PX
    output = io.BytesIO()
    try:
        upload.seek(0)
        with Image.open(upload, formats=ACCEPTED_FORMATS) as source:
            if source.width * source.height > MAX_PIXELS:
                raise ValidationError(
                    _("Cette image est trop grande (%(width)d × %(height)d pixels).")
                    % {"width": source.width, "height": source.height},
                    code="image_too_large",
                )
            source.draft("RGB", (max_side, max_side))  # JPEG: decode at a reduced scale
            image = ImageOps.exif_transpose(source)  # a copy, upright
            image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
            transparent = image.mode in ("RGBA", "LA", "PA") or (
                image.mode == "P" and "transparency" in image.info
            )
            as_png = transparent or (keep_png and source.format == "PNG")
            image = image.convert("RGBA" if transparent else "RGB")
            image.info = {}  # nothing of the original file is written back
            if as_png:
                image.save(output, "PNG", optimize=True)
            else:
                image.save(output, "JPEG", quality=85, optimize=True, progressive=True)
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        raise _not_an_image() from error
    except (ValueError, EOFError, IndexError, TypeError) as error:  # corrupt data inside
        raise _not_an_image() from error
    extension = "png" if as_png else "jpg"
    return ProcessedImage(output.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")


def is_new_upload(value) -> bool:
    """True for a file just uploaded (not the one already stored on the object)."""
    return isinstance(value, File) and not isinstance(value, FieldFile)


def _upload_help() -> str:
    return _(
        "JPEG, PNG ou WebP, %(max)d Mo au plus. L'image est redimensionnée et ses métadonnées "
        "(appareil, position GPS…) sont effacées."
    ) % {"max": max_bytes() >> 20}


#: translated when shown, not when a form class is defined
_help_text = lazy(_upload_help, str)


class ImageUploadField(forms.FileField):
    """A form field accepting an image and handing over its re-encoded version."""

    widget = forms.ClearableFileInput

    def __init__(self, *, max_side: int | None = None, **kwargs):
        kwargs.setdefault("help_text", _help_text())
        super().__init__(**kwargs)
        self.max_side = max_side

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "accept": ACCEPT_ATTRIBUTE}

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        return process_image(upload, max_side=self.max_side)


# ---------------------------------------------------------------------------------------------
# Removing stored files nobody uses any more


def _delete_after_commit(model: type[models.Model], field: str, name: str) -> None:
    storage = model._meta.get_field(field).storage

    def delete() -> None:
        if not model._default_manager.filter(**{field: name}).exists():
            storage.delete(name)

    transaction.on_commit(delete)


def delete_replaced_files(model: type[models.Model], *fields: str) -> None:
    """Delete the stored file of these file fields of `model` when a save replaces or empties
    it, and when the object is deleted (however: a service, the admin, a cascade), once the
    transaction commits and if no other row uses the same file."""

    def remember(sender, instance, update_fields=None, **kwargs):
        watched = [f for f in fields if update_fields is None or f in update_fields]
        instance._nec_stored_files = (
            sender._default_manager.filter(pk=instance.pk).values(*watched).first() or {}
            if instance.pk is not None and watched
            else {}
        )

    def after_save(sender, instance, **kwargs):
        for field, before in instance.__dict__.pop("_nec_stored_files", {}).items():
            if before and before != getattr(instance, field).name:
                _delete_after_commit(sender, field, before)

    def after_delete(sender, instance, **kwargs):
        for field in fields:
            name = getattr(instance, field).name
            if name:
                _delete_after_commit(sender, field, name)

    uid = f"nec.core.images.{model._meta.label_lower}"
    pre_save.connect(remember, sender=model, weak=False, dispatch_uid=uid)
    post_save.connect(after_save, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(after_delete, sender=model, weak=False, dispatch_uid=uid)
