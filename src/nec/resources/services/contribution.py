"""Contributing a resource: organisers, speakers and partners of an edition submit resources for
it (a local organiser its documentation sheet); the national team then moderates them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nec.core import audit
from nec.core.images import process_image
from nec.editions.models import Edition
from nec.programme.models import Session
from nec.resources import publication_hooks
from nec.resources.models import Resource, ResourceAuthor, ResourceImage, ResourceTheme
from nec.resources.text import normalise

THUMBNAIL_SIDE = 320
MAX_IMAGES = 12


@dataclass
class ResourceData:
    """What a contributor gives about a resource (already cleaned by a form)."""

    kind: str
    title: str
    summary: str
    date: date
    body: str = ""
    licence: str = Resource._meta.get_field("licence").default
    language: str = "fr"
    url: str = ""
    url_is_example: bool = False
    session: Session | None = None
    attendance: int | None = None
    format_feedback: str = ""
    authors: list[tuple[str, str]] = field(default_factory=list)  # (name, role)
    themes: list[ResourceTheme] = field(default_factory=list)


def check_documentation(data: ResourceData) -> None:
    """A documentation sheet needs its parts "a minima": description and attendance, feedback
    on one or more formats (the photos are checked when it is submitted for moderation)."""
    if data.kind != Resource.Kind.DOCUMENTATION:
        return
    errors = {}
    if data.attendance is None:
        errors["attendance"] = _("Indiquez la fréquentation de l'événement.")
    if not data.format_feedback.strip():
        errors["format_feedback"] = _("Faites un retour sur au moins un format.")
    if errors:
        raise ValidationError(errors)


def search_text_of(resource: Resource, authors: list[tuple[str, str]]) -> str:
    parts = [resource.title, resource.summary, resource.body, resource.format_feedback]
    parts += [name for name, _role in authors]
    return normalise(" ".join(parts))


def _apply(resource: Resource, data: ResourceData) -> None:
    if data.session is not None and data.session.edition_id != resource.edition_id:
        raise ValidationError({"session": _("Cette session n'appartient pas à cette édition.")})
    check_documentation(data)
    for name in (
        "kind", "title", "summary", "body", "licence", "language", "url", "url_is_example",
        "session", "attendance", "format_feedback", "date",
    ):  # fmt: skip
        setattr(resource, name, getattr(data, name))
    resource.search_text = search_text_of(resource, data.authors)
    resource.full_clean(exclude=["edition", "submitted_by", "document"])


def _save_related(resource: Resource, data: ResourceData) -> None:
    resource.authors.all().delete()
    ResourceAuthor.objects.bulk_create(
        ResourceAuthor(resource=resource, name=name[:200], role=role[:80], position=n)
        for n, (name, role) in enumerate(data.authors)
        if name.strip()
    )
    resource.themes.set(data.themes)


def submit_resource(
    *, actor, edition: Edition, data: ResourceData, status: str = Resource.Status.SUBMITTED
) -> Resource:
    """A new resource of `edition`, waiting for moderation (or published directly when the
    national team adds it with `status=PUBLISHED`, as the demo does)."""
    resource = Resource(edition=edition, submitted_by=actor, status=status)
    with transaction.atomic():
        _apply(resource, data)
        if status == Resource.Status.PUBLISHED:
            resource.published_at = timezone.now()
        resource.save()
        _save_related(resource, data)
        audit.record(actor, "resources.submit", resource, kind=resource.kind, status=status)
        if status == Resource.Status.PUBLISHED:
            publication_hooks.run(resource, actor)
    return resource


def save_resource(resource: Resource, *, actor, data: ResourceData) -> Resource:
    """Change a resource; one the team asked changes on goes back to moderation."""
    with transaction.atomic():
        _apply(resource, data)
        if resource.status == Resource.Status.CHANGES:
            resource.status = Resource.Status.SUBMITTED
        resource.save()
        _save_related(resource, data)
        audit.record(actor, "resources.change", resource, status=resource.status)
    return resource


def add_image(resource: Resource, upload, *, alt: str, actor) -> ResourceImage:
    """Add a photo (re-encoded, metadata stripped, with a thumbnail); ValidationError with a
    French message when it is too heavy, not an image, undescribed, or one too many."""
    if not (alt or "").strip():
        raise ValidationError({"alt": _("Décrivez la photo pour les lecteurs d'écran.")})
    count = resource.images.count()
    if count >= MAX_IMAGES:
        raise ValidationError(
            _("Une ressource compte au plus %(max)d photos.") % {"max": MAX_IMAGES}
        )
    processed = process_image(upload)
    # the thumbnail is the re-encoded photo made smaller the same way (a PNG stays one)
    thumbnail = process_image(
        ContentFile(processed.read(), name=processed.name), max_side=THUMBNAIL_SIDE, keep_png=True
    )
    processed.seek(0)
    with transaction.atomic():
        image = ResourceImage(resource=resource, alt=alt.strip()[:250], position=count)
        image.image.save(processed.name, processed, save=False)
        image.thumbnail.save(thumbnail.name, thumbnail, save=False)
        image.save()
        audit.record(actor, "resources.image_add", resource, image=image.pk)
    return image


def remove_image(image: ResourceImage, *, actor) -> None:
    audit.record_deletion(actor, "resources.image_remove", image)
