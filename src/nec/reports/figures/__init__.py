"""Every figure of an edition's report ("bilan"), computed by aggregation in the database.

`compute(edition)` returns the sections of the report; each figure carries its value, its base
(n), a note saying how it is computed, and, when the data is missing, what is missing instead of
a misleading 0 %. The parts: `headline` (headline figures and data sources), `audiences`,
`programme` (programme and attendance), `satisfaction` (the survey), `communication` (typed-in
and mailing figures) and `comparison` (earlier editions)."""

from nec.reports.figures.base import Chart, Figure, Section
from nec.reports.figures.compute import compute

__all__ = ["Chart", "Figure", "Section", "compute"]
