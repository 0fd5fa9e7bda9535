"""The site-wide public pages: home (aggregating every app), charter, legal pages."""

from django.shortcuts import render

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
    return render(request, "site/home.html", context)


def charter(request):
    return render(
        request,
        "site/charter.html",
        {"charter": nec_history.charter(), "support": nec_history.support()},
    )


def legal_notice(request):
    return render(request, "site/legal.html")


def accessibility(request):
    return render(request, "site/accessibility.html")


def privacy(request):
    return render(request, "site/privacy.html")
