"""Organisers' personal API tokens: created (shown once, only a hash kept), looked up, revoked.
Every change is audited."""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nec.api.models import ApiToken
from nec.core import audit
from nec.editions.models import Edition
from nec.editions.permissions import can

TOKEN_PREFIX = "nec_"
MAX_ACTIVE_TOKENS = 5


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def active_token(token: str) -> ApiToken | None:
    """The active token `token` is, with its user and edition, else None."""
    if not token or len(token) > 200:
        return None
    return (
        ApiToken.objects.select_related("user", "edition")
        .filter(token_hash=hash_token(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def mark_used(token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())


def create_token(*, actor, edition: Edition, name: str) -> tuple[ApiToken, str]:
    """A new token of `actor` on `edition`; returns it with its clear text (shown only once)."""
    if not can(actor, "api.tokens", edition):
        raise PermissionDenied
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Donnez un nom au jeton (l'outil qui l'utilise).")})
    active = ApiToken.objects.filter(user=actor, edition=edition, revoked_at__isnull=True)
    if active.count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("Vous avez déjà %(max)d jetons actifs : révoquez-en un d'abord.")
            % {"max": MAX_ACTIVE_TOKENS}
        )
    clear = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor,
            edition=edition,
            name=name[:100],
            token_hash=hash_token(clear),
            prefix=clear[: len(TOKEN_PREFIX) + 4],
        )
        audit.record(actor, "api.token_create", token, edition=edition, name=token.name)
    return token, clear


def revoke_token(token: ApiToken, *, actor) -> None:
    if token.revoked_at is not None:
        return
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(actor, "api.token_revoke", token, edition=token.edition)
