"""Assemble the report: every section of an edition's bilan (lighter for a local edition), with
the team's overrides applied (shown as such)."""

from __future__ import annotations

from dataclasses import dataclass, field

from nec.editions.models import Edition
from nec.reports.figures.audiences import audiences
from nec.reports.figures.base import Chart, Figure, Section
from nec.reports.figures.communication import communication, comparison
from nec.reports.figures.headline import headline, registration_totals, sources
from nec.reports.figures.programme import attendance, programme
from nec.reports.figures.satisfaction import satisfaction
from nec.reports.models import Report

#: computed figures put beside the history's (history key -> figure key of this report)
COMPARED = {
    "registered": "registered",
    "attendees": "present",
    "speakers": "speakers",
    "sessions": "sessions",
    "partners": "partners",
    "first_timers_pct": "first_timers",
}


@dataclass
class ReportData:
    edition: Edition
    light: bool
    sections: list[Section] = field(default_factory=list)

    def figures(self) -> dict[str, Figure]:
        return {f.key: f for s in self.sections for f in s.figures}

    def charts(self) -> dict[str, Chart]:
        return {c.key: c for s in self.sections for c in s.charts}


def compute(edition: Edition, report: Report | None = None) -> ReportData:
    light = edition.kind == Edition.Kind.LOCAL
    if report is None:
        report = Report.objects.filter(edition=edition).first()
    totals = registration_totals(edition)
    data = ReportData(edition, light)
    data.sections = [
        headline(edition, totals, light),
        sources(edition, totals),
        audiences(edition, light),
        programme(edition, light),
        attendance(edition, totals, light),
        satisfaction(edition, light),
    ]
    if not light:
        data.sections.append(communication(edition, report))
    overrides = {o.key: o for o in report.overrides.all()} if report else {}
    figures = data.figures()
    for key, override in overrides.items():
        if key in figures:
            figures[key].override = {"value": override.value, "reason": override.reason}
    if not light:
        computed = {k: figures[v].value if v in figures else None for k, v in COMPARED.items()}
        data.sections.append(comparison(edition, computed))
    return data
