from django.conf import settings


def site(request):
    return {"BASE_URL": settings.BASE_URL, "SITE_NAME": "Numérique en Commun[s]"}


def current_edition(request):
    from nec.editions.selectors import current_national_edition

    return {"current_edition": current_national_edition()}
