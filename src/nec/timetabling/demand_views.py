"""Views of the wishes' read side: the team's "Demande par session" (through `edition_view`, the
action of "Proposer une grille") and the participant's "Les sessions qui m'intéressent", every
session of the programme placed or not, each with the "Ça m'intéresse" toggle (posted to
`timetabling:wish`, the one wish service) for a signed-in registered participant."""

from itertools import groupby
from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from nec.editions.scoping import edition_view
from nec.editions.selectors import public_edition_or_404
from nec.registrations.models import Registration
from nec.registrations.selectors import registration_for
from nec.timetabling import demand as selectors
from nec.timetabling.programme_hooks import annotate


@require_safe
@edition_view("timetabling.propose")
def team_demand(request):
    sort = request.GET.get("tri")
    if sort not in selectors.SORTS:
        sort = selectors.DEFAULT_SORT
    figures = selectors.demand(request.edition, sort=sort)
    return render(
        request,
        "timetabling/demand.html",
        {
            "edition": request.edition,
            "demand": figures,
            "sort": sort,
            "top": selectors.TOP_PAIRS,
        },
    )


def _groups(sessions) -> list[dict]:
    """The sessions by track, or by format type when the edition has no track."""
    if not any(session.track_id for session in sessions):
        sessions = sorted(
            sessions,
            key=lambda s: (s.format_type is None, s.format_type.name if s.format_type else ""),
        )  # stable: titles stay in order within a format
        return [
            {"label": key, "sessions": list(group)}
            for key, group in groupby(
                sessions, key=lambda s: s.format_type.name if s.format_type else ""
            )
        ]
    sessions = sorted(sessions, key=lambda s: s.track is None)  # sessions without track last
    return [
        {"label": key, "sessions": list(group)}
        for key, group in groupby(sessions, key=lambda s: s.track.name if s.track else "")
    ]


@require_safe
def wishes(request, edition: str):
    edition = public_edition_or_404(edition)
    sessions = list(selectors.wishable_sessions(edition))
    registration = registration_for(request.user, edition)
    if registration is not None and registration.status == Registration.Status.CANCELLED:
        state = "cancelled"
    elif registration is not None:
        state = "registered"
    elif request.user.is_authenticated:
        state = "not_registered"
    else:
        state = "anonymous"
    annotate(sessions, request, edition)
    for session in sessions:
        session.public_place = selectors.is_public_place(session)
    return render(
        request,
        "timetabling/wishes.html",
        {
            "edition": edition,
            "groups": _groups(sessions),
            "count": len(sessions),
            "wished": sum(1 for s in sessions if s.wished),
            "state": state,
            "login_url": f"{reverse('accounts:login')}?{urlencode({'next': request.path})}",
            "register_url": reverse("registrations:register", kwargs={"edition": edition.slug}),
        },
    )


def wishes_open(edition) -> bool:
    """The link on the public edition page: the edition is published, not over, and its
    programme has sessions to mark."""
    if edition.status != edition.Status.PUBLISHED:
        return False
    last_day = edition.end_date or edition.start_date
    if last_day is not None and last_day < timezone.localdate():
        return False
    return selectors.wishable_sessions(edition).exists()
