"""Request helpers shared by every app (the client's address for rate limits)."""

from django.conf import settings


def client_ip(request) -> str | None:
    """The visitor's address. Behind a reverse proxy (TRUST_X_FORWARDED_FOR), the address the
    proxy appended last to X-Forwarded-For; otherwise the socket's address."""
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR") or None
