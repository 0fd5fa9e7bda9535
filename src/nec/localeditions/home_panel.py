"""The person's local-edition applications under instruction, at the top of "Mon espace" (a
panel of the accounts' home): where each one stands and, when the national team waits for the
applicant (information requested, an interview proposed), what to do and by when."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from nec.localeditions.models import Application

UNDER_INSTRUCTION = (
    Application.State.SUBMITTED,
    Application.State.INFORMATION_REQUESTED,
    Application.State.INTERVIEW_PROPOSED,
)


def applications_panel(request) -> str:
    applications = list(
        Application.objects.filter(
            applicant=request.user, confirmed_at__isnull=False, state__in=UNDER_INSTRUCTION
        ).order_by("event_date", "pk")
    )
    if not applications:
        return ""
    return render_to_string(
        "localeditions/account/applications.html",
        {"applications": applications, "today": timezone.localdate()},
        request=request,
    )
