"""Background work of the fair seat allocation: e-mailing each person who ranked sessions the
seats they obtained (or that they obtained none, and that booking stays open to them)."""

from __future__ import annotations

from django.urls import reverse
from django_tasks import task

from nec.core.mail import send_templated_mail
from nec.programme.models import Session
from nec.registrations.models import Registration
from nec.timetabling.models import AllocationWindow, Ranking


@task()
def send_allocation_results(window_pk: int) -> int:
    """One e-mail per person who ranked; returns how many were sent."""
    window = AllocationWindow.objects.filter(pk=window_pk).select_related("edition").first()
    if window is None or window.status != AllocationWindow.Status.ALLOCATED:
        return 0
    given = {int(pk): sessions for pk, sessions in window.results.get("given", {}).items()}
    wanted = set(Ranking.objects.filter(window=window).values_list("registration_id", flat=True))
    sessions = {
        s.pk: s
        for s in Session.objects.filter(
            pk__in={pk for seats in given.values() for pk in seats}
        ).select_related("published_slot", "published_room")
    }
    programme = reverse("programme:programme", kwargs={"edition": window.edition.slug})
    sent = 0
    for registration in Registration.objects.filter(pk__in=wanted | set(given)).order_by("pk"):
        seats = sorted(
            (sessions[pk] for pk in given.get(registration.pk, []) if pk in sessions),
            key=lambda s: s.published_slot.start,
        )
        send_templated_mail(
            "timetabling/email/allocation_result",
            {
                "registration": registration,
                "edition": window.edition,
                "seats": seats,
                "programme_path": programme,
            },
            to=[registration.email],
        )
        sent += 1
    return sent
