"""The person's coming editions at the top of "Mon espace" (a panel of the accounts' home): each
with its dates, the registration's status and what is needed on the day — the edition space, the
ticket once confirmed, the agenda. Past and cancelled registrations stay on "Mes inscriptions"."""

from __future__ import annotations

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from nec.registrations.models import Registration
from nec.registrations.selectors import registrations_of


def coming_registrations_panel(request) -> str:
    user = request.user
    today = timezone.localdate()
    registrations = list(
        registrations_of(user)
        .exclude(status=Registration.Status.CANCELLED)
        .filter(Q(edition__end_date__gte=today) | Q(edition__end_date__isnull=True))
        .select_related("edition")
        .order_by("edition__start_date", "edition_id")
    )
    if not registrations:
        return ""
    return render_to_string(
        "registrations/account/coming.html", {"registrations": registrations}, request=request
    )
