"""What every API response goes through, around django-ninja's views: a rate limit per client
(Django's cache), CORS open for reading, HEAD answered like GET, and `ETag`/`Last-Modified` with
conditional GETs answered 304."""

from __future__ import annotations

import hashlib
import json
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.urls import URLPattern, URLResolver, path
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _

from nec.core.http import client_ip

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Authorization, If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After, X-RateLimit-Limit",
    "Access-Control-Max-Age": "86400",
}


def rate_per_minute() -> int:
    return int(getattr(settings, "NEC_API_RATE_PER_MINUTE", 120))


def over_the_limit(request) -> int:
    """Seconds to wait when this client made too many requests in the current minute, else 0."""
    window = int(time.time() // 60)
    key = f"nec-api-rate:{client_ip(request) or 'unknown'}:{window}"
    cache.add(key, 0, timeout=70)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=70)
        count = 1
    if count > rate_per_minute():
        return max(1, 60 - int(time.time()) % 60)
    return 0


def _too_many(wait: int) -> JsonResponse:
    response = JsonResponse(
        {
            "detail": _(
                "Trop de requêtes : %(limit)d par minute au plus pour un même client. "
                "Réessayez dans %(wait)d s."
            )
            % {"limit": rate_per_minute(), "wait": wait}
        },
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


#: {key: (expiry, JSON bytes)}: answers that only change with their key, kept in the process
_ANSWERS: dict[str, tuple[float, bytes]] = {}
_ANSWERS_MAX = 64


def cached_json(key: str, build, seconds: int = 300) -> HttpResponse:
    """The JSON answer stored under `key` (which must change whenever the data does), built by
    `build()` (JSON-ready data) when missing: skips the queries and validation of a list that
    only changes at publication."""
    now = time.monotonic()
    found = _ANSWERS.get(key)
    if found is None or found[0] <= now:
        if len(_ANSWERS) >= _ANSWERS_MAX:
            _ANSWERS.clear()
        found = (now + seconds, json.dumps(build(), ensure_ascii=False).encode())
        _ANSWERS[key] = found
    return HttpResponse(found[1], content_type="application/json; charset=utf-8")


def set_last_modified(request, moment) -> None:
    """An operation tells when its data last changed (sent as `Last-Modified`)."""
    if moment is not None:
        request.nec_last_modified = moment


def api_view(view):
    """Wrap one django-ninja view (see the module's docstring)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
        else:
            wait = over_the_limit(request)
            head = request.method == "HEAD"
            if head:
                request.method = "GET"
            response = _too_many(wait) if wait else view(request, *args, **kwargs)
            if response.status_code == 200 and request.method == "GET" and not response.streaming:
                response = _conditional(request, response)
            if head:
                request.method = "HEAD"
                response.content = b""
        for name, value in CORS_HEADERS.items():
            response[name] = value
        response["X-RateLimit-Limit"] = str(rate_per_minute())
        response.setdefault("Vary", "Authorization")
        return response

    wrapper.csrf_exempt = True
    return wrapper


def _conditional(request, response):
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    response["ETag"] = etag
    last_modified = getattr(request, "nec_last_modified", None)
    timestamp = int(last_modified.timestamp()) if last_modified else None
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    response.setdefault("Cache-Control", "public, max-age=60")
    if "Authorization" in request.headers:
        response["Cache-Control"] = "private, no-store"
    return get_conditional_response(request, etag=etag, last_modified=timestamp, response=response)


def wrap_patterns(patterns) -> list:
    """The URL patterns of a NinjaAPI with every view wrapped by `api_view`."""
    wrapped = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            wrapped.extend(wrap_patterns(entry.url_patterns))
        elif isinstance(entry, URLPattern):
            wrapped.append(path(str(entry.pattern), api_view(entry.callback), name=entry.name))
    return wrapped
