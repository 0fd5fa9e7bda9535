"""Counting answers in the database: how many people gave each value of a question.

The rows are grouped by their stored JSON value in SQL (one row per distinct value or, for a
multiple choice, per distinct combination); only those few groups are read, never the answers.
Shared by the survey's team page and the reports."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, QuerySet

from nec.registrations.stats import pct

#: a breakdown over fewer answers than this is not shown (a person could be recognised)
MIN_GROUP = 5


def _key(value: Any) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    return str(value)


@dataclass
class Distribution:
    """People per answer value; percentages are of the people who answered."""

    answered: int
    counts: dict[str, int] = field(default_factory=dict)

    def share(self, *values: str) -> float | None:
        return pct(sum(self.counts.get(v, 0) for v in values), self.answered)

    def rows(self, choices: list[tuple[str, str]]) -> list[dict[str, Any]]:
        """(value, label, count, pct) in the order of `choices`, then values no longer offered."""
        known = {value for value, _label in choices}
        rows = [
            {
                "value": v,
                "label": label,
                "count": self.counts.get(v, 0),
                "pct": pct(self.counts.get(v, 0), self.answered),
            }
            for v, label in choices
        ]
        rows += [
            {"value": v, "label": v, "count": n, "pct": pct(n, self.answered)}
            for v, n in sorted(self.counts.items(), key=lambda item: -item[1])
            if v not in known
        ]
        return rows


def distribution(answers: QuerySet, value_field: str = "value") -> Distribution:
    """Group `answers` (rows with a JSON `value_field`) by value in SQL and count people per
    value; a list value (multiple choice) counts once for each item chosen."""
    groups = (
        answers.exclude(**{f"{value_field}__isnull": True})
        .order_by()
        .values(value_field)
        .annotate(n=Count("pk"))
        .values_list(value_field, "n")
    )
    counts: Counter[str] = Counter()
    answered = 0
    for value, n in groups:
        if value in (None, "", []):
            continue
        answered += n
        for item in value if isinstance(value, list) else [value]:
            counts[_key(item)] += n
    return Distribution(answered, dict(counts))


def number_summary(answers: QuerySet, threshold: int) -> dict[str, Any]:
    """For a number question: people who answered, the mean, and how many gave more than
    `threshold` (grouped by value in SQL)."""
    dist = distribution(answers)
    above = sum(n for v, n in dist.counts.items() if v.isdigit() and int(v) > threshold)
    mean = None
    if dist.answered:
        total = sum(int(v) * n for v, n in dist.counts.items() if v.isdigit())
        mean = round(total / dist.answered, 1)
    return {
        "answered": dist.answered,
        "above": above,
        "pct_above": pct(above, dist.answered),
        "mean": mean,
    }


def session_ratings(feedback: QuerySet, *, minimum: int = MIN_GROUP) -> list[dict[str, Any]]:
    """Per session: number of ratings and the average, only for sessions rated by at least
    `minimum` people; best first. Grouped by session id alone; titles are read afterwards."""
    from nec.programme.models import Session

    rows = list(
        feedback.filter(rating__isnull=False)
        .order_by()
        .values("session_id")
        .annotate(n=Count("pk"), average=Avg("rating"))
        .filter(n__gte=minimum)
    )
    titles = dict(
        Session.objects.filter(pk__in=[r["session_id"] for r in rows]).values_list("pk", "title")
    )
    for row in rows:
        row["session__title"] = titles.get(row["session_id"], "")
    rows.sort(key=lambda r: (-r["average"], -r["n"], r["session__title"]))
    return rows
