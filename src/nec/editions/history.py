"""The real history of Numérique en Commun[s], loaded from `data/history.json`.

`history.json` was extracted by hand from the source documents (reports 2022 and 2025, the local
NEC guide, the 2022 interview, the English presentation). Every figure carries its source and the
quote it comes from; nothing here is invented. `load_history()` writes it into the database and is
idempotent: rows are looked up by stable keys (source key, edition slug, figure key + source,
organisation slug) and only created when missing, so a second run adds nothing and never overwrites
what the national team edited since.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from nec.editions.models import Edition, EditionFigure, Organisation, Partnership, Source

DATA_FILE = Path(__file__).resolve().parent / "data" / "history.json"

#: the same organisation written differently in two documents -> one slug
SLUG_ALIASES = {"mednum": "la-mednum"}

#: local editions documented with figures in the guide (others have no figures: not loaded)
LOCAL_EXAMPLES_LOADED = {"Metz"}
LOCAL_REGIONS = {"Metz": ("44", "57")}


@cache
def history_data() -> dict[str, Any]:
    """The parsed history file (cached: it never changes while the process runs)."""
    with DATA_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)


def national_slug(year: int, city: str) -> str:
    return f"nec-{year}-{slugify(city)}"


def local_slug(year: int, city: str) -> str:
    return f"nec-local-{year}-{slugify(city)}"


def organisation_slug(name: str) -> str:
    slug = slugify(name)[:120]
    return SLUG_ALIASES.get(slug, slug)


def figure_annotations() -> dict[tuple[str, str, str], dict[str, str]]:
    """Qualifiers ("plus de"), notes and display texts of figures, by (edition slug, key, source).

    The model stores the value, label, unit, source and quote; these few editorial details stay in
    the data file and are looked up when a figure is shown."""
    return _annotations()


@cache
def _annotations() -> dict[tuple[str, str, str], dict[str, str]]:
    data = history_data()
    result: dict[tuple[str, str, str], dict[str, str]] = {}
    rows = [(national_slug(e["year"], e["city"]), e["figures"]) for e in data["editions"]]
    rows += [
        (local_slug(e["year"], e["city"]), e["figures"]) for e in data["local_editions"]["examples"]
    ]
    for slug, figures in rows:
        for figure in figures:
            extra = {k: figure[k] for k in ("qualifier", "note", "display") if figure.get(k)}
            if extra:
                result[(slug, figure["key"], figure["source"])] = extra
    return result


def _status(year: int, start: date | None, end: date | None, today: date) -> str:
    last_day = end or start
    if (last_day and last_day < today) or (not last_day and year < today.year):
        return Edition.Status.ARCHIVED
    return Edition.Status.PUBLISHED if start else Edition.Status.DRAFT


def _parse_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _load_figures(edition: Edition, figures: list[dict], sources: dict[str, Source]) -> int:
    created = 0
    for figure in figures:
        _, was_created = EditionFigure.objects.get_or_create(
            edition=edition,
            key=figure["key"],
            source=sources[figure["source"]],
            defaults={
                "label": figure["label"],
                "value": Decimal(str(figure["value"])),
                "unit": figure.get("unit", ""),
                "quote": figure.get("quote", ""),
            },
        )
        created += was_created
    return created


def _load_partners(
    edition: Edition, partners: list[dict], sources: dict[str, Source]
) -> tuple[int, int]:
    organisations = partnerships = 0
    for partner in partners:
        organisation, org_created = Organisation.objects.get_or_create(
            slug=organisation_slug(partner["name"]),
            defaults={"name": partner["name"], "kind": partner.get("kind", "autre")},
        )
        _, ship_created = Partnership.objects.get_or_create(
            edition=edition,
            organisation=organisation,
            defaults={"role": partner["role"], "source": sources[partner["source"]]},
        )
        organisations += org_created
        partnerships += ship_created
    return organisations, partnerships


@transaction.atomic
def load_history(today: date | None = None) -> dict[str, Any]:
    """Load sources, national editions 2018–2025 with their figures, the Metz 2023 local edition,
    and the partners of 2022 and 2025. Returns the counts created and the editions by year."""
    today = today or date.today()
    data = history_data()
    counts = {"sources": 0, "editions": 0, "figures": 0, "organisations": 0, "partnerships": 0}

    sources: dict[str, Source] = {}
    for key, spec in data["sources"].items():
        source, created = Source.objects.get_or_create(
            key=key,
            defaults={"title": spec["title"], "kind": spec.get("kind", ""), "file": spec["file"]},
        )
        sources[key] = source
        counts["sources"] += created

    editions: dict[int, Edition] = {}
    for spec in data["editions"]:
        start, end = _parse_date(spec["start_date"]), _parse_date(spec["end_date"])
        edition, created = Edition.objects.get_or_create(
            slug=national_slug(spec["year"], spec["city"]),
            defaults={
                "kind": Edition.Kind.NATIONAL,
                "year": spec["year"],
                "number": spec.get("number"),
                "title": spec["title"],
                "city": spec["city"],
                "venue": spec.get("venue") or "",
                "online": bool(spec.get("online")),
                "region_code": spec.get("region_code") or "",
                "departement_code": spec.get("departement_code") or "",
                "start_date": start,
                "end_date": end,
                "status": _status(spec["year"], start, end, today),
                "description": spec.get("description", ""),
                "description_source": sources.get(spec.get("description_source")),
            },
        )
        if created:
            edition.full_clean()
        counts["editions"] += created
        counts["figures"] += _load_figures(edition, spec["figures"], sources)
        editions[spec["year"]] = edition

    locals_: list[Edition] = []
    for spec in data["local_editions"]["examples"]:
        if spec["city"] not in LOCAL_EXAMPLES_LOADED:
            continue
        region, departement = LOCAL_REGIONS.get(spec["city"], ("", ""))
        edition, created = Edition.objects.get_or_create(
            slug=local_slug(spec["year"], spec["city"]),
            defaults={
                "kind": Edition.Kind.LOCAL,
                "year": spec["year"],
                "title": f"NEC local {spec['city']} {spec['year']}",
                "city": spec["city"],
                "venue": spec.get("venue") or "",
                "region_code": region,
                "departement_code": departement,
                "status": _status(spec["year"], None, None, today),
                "description": spec.get("description", ""),
                "description_source": sources[spec["source"]],
            },
        )
        counts["editions"] += created
        counts["figures"] += _load_figures(edition, spec["figures"], sources)
        if spec.get("organiser"):
            orga_created, ship_created = _load_partners(
                edition,
                [
                    {
                        "name": spec["organiser"],
                        "role": Partnership.Role.PORTEUR,
                        "kind": Organisation.Kind.COLLECTIVITE,
                        "source": spec["source"],
                    }
                ],
                sources,
            )
            counts["organisations"] += orga_created
            counts["partnerships"] += ship_created
        locals_.append(edition)

    # 2022 first so that an organisation named in both keeps its 2022 spelling ("La MedNum").
    for year, key in ((2022, "partners_2022"), (2025, "partners_2025")):
        orga_created, ship_created = _load_partners(editions[year], data[key], sources)
        counts["organisations"] += orga_created
        counts["partnerships"] += ship_created

    return {"created": counts, "editions": editions, "local_editions": locals_}


def charter() -> dict[str, Any]:
    return history_data()["charter"]


def local_editions_summary() -> dict[str, Any]:
    """The published count of local editions, with its source (a Source row when loaded)."""
    data = history_data()["local_editions"]
    return {
        "count": data["count"],
        "since_text": data["since_text"],
        "since_date": date(data["since"], 1, 1),
        "quote": data["quote"],
        "source": Source.objects.filter(key=data["source"]).first(),
    }


def support() -> dict[str, Any]:
    return history_data()["support"]


# ---------------------------------------------------------------------------------------------
# Presentation of the history: the same figures side by side across years.

#: figures compared across national editions, in table order, with a translatable label
COMPARED_FIGURES = [
    ("registered", _("Personnes inscrites")),
    ("attendees", _("Participant·es")),
    ("speakers", _("Intervenant·es")),
    ("contributors", _("Contributeur·ices")),
    ("online_course_participants", _("Participant·es aux parcours en ligne")),
    ("stream_viewers", _("Personnes ayant suivi les directs")),
    ("sessions", _("Formats organisés")),
    ("days", _("Jours d'événement")),
    ("partners", _("Partenaires")),
    ("staff", _("Personnes à l'organisation")),
    ("first_timers_pct", _("Primo-participant·es (%)")),
]

#: the three series drawn as small bar charts (one chart per figure, years as rows)
CHARTED_FIGURES = ["attendees", "speakers", "stream_viewers"]

CHART_WIDTH = 280  # SVG user units; the chart scales to its box
CHART_LABEL_WIDTH = 48
CHART_ROW = 26
CHART_VALUE_ROOM = 56


def comparison(editions) -> dict[str, Any]:
    """Rows of compared figures across `editions` (oldest first), with numbered sources.

    A cell is None when the documents give no such figure for that year: the page shows "—",
    never a zero."""
    editions = sorted(editions, key=lambda e: e.year)
    notes = figure_annotations()
    by_edition: dict[int, dict[str, EditionFigure]] = {e.pk: {} for e in editions}
    figures = EditionFigure.objects.filter(
        edition__in=editions, key__in=[key for key, _label in COMPARED_FIGURES]
    ).select_related("source")
    for figure in figures.order_by("source__key"):
        by_edition[figure.edition_id].setdefault(figure.key, figure)

    source_numbers: dict[int, int] = {}
    sources: list[Source] = []
    rows = []
    for key, label in COMPARED_FIGURES:
        cells = []
        for edition in editions:
            figure = by_edition[edition.pk].get(key)
            if figure and figure.source_id not in source_numbers:
                sources.append(figure.source)
                source_numbers[figure.source_id] = len(sources)
            cells.append(_cell(edition, figure, source_numbers, notes))
        if any(cells):
            rows.append({"key": key, "label": label, "cells": cells})
    return {"editions": editions, "rows": rows, "sources": sources}


def _cell(edition, figure, source_numbers, notes) -> dict[str, Any] | None:
    if figure is None:
        return None
    extra = notes.get((edition.slug, figure.key, figure.source.key), {})
    return {
        "figure": figure,
        "value": figure.value,
        "qualifier": extra.get("qualifier", ""),
        "note": extra.get("note", ""),
        "source_number": source_numbers[figure.source_id],
    }


def charts(table: dict[str, Any]) -> list[dict[str, Any]]:
    """Geometry of the small bar charts drawn from the comparison table (one per figure)."""
    result = []
    rows = {row["key"]: row for row in table["rows"]}
    for key in CHARTED_FIGURES:
        row = rows.get(key)
        if row is None:
            continue
        values = [cell["value"] for cell in row["cells"] if cell]
        top = max(values)
        room = CHART_WIDTH - CHART_LABEL_WIDTH - CHART_VALUE_ROOM
        bars = []
        for index, (edition, cell) in enumerate(zip(table["editions"], row["cells"], strict=True)):
            y = 8 + index * CHART_ROW
            bar = {"year": edition.year, "y": y, "text_y": y + 14, "cell": cell}
            if cell:
                bar["width"] = max(2, round(float(cell["value"] / top) * room))
                bar["text_x"] = CHART_LABEL_WIDTH + bar["width"] + 6
            bars.append(bar)
        result.append(
            {
                "key": key,
                "label": row["label"],
                "bars": bars,
                "height": 16 + len(bars) * CHART_ROW,
                "width": CHART_WIDTH,
                "label_width": CHART_LABEL_WIDTH,
                "bar_height": 18,
                "given": len(values),
                "missing": [b["year"] for b in bars if not b["cell"]],
            }
        )
    return result
