"""Background work of session booking: the periodic expiry of waiting-list offers and the
reminder the day before; the booking e-mail and the offer-deadline tasks are defined next to
what they serve (`booking_mail`, `waitlist`) and listed here.

Run by the django_tasks database worker in production (`nec manage db_worker`); in tests the
immediate backend runs them at once. `send_reminders` and `expire_offers_task` are meant to be
enqueued by a daily / periodic scheduler (cron): both are idempotent.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from nec.core import audit
from nec.core.mail import send_templated_mail
from nec.core.models import AuditEntry
from nec.registrations.booking_mail import send_booking_mail
from nec.registrations.models import Booking, Registration
from nec.registrations.waitlist import expire_offer, expire_offers

#: Every task of the app. Tasks queued under their former path
#: (`nec.registrations.tasks.send_booking_mail`, `...tasks.expire_offer`) still resolve here.
__all__ = ["expire_offer", "expire_offers_task", "send_booking_mail", "send_reminders"]


@task()
def expire_offers_task() -> int:
    """Expire every offer past its deadline and pass the seats on (periodic, idempotent)."""
    return expire_offers()


@task()
def send_reminders(day: str | None = None) -> int:
    """E-mail everyone with a seat in a session on `day` (ISO date; default: tomorrow) the list
    of their sessions that day. Idempotent: a person reminded for that day is skipped."""
    target: date = date.fromisoformat(day) if day else timezone.localdate() + timedelta(days=1)
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(target, datetime.min.time()), tz)
    end = start + timedelta(days=1)
    bookings = (
        Booking.objects.filter(
            status=Booking.Status.CONFIRMED,
            session__published_slot__start__gte=start,
            session__published_slot__start__lt=end,
            registration__status=Registration.Status.CONFIRMED,
        )
        .select_related(
            "registration",
            "session__published_slot",
            "session__published_room",
            "session__edition",
        )
        .order_by("registration_id", "session__published_slot__start")
    )
    by_person: dict[int, list[Booking]] = {}
    for booking in bookings:
        by_person.setdefault(booking.registration_id, []).append(booking)
    already = set(
        AuditEntry.objects.filter(
            action="registrations.reminder_sent",
            object_type="registrations.registration",
            details__day=target.isoformat(),
        ).values_list("object_id", flat=True)
    )
    sent = 0
    for registration_id, items in by_person.items():
        if str(registration_id) in already:
            continue
        registration = items[0].registration
        edition = items[0].session.edition
        send_templated_mail(
            "registrations/email/booking_reminder",
            {
                "registration": registration,
                "edition": edition,
                "bookings": items,
                "day": target,
                "bookings_url": settings.BASE_URL
                + reverse("registrations:booking_list", kwargs={"edition": edition.slug}),
            },
            to=[registration.email],
        )
        audit.record(
            None,
            "registrations.reminder_sent",
            registration,
            edition=edition,
            day=target.isoformat(),
        )
        sent += 1
    return sent
