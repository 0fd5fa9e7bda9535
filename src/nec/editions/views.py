"""Public pages of editions: the history of national editions, an edition's page, partners."""

import re

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nec.editions import edition_links
from nec.editions import history as nec_history
from nec.editions.models import Edition, Partnership
from nec.editions.regions import REGIONS
from nec.editions.selectors import public_editions

#: partner roles as group headings, in display order
ROLE_HEADINGS = [
    (Partnership.Role.PORTEUR, _("Porteurs")),
    (Partnership.Role.SOUTIEN, _("Soutiens")),
    (Partnership.Role.COOPERATEUR, _("Coopérateurs et contributeurs")),
]

#: figures put forward as big numbers on an edition page, in this order
HEADLINE_KEYS = ["attendees", "registered", "speakers", "sessions", "days", "partners"]


def group_partners(partnerships) -> list[dict]:
    """Partnerships grouped by role (porteurs, soutiens, coopérateurs), empty groups left out."""
    groups = []
    for role, heading in ROLE_HEADINGS:
        members = sorted(
            (p for p in partnerships if p.role == role), key=lambda p: p.organisation.name.lower()
        )
        if members:
            groups.append({"role": role, "heading": heading, "partnerships": members})
    return groups


def history(request):
    editions = list(public_editions().filter(kind=Edition.Kind.NATIONAL))
    # the figures compare editions that took place: an upcoming one has none yet
    today = timezone.localdate()
    held = [e for e in editions if e.start_date is None or e.start_date <= today]
    table = nec_history.comparison(held)
    locals_ = public_editions().filter(kind=Edition.Kind.LOCAL).order_by("-year", "city")
    return render(
        request,
        "editions/history.html",
        {
            "table": table,
            "charts": nec_history.charts(table),
            "editions_desc": sorted(editions, key=lambda e: e.year, reverse=True),
            "local_editions": locals_,
            "local_summary": nec_history.local_editions_summary(),
        },
    )


def detail(request, slug):
    edition = get_object_or_404(public_editions().select_related("description_source"), slug=slug)
    order = {key: n for n, key in enumerate(nec_history.history_data()["figure_keys"])}
    notes = nec_history.figure_annotations()
    source_langs = {
        key: spec.get("lang", "fr") for key, spec in nec_history.history_data()["sources"].items()
    }
    figures = sorted(
        edition.figures.select_related("source"),
        key=lambda f: (order.get(f.key, len(order)), f.key, f.source.key),
    )
    sources = []
    for figure in figures:
        if figure.source not in sources:
            sources.append(figure.source)
    if edition.description_source and edition.description_source not in sources:
        sources.append(edition.description_source)
    numbers = {source.pk: n for n, source in enumerate(sources, start=1)}
    rows = []
    for figure in figures:
        extra = notes.get((edition.slug, figure.key, figure.source.key), {})
        rows.append(
            {
                "figure": figure,
                "source_number": numbers[figure.source_id],
                "quote_lang": source_langs.get(figure.source.key, "fr"),
                "quote": _plain(figure.quote),
                **extra,
            }
        )
    headline = []
    for key in HEADLINE_KEYS:
        row = next((r for r in rows if r["figure"].key == key), None)
        if row:
            headline.append(row)
    partnerships = edition.partnerships.select_related("organisation", "source")
    return render(
        request,
        "editions/detail.html",
        {
            "edition": edition,
            "region": REGIONS.get(edition.region_code, ""),
            "headline": headline,
            "figure_rows": rows,
            "sources": sources,
            "description_source_number": numbers.get(edition.description_source_id),
            "partner_groups": group_partners(list(partnerships)),
            "actions": edition_links.links_for(edition),
        },
    )


def partners(request):
    editions = (
        public_editions()
        .filter(partnerships__isnull=False)
        .distinct()
        .order_by("-year", "-kind", "title")  # national first within a year
    )
    partnerships = Partnership.objects.filter(edition__in=editions).select_related(
        "organisation", "edition"
    )
    by_edition: dict[int, list] = {}
    for partnership in partnerships:
        by_edition.setdefault(partnership.edition_id, []).append(partnership)
    blocks = [
        {
            "edition": edition,
            "count": len(by_edition.get(edition.pk, [])),
            "groups": group_partners(by_edition.get(edition.pk, [])),
        }
        for edition in editions
    ]
    return render(request, "editions/partners.html", {"blocks": blocks})


def _plain(text: str) -> str:
    """A quote from a source as plain text: the markdown marks of the extracted documents
    ("**300** intervenants") are never shown."""
    return re.sub(r"(\*\*|__|`)", "", text or "").lstrip("# ").strip()
