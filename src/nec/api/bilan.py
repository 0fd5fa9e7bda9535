"""The published figures of an edition's bilan, shown by the API next to its history figures:
every computed figure that has a value (the team's correction when there is one, flagged) and
the figures the team typed with their source. Nothing before the bilan is published.

Computing a national bilan takes up to a second: the answer is kept in the process for five
minutes, keyed by the report's last change and the active language."""

from __future__ import annotations

import time
from decimal import Decimal, InvalidOperation

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language

from nec.editions.models import Edition
from nec.reports.figures import compute
from nec.reports.models import Report

CACHE_SECONDS = 300
_CACHE: dict[tuple, tuple[float, list[dict]]] = {}


def _number(text: str) -> float | None:
    """A corrected value as typed by the team ("2 050", "47,3"), or None when it is no number."""
    cleaned = text.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", ".")
    try:
        return float(Decimal(cleaned.rstrip("%")))
    except InvalidOperation:
        return None


def published_figures(edition: Edition) -> list[dict]:
    """The edition's published bilan figures in the API's `FigureOut` shape."""
    try:
        report = edition.report  # read with the edition by the API's queries
    except Report.DoesNotExist:
        return []
    if report.published_at is None:
        return []
    key = (report.pk, report.updated_at, report.published_at, get_language())
    now = time.monotonic()
    found = _CACHE.get(key)
    if found is None or found[0] <= now:
        found = (now + CACHE_SECONDS, _figures(edition, report))
        if len(_CACHE) > 32:
            _CACHE.clear()
        _CACHE[key] = found
    return found[1]


def _figures(edition: Edition, report: Report) -> list[dict]:
    source = {
        "key": f"bilan-{edition.slug}",
        "title": f"Bilan de {edition.title}, publié le "
        + date_format(report.published_at.date(), "j F Y")
        + " — "
        + reverse("reports:public", args=[edition.slug]),
    }
    rows = []
    for figure in compute(edition, report).figures().values():
        value, qualifier, note = figure.value, "", ""
        if figure.override:
            value = _number(str(figure.override["value"]))
            qualifier, note = "corrigé par l'équipe", figure.override["reason"]
        if value is None:
            continue
        rows.append(
            {
                "key": figure.key,
                "label": figure.label,
                "value": float(value),
                "unit": figure.unit,
                "qualifier": qualifier,
                "note": note,
                "quote": figure.how,
                "source": source,
            }
        )
    for typed in report.typed_figures.all():
        rows.append(
            {
                "key": f"saisi-{typed.pk}",
                "label": typed.label,
                "value": float(typed.value),
                "unit": typed.unit,
                "qualifier": "saisi par l'équipe",
                "note": "",
                "quote": typed.source,
                "source": source,
            }
        )
    return rows
