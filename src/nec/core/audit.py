"""The one way to write the audit log. Every service function that changes state calls it."""

from typing import Any

from django.db import models, transaction

from nec.core.models import AuditEntry


def record(
    actor,
    action: str,
    obj: models.Model | None = None,
    *,
    edition=None,
    **details: Any,
) -> AuditEntry:
    """Write an audit entry. `actor` may be None (system, anonymous visitor)."""
    if edition is None and obj is not None:
        edition = getattr(obj, "edition", None) if not _is_edition(obj) else obj
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        edition=edition,
        details=_jsonable(details),
    )


def record_deletion(actor, action: str, obj: models.Model, **details: Any) -> None:
    """Write the audit entry of deleting `obj` (while it still has its id), then delete it, both
    or neither. The entry's edition is the object's."""
    with transaction.atomic():
        record(actor, action, obj, **details)
        obj.delete()


def _is_edition(obj: models.Model) -> bool:
    return obj._meta.label_lower == "editions.edition"


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
