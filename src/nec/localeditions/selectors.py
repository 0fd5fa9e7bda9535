"""Read queries of the local editions: the public local editions grouped by région, upcoming
first then past (drafts and national editions never appear)."""

import unicodedata
from dataclasses import dataclass, field
from datetime import date

from nec.editions.models import Edition
from nec.editions.regions import REGIONS
from nec.editions.selectors import public_editions


@dataclass
class RegionGroup:
    """The public local editions of one région, upcoming ones (soonest first) before past ones
    (latest first)."""

    code: str
    name: str
    upcoming: list[Edition] = field(default_factory=list)
    past: list[Edition] = field(default_factory=list)


def is_upcoming(edition: Edition, today: date) -> bool:
    """True while the edition's last day has not passed; an undated edition counts as upcoming
    only when published for this year or later."""
    last_day = edition.end_date or edition.start_date
    if last_day is not None:
        return last_day >= today
    return edition.status == Edition.Status.PUBLISHED and edition.year >= today.year


def _sort_key(text: str) -> str:
    """Alphabetical order ignoring accents and case (Île-de-France next to Hauts-de-France)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def local_editions_by_region(today: date) -> list[RegionGroup]:
    """Every public local edition, grouped by région in alphabetical order; editions without a
    known région come last, in a group whose code and name are empty."""
    groups: dict[str, RegionGroup] = {}
    editions = public_editions().filter(kind=Edition.Kind.LOCAL)
    for edition in editions:
        name = REGIONS.get(edition.region_code, "")
        code = edition.region_code if name else ""
        group = groups.setdefault(code, RegionGroup(code=code, name=name))
        (group.upcoming if is_upcoming(edition, today) else group.past).append(edition)
    for group in groups.values():
        group.upcoming.sort(key=lambda e: (e.start_date or date(e.year, 12, 31), e.title))
        group.past.sort(key=lambda e: (-(e.start_date or date(e.year, 1, 1)).toordinal(), e.title))
    return sorted(groups.values(), key=lambda g: (g.name == "", _sort_key(g.name)))
