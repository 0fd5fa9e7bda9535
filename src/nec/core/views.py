from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.templatetags.static import static

from nec.core.urls_utils import edition_url
from nec.editions import history as nec_history
from nec.editions.models import Edition, EditionFigure
from nec.editions.selectors import current_national_edition

#: big numbers of the home page, taken from the latest national edition that publishes them
HOME_FIGURE_KEYS = ["attendees", "speakers", "sessions", "partners"]


def _latest_figures() -> tuple[Edition | None, list[EditionFigure]]:
    figures = (
        EditionFigure.objects.filter(
            key__in=HOME_FIGURE_KEYS,
            edition__kind=Edition.Kind.NATIONAL,
        )
        .exclude(edition__status=Edition.Status.DRAFT)
        .select_related("edition", "source")
        .order_by("-edition__year")
    )
    first = figures.first()
    if first is None:
        return None, []
    chosen = {}
    for figure in figures.filter(edition=first.edition):
        chosen.setdefault(figure.key, figure)
    return first.edition, [chosen[key] for key in HOME_FIGURE_KEYS if key in chosen]


def home(request):
    edition = current_national_edition()
    latest = None
    if edition is None:
        latest = (
            Edition.objects.filter(kind=Edition.Kind.NATIONAL, status=Edition.Status.ARCHIVED)
            .order_by("-year")
            .first()
        )
    figures_edition, figures = _latest_figures()
    figures_sources = list(dict.fromkeys(figure.source for figure in figures))
    context = {
        "edition": edition,
        "latest_edition": latest,
        "figures_edition": figures_edition,
        "figures": figures,
        "figures_sources": figures_sources,
        "local_summary": nec_history.local_editions_summary(),
        "commitments": nec_history.charter()["commitments"],
        "programme_url": edition_url("programme:programme", edition) if edition else None,
        "register_url": edition_url("registrations:register", edition) if edition else None,
    }
    return render(request, "core/home.html", context)


def charter(request):
    return render(
        request,
        "core/charter.html",
        {"charter": nec_history.charter(), "support": nec_history.support()},
    )


def legal_notice(request):
    return render(request, "core/legal.html")


def accessibility(request):
    return render(request, "core/accessibility.html")


def privacy(request):
    return render(request, "core/privacy.html")


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
