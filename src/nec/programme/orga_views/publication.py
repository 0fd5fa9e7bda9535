"""Espace organisation: the programme against the charter, and publishing a new version of the
schedule."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nec.editions.scoping import edition_view, scoped
from nec.programme import charter, timetable
from nec.programme.models import ScheduleVersion, Session
from nec.programme.orga_views.common import error_messages
from nec.programme.services.schedule import (
    placed_for_publication,
    publish_schedule,
    schedule_changes,
)


@edition_view("programme.view")
def charter_dashboard(request):
    edition = request.edition
    return render(
        request,
        "programme/orga/charter.html",
        {
            "edition": edition,
            "report": charter.edition_report(edition),
            "target": int(charter.PARITY_TARGET * 100),
        },
    )


@edition_view("programme.publish")
def publish(request):
    edition = request.edition
    if request.method == "POST":
        try:
            version = publish_schedule(edition, actor=request.user)
        except ValidationError as error:
            error_messages(request, error)
        else:
            messages.success(
                request,
                _("La version %(number)d du programme est publiée (%(mails)d e-mail(s) envoyé(s)).")
                % {"number": version.number, "mails": version.mails_sent},
            )
            if version.bookings_sent_back:
                messages.warning(
                    request,
                    _(
                        "%d réservation(s) repassée(s) en liste d'attente (salles plus petites) ; "
                        "les personnes sont prévenues par e-mail."
                    )
                    % version.bookings_sent_back,
                )
            if version.mails_failed:
                messages.warning(
                    request,
                    _("%d e-mail(s) n'ont pas pu être envoyés.") % version.mails_failed,
                )
        return redirect("programme:orga_publish", edition=edition.slug)
    sessions = list(placed_for_publication(edition))
    blockers = charter.blocking_issues(sessions)
    conflicts = timetable.conflicts(sessions)
    return render(
        request,
        "programme/orga/publish.html",
        {
            "edition": edition,
            "placed": len(sessions),
            "to_publish": sum(1 for s in sessions if s.status == Session.Status.SCHEDULED),
            "changes": schedule_changes(edition, sessions),
            "blockers": blockers,
            "conflicts": conflicts,
            "overflows": [c for c in conflicts if c.code == timetable.MORE_BOOKINGS_THAN_SEATS],
            "versions": scoped(ScheduleVersion, edition).select_related("published_by"),
        },
    )
