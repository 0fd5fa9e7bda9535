"""What a reviewer sees of the other reviews, and the order they walk the proposals in.

As in pretalx, the other reviewers' scores (and their average) stay hidden from a reviewer until
they have scored the proposal themselves, so that nobody simply follows the crowd; whoever may
manage the programme (organisers, the national team) sees them always. The walk ("previous",
"next", "next proposal I have not scored yet") follows the order of the list of proposals with
the filters the reviewer chose there. Read-only: nothing here changes state."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet

from nec.editions.models import Edition
from nec.editions.permissions import can
from nec.programme.models import Review, Session
from nec.programme.services.common import Actor


def sees_all_scores(user: Actor, edition: Edition) -> bool:
    """True for whoever may decide on the proposals: they see every score at once."""
    return can(user, "programme.manage", edition)


def scored_by(user: Actor, edition: Edition) -> dict[int, int]:
    """{session pk: score} of the reviews `user` wrote in `edition`."""
    if user is None or not user.is_authenticated:
        return {}
    return dict(
        Review.objects.filter(session__edition=edition, reviewer=user).values_list(
            "session_id", "score"
        )
    )


def scores_visible(user: Actor, edition: Edition, *, has_scored: bool) -> bool:
    """May `user` see the other reviewers' scores of a proposal they have (or not) scored?"""
    return has_scored or sees_all_scores(user, edition)


def only_scored_by(qs: QuerySet[Session], user: Actor) -> QuerySet[Session]:
    """`qs` restricted to the proposals `user` has scored (a filter on the average must not
    reveal the average of the others)."""
    return qs.filter(pk__in=Review.objects.filter(reviewer=user).values("session_id"))


@dataclass(frozen=True)
class Neighbours:
    """Where a proposal stands in the reviewer's list: pks of the previous and next ones, of the
    next one still to score (after this one, wrapping around), its 1-based position (None when it
    is not in the list, e.g. filtered out) and the length of the list."""

    previous: int | None
    next: int | None
    next_unscored: int | None
    position: int | None
    total: int


def ordered_ids(qs: QuerySet[Session]) -> list[tuple[int, str]]:
    """(pk, status) of the proposals of `qs` in its order, each once."""
    seen: set[int] = set()
    result = []
    for pk, status in qs.values_list("pk", "status"):
        if pk not in seen:
            seen.add(pk)
            result.append((pk, status))
    return result


def neighbours(
    ordered: Sequence[tuple[int, str]], current: int, scored: Collection[int]
) -> Neighbours:
    """The neighbours of `current` in `ordered` ((pk, status) pairs); "still to score" means a
    proposal awaiting its decision that the reviewer has not scored."""
    pks = [pk for pk, _status in ordered]
    to_score = {
        pk for pk, status in ordered if status == Session.Status.PROPOSED and pk not in scored
    }
    if current in pks:
        index = pks.index(current)
        after: Iterable[int] = pks[index + 1 :] + pks[:index]
        previous = pks[index - 1] if index > 0 else None
        following = pks[index + 1] if index + 1 < len(pks) else None
        position = index + 1
    else:
        after, previous, following, position = pks, None, None, None
    next_unscored = next((pk for pk in after if pk in to_score and pk != current), None)
    return Neighbours(previous, following, next_unscored, position, len(pks))
