"""The map of the public page "Organiser un NEC local": a schematic tile map (a cartogram) of the
13 régions of metropolitan France, one tile per région placed roughly where it lies, and an
"Outre-mer" group of the five overseas régions, each tile showing its upcoming and past public
local editions; with the same figures as rows of a table.

Why tiles and not outlines: the project takes no new dependency without discussion, and an
outline map of the régions (even simplified) weighs tens of kilobytes of path data on every page,
for little reading value with one to a few editions per région; the tiles are readable at any
width, and labelled. The report's map (`nec.reports.geography`) makes the same choice."""

import unicodedata
from dataclasses import dataclass

from nec.editions.regions import METROPOLITAN_TILES as POSITIONS
from nec.editions.regions import OVERSEAS, REGIONS
from nec.localeditions.selectors import RegionGroup

#: a tile's side and the step between two tiles, in SVG units
TILE, STEP = 100, 108
#: top of the overseas group (its heading sits just above)
OVERSEAS_TOP = 5.55

#: the région's name cut in lines that fit a tile
LINES = {
    "32": ("Hauts-de-", "France"),
    "53": ("Bretagne",),
    "28": ("Normandie",),
    "11": ("Île-de-", "France"),
    "44": ("Grand Est",),
    "52": ("Pays de", "la Loire"),
    "24": ("Centre-", "Val de Loire"),
    "27": ("Bourgogne-", "Franche-Comté"),
    "75": ("Nouvelle-", "Aquitaine"),
    "84": ("Auvergne-", "Rhône-Alpes"),
    "76": ("Occitanie",),
    "93": ("Provence-Alpes-", "Côte d'Azur"),
    "94": ("Corse",),
    "01": ("Guadeloupe",),
    "02": ("Martinique",),
    "03": ("Guyane",),
    "04": ("La Réunion",),
    "06": ("Mayotte",),
}
WIDTH = 5 * STEP
HEIGHT = round((OVERSEAS_TOP + 1) * STEP)
#: the metropolitan tiles span 4.6 steps: centre them over the five overseas ones
METROPOLITAN_SHIFT = round(0.2 * STEP)


@dataclass
class Tile:
    """One région on the map and in the table."""

    code: str
    name: str
    upcoming: int
    past: int
    x: int = 0
    y: int = 0
    lines: tuple[str, ...] = ()
    has_list: bool = False

    @property
    def overseas(self) -> bool:
        return self.code in OVERSEAS

    @property
    def sort_key(self) -> str:
        """Alphabetical order ignoring accents and case."""
        return unicodedata.normalize("NFKD", self.name).encode("ascii", "ignore").decode().lower()

    @property
    def total(self) -> int:
        return self.upcoming + self.past

    @property
    def level(self) -> int:
        """The tint of the tile: 0 none, 1 one edition, 2 several."""
        return min(self.total, 2)

    @property
    def cx(self) -> int:
        return self.x + TILE // 2

    @property
    def name_lines(self) -> list[tuple[int, str]]:
        """(y, text) of each line of the name, centred in the tile's upper half."""
        top = self.y + (30 if len(self.lines) == 1 else 22)
        return [(top + 15 * n, line) for n, line in enumerate(self.lines)]


@dataclass
class RegionMap:
    metropolitan: list[Tile]
    overseas: list[Tile]
    #: the public local editions whose région is not known (a row of the table, no tile)
    unknown: Tile | None
    width: int = WIDTH
    height: int = HEIGHT
    overseas_label_y: int = round(OVERSEAS_TOP * STEP) - 10

    @property
    def rows(self) -> list[Tile]:
        """The table's rows: metropolitan régions in alphabetical order, then overseas ones."""
        return sorted(self.metropolitan, key=lambda t: t.sort_key) + self.overseas

    @property
    def _all(self) -> list[Tile]:
        return self.metropolitan + self.overseas + ([self.unknown] if self.unknown else [])

    @property
    def upcoming(self) -> int:
        return sum(t.upcoming for t in self._all)

    @property
    def past(self) -> int:
        return sum(t.past for t in self._all)

    @property
    def total(self) -> int:
        return self.upcoming + self.past


def _tile(code: str, groups: dict[str, RegionGroup], x: float, y: float, shift: int) -> Tile:
    group = groups.get(code)
    return Tile(
        code=code,
        name=REGIONS[code],
        upcoming=len(group.upcoming) if group else 0,
        past=len(group.past) if group else 0,
        x=round(x * STEP) + 4 + shift,
        y=round(y * STEP) + 4,
        lines=LINES[code],
        has_list=group is not None,
    )


def region_map(groups: list[RegionGroup]) -> RegionMap:
    """The map and table of `groups` (from `local_editions_by_region`): every région appears,
    with zero when it has no public local edition."""
    by_code = {group.code: group for group in groups}
    metropolitan = [
        _tile(code, by_code, *POSITIONS[code], METROPOLITAN_SHIFT) for code in POSITIONS
    ]
    overseas = [_tile(code, by_code, n, OVERSEAS_TOP, 0) for n, code in enumerate(OVERSEAS)]
    other = by_code.get("")
    unknown = None
    if other is not None:
        unknown = Tile(code="", name="", upcoming=len(other.upcoming), past=len(other.past))
    return RegionMap(metropolitan=metropolitan, overseas=overseas, unknown=unknown)
