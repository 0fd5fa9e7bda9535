"""The registration settings of an edition: the one way to read them (`get_settings`) and to lock
them inside a service's transaction (`lock_settings`).

A settings row is created on first use, together with the default questionnaire (which the team
then edits; deleting every question is respected)."""

from nec.editions.models import Edition
from nec.registrations.models import RegistrationSettings
from nec.registrations.questionnaire import ensure_default_questionnaire


def _get_or_create(edition: Edition) -> RegistrationSettings:
    # By `edition_id`: the new row must not be cached on `edition` (see `get_settings`).
    row, created = RegistrationSettings.objects.get_or_create(edition_id=edition.pk)
    if created:
        ensure_default_questionnaire(edition)
    return row


def _loaded(edition: Edition) -> RegistrationSettings | None:
    """The settings row loaded with `edition` (by `select_related`), if any; never a query."""
    related = Edition.registration_settings.related
    return related.get_cached_value(edition) if related.is_cached(edition) else None


def get_settings(edition: Edition) -> RegistrationSettings:
    """The edition's registration settings. Uses the row already loaded with the edition (by
    `select_related("edition__registration_settings")`) when there is one, else reads it (and
    does not keep it on `edition`: the next call reads it again)."""
    return _loaded(edition) or _get_or_create(edition)


def lock_settings(edition: Edition) -> RegistrationSettings:
    """The edition's settings row, locked for update (`SELECT ... FOR UPDATE`) until the end of
    the transaction. Call it inside `transaction.atomic()`: confirmations and promotions queue
    on this row for the edition's capacity."""
    locked = RegistrationSettings.objects.select_for_update()
    row = locked.filter(edition=edition).first()
    if row is None:
        _get_or_create(edition)
        row = locked.get(edition=edition)
    if _loaded(edition) is not None:  # keep the row loaded with `edition` up to date
        Edition.registration_settings.related.set_cached_value(edition, row)
    return row
