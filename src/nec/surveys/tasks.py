"""Background e-mails of the survey: the invitations with each person's link, and the one
reminder. Both are idempotent (a person invited or reminded is skipped)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from nec.core.mail import send_templated_mail
from nec.surveys import links
from nec.surveys.models import Response, Survey


def _mail(survey: Survey, responses, template: str, stamp: str) -> int:
    sent = 0
    for response in responses.select_related("registration").iterator():
        send_templated_mail(
            f"surveys/email/{template}",
            {
                "edition": survey.edition,
                "survey": survey,
                "registration": response.registration,
                "url": links.url_for(response),
            },
            to=[response.registration.email],
        )
        Response.objects.filter(pk=response.pk).update(**{stamp: timezone.now()})
        sent += 1
    return sent


@task()
def send_invitations(survey_id: int) -> int:
    survey = Survey.objects.select_related("edition").filter(pk=survey_id).first()
    if survey is None:
        return 0
    pending = Response.objects.filter(survey=survey, invited_at__isnull=True)
    return _mail(survey, pending, "invitation", "invited_at")


@task()
def send_reminder(survey_id: int) -> int:
    survey = Survey.objects.select_related("edition").filter(pk=survey_id).first()
    if survey is None:
        return 0
    pending = Response.objects.filter(
        survey=survey, submitted_at__isnull=True, reminded_at__isnull=True
    )
    return _mail(survey, pending, "reminder", "reminded_at")
