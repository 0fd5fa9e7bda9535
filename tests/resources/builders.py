"""Builders of the library's tests: resources (published or not), photos and themes."""

from __future__ import annotations

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from nec.resources import services
from nec.resources.models import Resource, ResourceTheme


def make_theme(name: str = "Données", slug: str = "donnees") -> ResourceTheme:
    return ResourceTheme.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def make_resource(
    edition,
    title: str = "Les données ouvertes des territoires",
    *,
    actor=None,
    kind: str = Resource.Kind.VIDEO,
    status: str = Resource.Status.PUBLISHED,
    authors=(("Camille Martin", "intervenante"),),
    themes=(),
    **fields,
) -> Resource:
    data = services.ResourceData(
        kind=kind,
        title=title,
        summary=fields.pop("summary", f"Résumé de {title}"),
        date=fields.pop("date", date(2025, 5, 20)),
        authors=list(authors),
        themes=list(themes),
        **fields,
    )
    return services.submit_resource(actor=actor, edition=edition, data=data, status=status)


def jpeg_upload(name: str = "photo.jpg", size=(640, 480), *, exif: bool = False):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (200, 80, 40))
    if exif:
        data = Image.Exif()
        data[0x010F] = "CameraMaker"  # Make
        image.save(buffer, "JPEG", exif=data)
    else:
        image.save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")
