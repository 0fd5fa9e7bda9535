"""Template context every page gets from the core: the site's address and name."""

from django.conf import settings


def site(request):
    return {"BASE_URL": settings.BASE_URL, "SITE_NAME": "Numérique en Commun[s]"}
