"""The communication kit of a local edition in the espace organisation: the personalised logo
(shown, and downloaded as SVG or PNG), the charter and the organiser's commitments, and
ready-to-paste announcement texts."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from nec.editions import history as nec_history
from nec.editions.scoping import edition_view
from nec.localeditions import kit
from nec.localeditions.followup_views import FOLLOW, local_edition
from nec.localeditions.services.agreement import COMMITMENTS


@edition_view(FOLLOW)
@require_safe
def kit_page(request):
    edition = local_edition(request)
    return render(
        request,
        "localeditions/kit.html",
        {
            "edition": edition,
            "logo_date": kit.french_date(edition),
            "logo_city": kit.city_line(edition),
            "charter": nec_history.charter(),
            "organiser_commitments": COMMITMENTS,
            "texts": kit.announcement_texts(edition),
            "registration_url": kit.registration_url(edition),
        },
    )


def _download(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@edition_view(FOLLOW)
@require_safe
def logo_svg(request):
    edition = local_edition(request)
    return _download(
        kit.logo_svg(edition), "image/svg+xml; charset=utf-8", kit.logo_filename(edition, "svg")
    )


@edition_view(FOLLOW)
@require_safe
def logo_png(request):
    edition = local_edition(request)
    return _download(kit.logo_png(edition), "image/png", kit.logo_filename(edition, "png"))
