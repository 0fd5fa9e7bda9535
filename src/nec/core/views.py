"""Site-wide handlers every page relies on: the favicon redirect and the error pages."""

from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.templatetags.static import static


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the SVG icon."""
    return redirect(static("nec/favicon.svg"), permanent=True)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


FALLBACK_500 = (
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Erreur du serveur</title>'
    '</head><body><main id="contenu">'
    "<h1>Erreur du serveur</h1><p>Une erreur inattendue s'est produite. Réessayez dans quelques "
    'minutes.</p><p><a href="/">Revenir à l\'accueil</a></p></main></body></html>'
)


def server_error(request):
    try:
        return render(request, "500.html", status=500)
    except Exception:  # the cause of the error (e.g. the database) may break the page itself
        return HttpResponseServerError(FALLBACK_500)
