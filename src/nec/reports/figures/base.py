"""The building blocks of a report: a figure, a chart (with its data table) and a section.

Their texts (labels, titles, how a figure is computed, what is missing) are written in French and
translated in the active language when the report is computed; a lazy text given to one of them is
turned into a plain `str` at once, so that the report can be compared, joined and serialised."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy, ngettext

from nec.registrations.stats import pct


def _plain_texts(item) -> None:
    """Resolve every lazy translation among the dataclass's fields into a `str`."""
    for item_field in fields(item):
        value = getattr(item, item_field.name)
        if isinstance(value, Promise):
            setattr(item, item_field.name, str(value))


def french_number(value: float | int | None, unit: str = "") -> str:
    """1800 -> '1 800', 52.4 -> '52,4', with a non-breaking space before the unit."""
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.1f}"
    else:
        text = f"{int(round(value)):,}"
    text = text.replace(",", "\u202f").replace(".", ",")
    return f"{text}\u00a0{unit}" if unit else text


@dataclass
class Figure:
    key: str
    label: str
    value: float | int | None
    how: str
    n: int | None = None
    unit: str = ""
    missing: str = ""
    #: set when the team corrected the figure: {"value": ..., "reason": ...}
    override: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        _plain_texts(self)

    @property
    def display(self) -> str:
        if self.override:
            return str(self.override["value"])
        return french_number(self.value, self.unit)

    @property
    def computed_display(self) -> str:
        return french_number(self.value, self.unit)

    @property
    def is_missing(self) -> bool:
        return self.value is None and not self.override


@dataclass
class Chart:
    """Rows of (label, count, pct); drawn as horizontal bars (or a map of régions) with the same
    rows as a table, and downloadable as CSV."""

    key: str
    title: str
    rows: list[dict[str, Any]]
    how: str
    n: int = 0
    missing: str = ""
    kind: str = "bars"
    count_label: str = gettext_lazy("Personnes")

    def __post_init__(self) -> None:
        _plain_texts(self)

    @property
    def top(self) -> float:
        return max((row["pct"] or 0 for row in self.rows), default=0) or 1

    def bars(self) -> list[dict[str, Any]]:
        """Geometry of the bars, in a 100-unit-wide drawing, scaled to the largest share."""
        top = self.top
        return [
            {
                **row,
                "width": round(120 * (row["pct"] or 0) / top, 2),
                "y": 4 + index * 15,
                "text_y": 8 + index * 15,
                "bar_y": 10 + index * 15,
                "pct_y": 14.5 + index * 15,
                "label_short": _short(str(row["label"])),
                "pct_text": french_number(row["pct"], "%") if row["pct"] is not None else "",
            }
            for index, row in enumerate(self.rows)
        ]

    @property
    def height(self) -> int:
        return 6 + 15 * len(self.rows)

    def map(self) -> dict[str, Any]:
        """Tiles of the région map (kind "map"), shaded by share."""
        from nec.reports.geography import SHORT, TILE, TILES

        by_code = {row.get("code"): row for row in self.rows}
        top = self.top
        tiles = []
        for code, (col, line) in TILES.items():
            row = by_code.get(code)
            share = (row["pct"] or 0) / top if row else 0
            level = 0 if not row else min(3, 1 + int(share * 3))
            tiles.append(
                {
                    "x": round(col * TILE + 2),
                    "y": round(line * TILE + 2),
                    "cx": round(col * TILE + 31),
                    "short": SHORT[code],
                    "fill": SHADES[level],
                    "ink": "#ffffff" if level == 3 else "#1b1b2f",
                    "pct_text": french_number(row["pct"], "%") if row else "0",
                }
            )
        width = max(col for col, _line in TILES.values()) + 1
        height = max(line for _col, line in TILES.values()) + 1
        return {
            "tiles": tiles,
            "width": round(width * TILE) + 4,
            "height": round(height * TILE) + 4,
        }


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    missing: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _plain_texts(self)

    def all_figures(self) -> list[Figure]:
        return self.figures


#: tile colours, lightest to darkest (text contrast ≥ 4.5:1 on each)
SHADES = ["#ffffff", "#e4dff7", "#b9aae8", "#4b2bb8"]


def _short(label: str) -> str:
    return label if len(label) <= 50 else label[:48] + "…"


def rows_from(counts: list[tuple[str, int]], base: int) -> list[dict[str, Any]]:
    return [{"label": label, "count": n, "pct": pct(n, base)} for label, n in counts]


def share_figure(key, label, dist, values, how, *, minimum: int = 1, missing: str = "") -> Figure:
    """The share of people who answered one of `values` in a Distribution."""
    if dist is None or dist.answered < minimum:
        why = str(missing) or gettext("Pas de réponse à cette question.")
        if dist is not None and 0 < dist.answered < minimum:
            why = ngettext(
                "Moins de %(minimum)s réponse : chiffre masqué pour préserver l'anonymat.",
                "Moins de %(minimum)s réponses : chiffre masqué pour préserver l'anonymat.",
                minimum,
            ) % {"minimum": minimum}
        return Figure(key, label, None, how, n=dist.answered if dist else 0, unit="%", missing=why)
    return Figure(key, label, dist.share(*values), how, n=dist.answered, unit="%")
