"""The local edition's bilan feeds its documentation sheet (issue: "lighter, which feeds their
documentation sheet"): attendance from check-in and the bilan's key figures as a starting text,
registered with `nec.resources.documentation_sources`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from nec.editions.models import Edition
from nec.reports.figures import compute

#: the bilan's figures worth a line in the sheet, in this order
KEYS = ("registered", "present", "first_timers", "public_sector", "liked", "objectives_met")


def sheet_initial(edition: Edition) -> dict[str, Any]:
    if edition.kind != Edition.Kind.LOCAL:
        return {}
    figures = compute(edition).figures()
    present = figures.get("present")
    registered = figures.get("registered")
    attendance = next((f.value for f in (present, registered) if f is not None and f.value), None)
    lines = [
        _("- %(label)s : %(value)s") % {"label": figures[key].label, "value": figures[key].display}
        for key in KEYS
        if key in figures and not figures[key].is_missing
    ]
    body = ""
    if lines:
        body = "\n".join([_("Chiffres calculés par la plateforme (bilan de l'édition) :"), *lines])
    return {"attendance": int(attendance) if attendance else None, "body": body}
