"""Moderation by the national team: publish, ask for changes (with a message) or refuse (with a
reason); the contributor is told by e-mail."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nec.core import audit
from nec.core.mail import send_templated_mail
from nec.resources import publication_hooks
from nec.resources.models import Resource

MODERATED = (Resource.Status.SUBMITTED, Resource.Status.CHANGES, Resource.Status.REFUSED)


def _tell(resource: Resource, template: str) -> None:
    person = resource.submitted_by
    if person is not None and person.email:
        send_templated_mail(
            f"resources/email/{template}", {"resource": resource}, to=[person.email]
        )


def _missing_photos(resource: Resource) -> bool:
    return resource.kind == Resource.Kind.DOCUMENTATION and not resource.images.exists()


def publish(resource: Resource, *, actor) -> Resource:
    if resource.status == Resource.Status.PUBLISHED:
        return resource
    if _missing_photos(resource):
        raise ValidationError(_("Une fiche de documentation doit comporter au moins une photo."))
    with transaction.atomic():
        resource.status = Resource.Status.PUBLISHED
        resource.published_at = timezone.now()
        resource.moderation_note = ""
        resource.save(update_fields=["status", "published_at", "moderation_note", "updated_at"])
        audit.record(actor, "resources.publish", resource)
        publication_hooks.run(resource, actor)
        transaction.on_commit(lambda: _tell(resource, "published"))
    return resource


def _with_note(resource: Resource, status: str, note: str, *, actor, action: str) -> Resource:
    note = (note or "").strip()
    if not note:
        raise ValidationError(
            {"note": _("Expliquez votre décision à la personne qui l'a proposée.")}
        )
    was_published = resource.status == Resource.Status.PUBLISHED
    with transaction.atomic():
        resource.status = status
        resource.moderation_note = note[:4000]
        resource.published_at = None
        resource.save(update_fields=["status", "moderation_note", "published_at", "updated_at"])
        audit.record(actor, action, resource, note=note[:500])
        if was_published:
            publication_hooks.run(resource, actor)
        template = "changes" if status == Resource.Status.CHANGES else "refused"
        transaction.on_commit(lambda: _tell(resource, template))
    return resource


def request_changes(resource: Resource, *, actor, note: str) -> Resource:
    return _with_note(
        resource, Resource.Status.CHANGES, note, actor=actor, action="resources.request_changes"
    )


def refuse(resource: Resource, *, actor, reason: str) -> Resource:
    return _with_note(
        resource, Resource.Status.REFUSED, reason, actor=actor, action="resources.refuse"
    )
