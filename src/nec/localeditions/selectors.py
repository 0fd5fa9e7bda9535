"""Read queries of the local editions: the public local editions grouped by région, upcoming
first then past (drafts and national editions never appear); the documentation of local editions
(due date, sheet none/submitted/published), in one query for a whole table."""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from nec.editions.models import Edition
from nec.editions.regions import REGIONS
from nec.editions.selectors import public_editions
from nec.localeditions.models import Milestone
from nec.localeditions.services.followup import DOCUMENTATION_DELAY
from nec.resources.models import Resource
from nec.resources.selectors import DocumentationStatus


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


@dataclass(frozen=True)
class Documentation:
    """A local edition's documentation obligation: when the sheet is due, where it stands
    (`status.state`: "none", "submitted" or "published"), and whether it is late. The edition is
    "documentée" only once its sheet is published."""

    due: date | None
    status: DocumentationStatus
    overdue: bool

    @property
    def state(self) -> str:
        return self.status.state

    @property
    def sheet(self) -> Resource | None:
        return self.status.resource

    @property
    def is_documented(self) -> bool:
        return self.status.is_documented

    @property
    def rank(self) -> int:
        """Most urgent first: late, then due, then sent for moderation, then published."""
        if self.overdue:
            return 0
        return {"none": 1, "submitted": 2}.get(self.state, 3)


def _better_sheet(current: Resource | None, candidate: Resource) -> Resource:
    """The sheet that `nec.resources.selectors.documentation_sheet` would pick of the two: a
    published one (the latest published) over any other, else the latest created."""
    if current is None:
        return candidate
    published = Resource.Status.PUBLISHED
    if (candidate.status == published) != (current.status == published):
        return candidate if candidate.status == published else current
    if candidate.status == published:
        return max(current, candidate, key=lambda r: (r.published_at, r.pk))
    return max(current, candidate, key=lambda r: (r.created_at, r.pk))


def documentation_of(editions: Iterable[Edition], today: date) -> dict[int, Documentation]:
    """The documentation of each edition, by edition id, in two queries whatever their number.
    It is due on the retro-planning's documentation step (the latest one whose title names the
    documentation), else `DOCUMENTATION_DELAY` after the event's last day."""
    editions = list(editions)
    ids = [edition.pk for edition in editions]
    steps: dict[int, date] = {}
    rows = (
        Milestone.objects.filter(edition_id__in=ids, title__icontains="documentation")
        .order_by("due_date")
        .values_list("edition_id", "due_date")
    )
    for edition_id, due in rows:
        steps[edition_id] = due
    sheets: dict[int, Resource] = {}
    for sheet in Resource.objects.filter(edition_id__in=ids, kind=Resource.Kind.DOCUMENTATION):
        sheets[sheet.edition_id] = _better_sheet(sheets.get(sheet.edition_id), sheet)
    result = {}
    for edition in editions:
        due = steps.get(edition.pk)
        last_day = edition.end_date or edition.start_date
        if due is None and last_day is not None:
            due = last_day + DOCUMENTATION_DELAY
        sheet = sheets.get(edition.pk)
        if sheet is None:
            status = DocumentationStatus("none")
        elif sheet.status == Resource.Status.PUBLISHED:
            status = DocumentationStatus("published", sheet)
        else:
            status = DocumentationStatus("submitted", sheet)
        overdue = not status.is_documented and due is not None and due < today
        result[edition.pk] = Documentation(due=due, status=status, overdue=overdue)
    return result
