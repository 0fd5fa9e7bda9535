"""Middleware of every response: Content-Security-Policy and French as the default language."""

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Adds our strict Content-Security-Policy (same origin only) to every HTML response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response


class FrenchByDefaultMiddleware:
    """The site speaks French unless the visitor picks English with the language switch.

    Django would otherwise follow the browser's Accept-Language; we drop that header so only the
    explicit choice (the language cookie) changes the interface language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
