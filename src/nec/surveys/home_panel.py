"""The evaluation surveys waiting for the person's answer, at the top of "Mon espace" (a panel of
the accounts' home): the e-mailed link may be lost, the page is where people look. Only open
surveys they were invited to and have not answered yet."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from nec.registrations.selectors import registrations_of
from nec.surveys.links import token_for
from nec.surveys.models import Response
from nec.surveys.services import is_open


def surveys_to_answer_panel(request) -> str:
    user = request.user
    now = timezone.now()
    waiting = [
        response
        for response in Response.objects.filter(
            registration__in=registrations_of(user),
            invited_at__isnull=False,
            submitted_at__isnull=True,
        ).select_related("survey__edition")
        if is_open(response.survey, now)
    ]
    if not waiting:
        return ""
    for response in waiting:
        response.answer_url = reverse("surveys:answer", kwargs={"token": token_for(response)})
    return render_to_string(
        "surveys/account/to_answer.html", {"responses": waiting}, request=request
    )
