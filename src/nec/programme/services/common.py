"""Checks and the audited save shared by the programme services."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from nec.core import audit
from nec.editions.models import Edition

#: who acts: a signed-in user, an anonymous visitor or None (the system: demo data, scripts)
Actor = AbstractBaseUser | AnonymousUser | None


def same_edition(edition: Edition, **objects) -> None:
    """Refuse objects (or lists of objects) belonging to another edition."""
    for field, value in objects.items():
        values = value if isinstance(value, list | tuple | set) else [value]
        for obj in values:
            if obj is not None and getattr(obj, "edition_id", edition.pk) != edition.pk:
                raise ValidationError({field: _("Ce choix appartient à une autre édition.")})


def save_changes(
    obj: models.Model,
    fields: dict,
    action: str,
    *,
    actor: Actor,
    unaudited: frozenset[str] = frozenset(),
) -> list[str]:
    """Write on `obj` the `fields` whose value differs, with one audit entry `action` naming them
    (but those in `unaudited`). Returns the names of the changed fields."""
    changed = [key for key, value in fields.items() if getattr(obj, key) != value]
    if changed:
        with transaction.atomic():
            for key in changed:
                setattr(obj, key, fields[key])
            obj.save()
            audit.record(
                actor,
                action,
                obj,
                edition=obj.edition,
                fields=[key for key in changed if key not in unaudited],
            )
    return changed
