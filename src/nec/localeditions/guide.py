"""What the organisers' guide says, for the public page: the Metz 2023 example (its retro-planning
and results, read from the history data, `nec.editions.history`) and the guide's count of local
editions. Labels are translatable; every figure comes from the data with its source."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from nec.editions import history as nec_history

#: the model retro-planning's steps, by the months before the event the history data gives
TIMELINE_LABELS = {
    12: _("Établissement d'un budget prévisionnel"),
    10: _("Passage en conseil municipal pour valider la décision"),
}
#: the Metz steps at J−9, in the data's order
TIMELINE_J9_LABELS = [
    _("Dépôt de candidature pour un NEC local"),
    _("Première planification : choix de la date et du lieu"),
]
STEERING_LABEL = _("Comités de pilotage")

#: results put forward, in this order, with a translatable label
RESULT_LABELS = [
    ("attendees", _("personnes")),
    ("organisations", _("structures")),
    ("speakers", _("intervenant·es")),
    ("workshops", _("ateliers professionnels")),
    ("discovery_stands", _("stands découverte")),
]


def source_title(key: str) -> str:
    """The title of the source document `key` of the history data (always French)."""
    return nec_history.history_data()["sources"][key]["title"]


def local_count() -> dict[str, Any]:
    """The guide's count of local editions: {count, since_date, source} ("45 … depuis janvier
    2021"), the source named from the data even before the history is loaded."""
    summary = nec_history.local_editions_summary()
    data = nec_history.history_data()["local_editions"]
    return {
        "count": summary["count"],
        "since_date": summary["since_date"],
        "source": source_title(data["source"]),
    }


def metz_example() -> dict[str, Any] | None:
    """The Metz 2023 example as {city, year, source, steps, results}; None if the data lacks it.

    `steps` are {months, label, months_list} in the guide's order; the steering committees keep
    their several dates in `months_list` (5, 3 and 1 months before)."""
    data = nec_history.history_data()["local_editions"]
    spec = next((e for e in data["examples"] if e["city"] == "Metz"), None)
    if spec is None:
        return None
    steps = []
    j9 = iter(TIMELINE_J9_LABELS)
    for step in spec.get("timeline", []):
        months = step["months_before"]
        if isinstance(months, list):
            steps.append({"months_list": sorted(months, reverse=True), "label": STEERING_LABEL})
        elif months in TIMELINE_LABELS:
            steps.append({"months": months, "label": TIMELINE_LABELS[months]})
        else:
            steps.append({"months": months, "label": next(j9, step["label"])})
    figures = {figure["key"]: figure for figure in spec.get("figures", [])}
    results = [
        {"value": figures[key]["value"], "label": label}
        for key, label in RESULT_LABELS
        if key in figures
    ]
    return {
        "city": spec["city"],
        "year": spec["year"],
        "source": source_title(spec["source"]),
        "steps": steps,
        "results": results,
    }
