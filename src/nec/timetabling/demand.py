"""Read side of participants' wishes ("Ça m'intéresse"): the demand per session and the
co-interest between pairs of sessions shown to the team ("Demande par session"), and the sessions
a participant may mark before and after the grid is fixed ("Les sessions qui m'intéressent").

Demand counts the wishes of non-cancelled registrations on the sessions of the programme (accepted,
placed or published: a cancelled or declined session counts nothing), like the solver's export.
Everything comes from ONE query over the (person, session) rows, ordered by person, read once in
Python: 1 800 people × 10 wishes are 18 000 rows and 81 000 pairs."""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass
from itertools import combinations, groupby
from operator import itemgetter

from django.db.models import QuerySet

from nec.editions.models import Edition
from nec.programme import charter
from nec.programme.models import Session
from nec.registrations.models import Registration
from nec.timetabling.models import Wish

#: the pairs of sessions shown to the team, most co-wished first
TOP_PAIRS = 30

#: the orders of the team's table (?tri=)
SORTS = ("demande", "ratio", "titre", "creneau")
DEFAULT_SORT = "demande"


@dataclass
class SessionDemand:
    """One session of the programme with its wishes, its seats in the grid's (draft) room and
    its draft place (None when not placed)."""

    session: Session
    wishes: int
    capacity: int | None

    @property
    def placed(self) -> bool:
        return self.session.status in Session.PLACED_STATUSES and self.session.is_placed

    @property
    def ratio(self) -> float | None:
        """Wishes per seat (None when the capacity is unknown or zero)."""
        if not self.capacity:
            return None
        return self.wishes / self.capacity

    @property
    def percent(self) -> int | None:
        ratio = self.ratio
        return None if ratio is None else round(100 * ratio)

    @property
    def over(self) -> bool:
        """More people want it than its room holds."""
        return self.capacity is not None and self.wishes > self.capacity


@dataclass
class Pair:
    """Two sessions wished together by `together` people; `share` is the part (0 to 1) of the
    smaller session's wishers who also want the other one; `clash` when the grid puts them at
    the same time (so those people miss one)."""

    first: SessionDemand
    second: SessionDemand
    together: int
    share: float
    clash: bool

    @property
    def percent(self) -> int:
        return round(100 * self.share)


@dataclass
class Demand:
    rows: list[SessionDemand]
    pairs: list[Pair]
    wishes: int
    people: int

    @property
    def over(self) -> int:
        return sum(1 for row in self.rows if row.over)

    @property
    def unplaced(self) -> int:
        return sum(1 for row in self.rows if not row.placed)

    @property
    def clashes(self) -> int:
        return sum(1 for pair in self.pairs if pair.clash)


def _programme(edition: Edition) -> dict[int, Session]:
    sessions = (
        Session.objects.filter(edition=edition, status__in=Session.ACTIVE_STATUSES)
        .select_related("slot", "room", "format_type", "track")
        .only(
            "id",
            "title",
            "status",
            "capacity_override",
            "slot_id",
            "room_id",
            "slot__start",
            "slot__end",
            "slot__label",
            "room__name",
            "room__capacity",
            "room__position",
            "format_type__name",
            "track__name",
        )  # fmt: skip
        .order_by("pk")
    )
    return {session.pk: session for session in sessions}


def wish_rows(edition: Edition, session_pks) -> QuerySet:
    """(registration, session) of every counted wish on `session_pks`, ordered by person."""
    return (
        Wish.objects.filter(session__edition=edition, session_id__in=session_pks)
        .exclude(registration__status=Registration.Status.CANCELLED)
        .order_by("registration_id", "session_id")
        .values_list("registration_id", "session_id")
    )


def _capacity(session: Session) -> int | None:
    """Seats in the grid's (draft) room; the session's own capacity when not placed."""
    placed = session.status in Session.PLACED_STATUSES and session.is_placed
    return session.capacity_in(session.room if placed else None)


def _overlap(a: Session, b: Session) -> bool:
    if a.slot_id == b.slot_id:
        return True
    return a.slot.start < b.slot.end and b.slot.start < a.slot.end


def demand(edition: Edition, *, sort: str = DEFAULT_SORT, top: int = TOP_PAIRS) -> Demand:
    """The team's figures of `edition`: every session of the programme with its demand (sorted
    by `sort`, one of `SORTS`) and the `top` pairs of sessions most often wished together."""
    sessions = _programme(edition)
    counts: Counter[int] = Counter()
    pairs: Counter[tuple[int, int]] = Counter()
    people = 0
    for _person, rows in groupby(wish_rows(edition, list(sessions)), key=itemgetter(0)):
        wished = [session for _p, session in rows]
        people += 1
        counts.update(wished)
        if len(wished) > 1:
            pairs.update(combinations(wished, 2))  # ordered by session pk: (smaller, larger)
    rows = {
        pk: SessionDemand(session, counts[pk], _capacity(session))
        for pk, session in sessions.items()
    }
    best = heapq.nsmallest(
        top,
        pairs.items(),
        key=lambda item: (
            -item[1],
            -item[1] / min(counts[item[0][0]], counts[item[0][1]]),
            item[0],
        ),
    )
    top_pairs = []
    for (a, b), together in best:
        first, second = rows[a], rows[b]
        if second.wishes > first.wishes:  # the more wished session first
            first, second = second, first
        clash = first.placed and second.placed and _overlap(first.session, second.session)
        top_pairs.append(Pair(first, second, together, together / second.wishes, clash))
    return Demand(
        rows=sort_rows(list(rows.values()), sort),
        pairs=top_pairs,
        wishes=sum(counts.values()),
        people=people,
    )


def sort_rows(rows: list[SessionDemand], sort: str) -> list[SessionDemand]:
    """`rows` in the order of `sort` (an unknown value sorts by demand)."""
    by_title = sorted(rows, key=lambda row: (row.session.title.casefold(), row.session.pk))
    if sort == "titre":
        return by_title
    if sort == "ratio":
        return sorted(by_title, key=lambda row: (row.ratio is None, -(row.ratio or 0)))
    if sort == "creneau":  # placed sessions in grid order, then the others by title
        return sorted(
            by_title,
            key=lambda row: (
                (0, row.session.slot.start, row.session.room.position) if row.placed else (1,)
            ),
        )
    return sorted(by_title, key=lambda row: -row.wishes)


# --- The participant's side -------------------------------------------------------------------


def wishable_sessions(edition: Edition) -> QuerySet[Session]:
    """The sessions a participant may mark as interesting, placed or not: those of the programme
    (accepted, placed or published) whose format type is public and which break no hard rule of
    the charter, with what the list shows loaded. Their public place is the PUBLISHED one."""
    sessions = Session.objects.filter(edition=edition, status__in=Session.ACTIVE_STATUSES).exclude(
        format_type__public=False
    )
    return (
        charter.without_blocking_issues(sessions)
        .select_related("format_type", "track", "published_slot", "published_room", "edition")
        .defer("description", "material_needs")
        .order_by("track__name", "title", "pk")
    )


def is_public_place(session: Session) -> bool:
    """Whether `session` shows on the public programme (at its published place)."""
    return session.status == Session.Status.PUBLISHED and session.is_publicly_placed
