"""Accounts: creating people and signing them in by one-time e-mailed links."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from nec.accounts.models import LoginRequest, LoginToken
from nec.core import audit
from nec.core.http import safe_next_path
from nec.core.mail import send_templated_mail
from nec.core.models import AuditEntry

User = get_user_model()


class LinkError(Exception):
    """A sign-in link that cannot be used; `reason` is 'unknown', 'expired' or 'used'."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def normalise_email(email: str) -> str:
    return email.strip().lower()


def get_or_create_user(email: str, *, first_name: str = "", last_name: str = "", actor=None):
    """The account of this address, created if needed (no password). Returns (user, created)."""
    email = normalise_email(email)
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).first()
        if user:
            changed = []
            if first_name and not user.first_name:
                user.first_name = first_name
                changed.append("first_name")
            if last_name and not user.last_name:
                user.last_name = last_name
                changed.append("last_name")
            if changed:
                user.save(update_fields=changed)
            return user, False
        user = User.objects.create_user(email=email, first_name=first_name, last_name=last_name)
        audit.record(actor or None, "account.created", user)
        return user, True


def safe_next_url(next_url: str | None) -> str:
    """The page to open after signing in: a path of this site, else ""."""
    return safe_next_path(next_url)


def link_max_age_minutes(reason: str = "login") -> int:
    if reason == "membership":
        return settings.INVITATION_LINK_MAX_AGE_MINUTES
    return settings.MAGIC_LINK_MAX_AGE_MINUTES


def issue_login_link(user, *, next_url: str = "", max_age_minutes: int | None = None) -> str:
    """Create a one-time token for `user`; returns the absolute sign-in URL."""
    secret = secrets.token_urlsafe(32)
    minutes = max_age_minutes or settings.MAGIC_LINK_MAX_AGE_MINUTES
    LoginToken.objects.create(
        user=user,
        token_hash=_hash(secret),
        expires_at=timezone.now() + timedelta(minutes=minutes),
        next_url=safe_next_url(next_url),
    )
    return settings.BASE_URL + reverse("accounts:magic", kwargs={"token": secret})


def send_login_link(
    user,
    *,
    next_url: str = "",
    reason: str = "login",
    template: str = "accounts/email/login_link",
    context: dict | None = None,
) -> None:
    """E-mail `user` a one-time sign-in link. `reason` is "login" (they asked for it) or
    "membership" (a role was given to them: the link then lasts longer). An app may word the
    e-mail itself: `template` gets `user`, `url`, `minutes`, `reason` and its `context`."""
    minutes = link_max_age_minutes(reason)
    url = issue_login_link(user, next_url=next_url, max_age_minutes=minutes)
    send_templated_mail(
        template,
        {
            **(context or {}),
            "user": user,
            "url": url,
            "minutes": minutes,
            "reason": reason,
        },
        to=[user.email],
    )


def link_request_allowed(email: str, *, ip_address: str | None) -> bool:
    """Count a request that e-mails a link to `email` (signing in, confirming a proposal or a
    registration, an invitation) and say whether it is within the sign-in limits: per address
    and per client IP, per hour, every kind of link together. Over the limit, the caller sends
    nothing and shows the same neutral answer. `ip_address` None counts the address only."""
    email = normalise_email(email)
    since = timezone.now() - timedelta(hours=1)
    recent = LoginRequest.objects.filter(created_at__gte=since, email=email).count()
    recent_ip = (
        LoginRequest.objects.filter(created_at__gte=since, ip_address=ip_address).count()
        if ip_address
        else 0
    )
    LoginRequest.objects.create(email=email, ip_address=ip_address)
    return (
        recent < settings.MAGIC_LINK_RATE_PER_HOUR
        and recent_ip < settings.MAGIC_LINK_RATE_PER_IP_PER_HOUR
    )


def request_login_link(
    email: str,
    *,
    ip_address: str | None = None,
    next_url: str = "",
    template: str = "accounts/email/login_link",
    context: dict | None = None,
) -> bool:
    """Handle a sign-in request. Sends a link only to a known, active address and within the
    rate limit; the caller shows the same neutral message whatever happens. Returns whether a
    link was sent (for tests and logs only, never for the visitor). `template` and `context`:
    as for `send_login_link`."""
    email = normalise_email(email)
    if not link_request_allowed(email, ip_address=ip_address):
        return False
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        return False
    send_login_link(user, next_url=next_url, template=template, context=context)
    audit.record(user, "account.login_link_sent", user)
    return True


def consume_login_token(secret: str):
    """Mark the token used and return (user, next_url); raise LinkError if it cannot be used."""
    with transaction.atomic():
        token = (
            LoginToken.objects.select_for_update()
            .select_related("user")
            .filter(token_hash=_hash(secret))
            .first()
        )
        if token is None or not token.user.is_active:
            raise LinkError("unknown")
        if token.used_at is not None:
            raise LinkError("used")
        if token.expires_at <= timezone.now():
            raise LinkError("expired")
        token.used_at = timezone.now()
        token.save(update_fields=["used_at"])
        audit.record(token.user, "account.signed_in", token.user)
        return token.user, token.next_url


def password_attempts_exceeded(email: str, ip_address: str | None) -> bool:
    """True when too many password sign-ins failed lately for this address from this client, or
    from this client whatever the address. Never for an address alone: that would let anybody
    lock its owner out."""
    since = timezone.now() - timedelta(minutes=settings.PASSWORD_FAILURE_WINDOW_MINUTES)
    failures = AuditEntry.objects.filter(
        action="account.password_failed", created_at__gte=since, details__ip=ip_address
    )
    if failures.count() >= settings.PASSWORD_FAILURES_PER_IP:
        return True
    return (
        failures.filter(details__email=normalise_email(email)).count()
        >= settings.PASSWORD_FAILURES_PER_ADDRESS
    )


def record_password_failure(email: str, ip_address: str | None) -> None:
    audit.record(None, "account.password_failed", email=normalise_email(email), ip=ip_address)
