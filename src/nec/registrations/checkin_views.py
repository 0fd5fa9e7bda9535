"""The staff check-in page (works on a phone, with or without JavaScript)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nec.core.ids import parse_id
from nec.editions.scoping import edition_view, scoped
from nec.programme.models import Session
from nec.registrations import checkin as services
from nec.registrations.models import Booking, Registration
from nec.registrations.selectors import PROGRAMME_ORDER, bookable_sessions


def _session_choice(request, edition) -> Session | None:
    pk = parse_id(request.POST.get("session") or request.GET.get("session"))
    if pk is None:
        return None
    return scoped(Session, edition).filter(pk=pk).first()


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


@edition_view("registrations.checkin")
def checkin_page(request):
    edition = request.edition
    session = _session_choice(request, edition)
    if request.method == "POST":
        registration = get_object_or_404(
            scoped(Registration, edition), pk=parse_id(request.POST.get("registration")) or 0
        )
        try:
            result = services.check_in(registration, actor=request.user, session=session)
        except services.CheckinError as error:
            messages.error(request, error.message)
        else:
            if result.already_at:
                messages.warning(
                    request,
                    _("%(name)s était déjà enregistré·e le %(when)s.")
                    % {"name": registration, "when": _when(result.already_at)},
                )
            else:
                messages.success(
                    request, _("Présence enregistrée : %(name)s.") % {"name": registration}
                )
            if session is not None:
                if result.session_already_at:
                    messages.warning(
                        request,
                        _("Présence à « %(title)s » déjà notée le %(when)s.")
                        % {"title": session.title, "when": _when(result.session_already_at)},
                    )
                else:
                    messages.success(
                        request,
                        _("Présence notée à « %(title)s ».") % {"title": session.title},
                    )
        # back to an empty field, ready for the next person; the saved person stays shown
        query = {"fait": registration.pk}
        if session is not None:
            query["session"] = session.pk
        url = reverse("registrations:checkin", kwargs={"edition": edition.slug})
        return redirect(f"{url}?{urlencode(query)}")

    q = (request.GET.get("q") or "").strip()[:200]
    person = None
    matches = []
    error = None
    saved = None
    saved_pk = None if q else parse_id(request.GET.get("fait"))
    if saved_pk:
        saved = scoped(Registration, edition).filter(pk=saved_pk).first()
    if q:
        try:
            person = services.find_by_code(edition, q)
        except services.CheckinError as failure:
            if failure.code == "unknown" and ":" not in q:
                matches = list(services.search(edition, q))
                if len(matches) == 1:
                    person = matches[0]
                    matches = []
                elif not matches:
                    error = _("Ni code ni nom ne correspond à « %(q)s ».") % {"q": q}
            else:
                error = failure.message
    context = {
        "edition": edition,
        "q": q,
        "person": person,
        "matches": matches,
        "error": error,
        "session": session,
        "sessions": bookable_sessions(edition)
        .order_by(*PROGRAMME_ORDER)
        .only("pk", "title", "published_slot__start")
        .select_related(None)
        .select_related("published_slot"),
        "saved": saved,
        "counts": services.presence_counts(edition),
    }
    if person is not None:
        context["needs"] = services.team_only_answers(person)
        context["person_bookings"] = (
            Booking.objects.filter(registration=person, status=Booking.Status.CONFIRMED)
            .select_related("session__published_slot", "session__published_room")
            .order_by("session__published_slot__start")
        )
        context["session_booking"] = (
            Booking.objects.filter(
                registration=person, session=session, status=Booking.Status.CONFIRMED
            ).first()
            if session is not None
            else None
        )
    return render(
        request,
        "registrations/checkin/checkin.html",
        context,
        status=404 if error and q else 200,
    )
