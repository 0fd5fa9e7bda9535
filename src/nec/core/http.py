"""Request helpers shared by every app: the client's address (rate limits) and the `next` pages
followed after a form."""

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme


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


#: longest `next` address we follow (a longer one is not one of our pages)
MAX_NEXT_LENGTH = 2000


def safe_next_path(value: str | None) -> str:
    """`value` if it is a path of this site ("/…"), else "". Only local paths are followed after
    a sign-in or a form: no other host, no scheme, no view name, nothing overlong."""
    if not value or len(value) > MAX_NEXT_LENGTH or not value.startswith("/"):
        return ""
    if value.startswith(("//", "/\\")) or any(ord(char) < 32 for char in value):
        return ""
    if not url_has_allowed_host_and_scheme(value, allowed_hosts=set()):
        return ""
    return value
