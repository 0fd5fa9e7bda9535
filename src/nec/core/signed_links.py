"""Signed links e-mailed to an address: the one mechanism proving that whoever acts reads that
address's mail (confirming a registration, a proposal, a new registration over a cancelled one,
an invitation to speak).

A token is signed with Django's `signing` (the SECRET_KEY, one salt per use, a maximum age): it
can be neither forged nor altered. Two ways to use it:

- stateless: the token carries a few ids (`make_token`, `read_token`), for a link confirming
  something already stored (a pending registration, a speaker's place in a session);
- pending actions: what an anonymous visitor asks for on behalf of an address is stored aside in
  a `PendingAction` (`create_pending`) and changes nothing else; it is applied once, when the
  link is used (`take_pending`, inside the transaction applying it). Old ones are deleted."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from nec.core.models import PendingAction

#: pending actions older than this are deleted (longer than any link stays valid)
PENDING_RETENTION = timedelta(days=30)


class LinkError(Exception):
    """A link that cannot be used; `reason` is 'invalid' (altered or cut), 'expired', 'unknown'
    (what it points to is gone), 'used', or a reason of the app (e.g. 'cancelled')."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def make_token(payload: dict, *, salt: str) -> str:
    return signing.dumps(payload, salt=salt, compress=True)


def read_token(token: str, *, salt: str, max_age: timedelta) -> dict:
    """The payload of a token signed with `salt` less than `max_age` ago; LinkError otherwise."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkError("expired") from error
    except signing.BadSignature as error:
        raise LinkError("invalid") from error
    if not isinstance(data, dict):
        raise LinkError("invalid")
    return data


def link_url(url_name: str, token: str) -> str:
    """The absolute address of the view `url_name` taking `token`, for an e-mail."""
    return settings.BASE_URL + reverse(url_name, kwargs={"token": token})


# ---------------------------------------------------------------------------------------------
# Pending actions


def _salt(kind: str) -> str:
    return f"nec.pending.{kind}"


def create_pending(kind: str, email: str, payload: dict) -> str:
    """Store what was asked for `email` (nothing else changes); returns the token of its link."""
    PendingAction.objects.filter(created_at__lt=timezone.now() - PENDING_RETENTION).delete()
    pending = PendingAction.objects.create(kind=kind, email=email, payload=payload)
    return make_token({"p": pending.pk, "e": email}, salt=_salt(kind))


def _find(token: str, *, kind: str, max_age: timedelta, lock: bool) -> PendingAction:
    data = read_token(token, salt=_salt(kind), max_age=max_age)
    rows = PendingAction.objects.select_for_update() if lock else PendingAction.objects
    pending = rows.filter(pk=data.get("p"), kind=kind, email=data.get("e")).first()
    if pending is None:
        raise LinkError("unknown")
    if pending.used_at is not None:
        raise LinkError("used")
    return pending


def open_pending(token: str, *, kind: str, max_age: timedelta) -> PendingAction:
    """The pending action of a link, to show what it will do (nothing is applied)."""
    return _find(token, kind=kind, max_age=max_age, lock=False)


def take_pending(token: str, *, kind: str, max_age: timedelta) -> PendingAction:
    """Lock the pending action of a link and mark it used. Call it inside the transaction that
    applies the action, so that the action is applied once or not at all."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_pending() must run inside transaction.atomic()")
    pending = _find(token, kind=kind, max_age=max_age, lock=True)
    pending.used_at = timezone.now()
    pending.save(update_fields=["used_at"])
    return pending
