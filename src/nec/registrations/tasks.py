"""Background work of session booking: e-mails, offer expiry, the reminder the day before.

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
from icalendar import Calendar, Event

from nec.core import audit
from nec.core.mail import send_templated_mail
from nec.registrations.models import Booking, Registration


def booking_ics(booking: Booking) -> bytes:
    """An iCalendar file with the booked session (for the confirmation e-mail)."""
    session = booking.session
    cal = Calendar()
    cal.add("prodid", "-//Numérique en Commun[s]//nec//FR")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"booking-{booking.pk}@nec")
    event.add("dtstamp", timezone.now())
    event.add("summary", session.title)
    if session.slot_id:
        event.add("dtstart", session.slot.start)
        event.add("dtend", session.slot.end)
    where = ", ".join(
        part
        for part in [
            session.room.name if session.room_id else "",
            session.edition.venue,
            session.edition.city,
        ]
        if part
    )
    if where:
        event.add("location", where)
    if session.summary:
        event.add("description", session.summary)
    cal.add_component(event)
    return cal.to_ical()


def _mail_context(booking: Booking) -> dict:
    edition = booking.session.edition
    return {
        "booking": booking,
        "session": booking.session,
        "registration": booking.registration,
        "edition": edition,
        "bookings_url": settings.BASE_URL
        + reverse("registrations:booking_list", kwargs={"edition": edition.slug}),
    }


@task()
def send_booking_mail(booking_id: int, kind: str) -> str:
    """kind: "confirmed" (with .ics), "offer" (with deadline and accept link), "cancelled"."""
    booking = (
        Booking.objects.select_related(
            "session__edition", "session__slot", "session__room", "registration__user"
        )
        .filter(pk=booking_id)
        .first()
    )
    if booking is None:
        return "gone"
    context = _mail_context(booking)
    registration = booking.registration
    attachments = None
    if kind == "confirmed":
        if booking.status != Booking.Status.CONFIRMED:
            return "stale"
        attachments = [("session.ics", booking_ics(booking), "text/calendar")]
    elif kind == "offer":
        if booking.status != Booking.Status.OFFERED:
            return "stale"
        offer_path = reverse(
            "registrations:offer",
            kwargs={"edition": booking.session.edition.slug, "booking": booking.pk},
        )
        # The one-click sign-in link expires sooner than the offer: the page's address is
        # given too (reached after signing in).
        context["offer_page_url"] = settings.BASE_URL + offer_path
        if registration.user_id:
            from nec.accounts.services import issue_login_link

            context["offer_url"] = issue_login_link(registration.user, next_url=offer_path)
        else:
            context["offer_url"] = context["offer_page_url"]
    elif kind != "cancelled":
        raise ValueError(f"unknown booking mail {kind!r}")
    send_templated_mail(
        f"registrations/email/booking_{kind}",
        context,
        to=[registration.email],
        attachments=attachments,
    )
    return "sent"


@task()
def expire_offer(booking_id: int) -> int:
    """Scheduled at an offer's deadline: expire it (if still pending) and pass the seat on."""
    from nec.registrations import booking as booking_services

    return booking_services.expire_offers()


@task()
def expire_offers_task() -> int:
    from nec.registrations import booking as booking_services

    return booking_services.expire_offers()


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
            session__slot__start__gte=start,
            session__slot__start__lt=end,
            registration__status=Registration.Status.CONFIRMED,
        )
        .select_related("registration", "session__slot", "session__room", "session__edition")
        .order_by("registration_id", "session__slot__start")
    )
    by_person: dict[int, list[Booking]] = {}
    for booking in bookings:
        by_person.setdefault(booking.registration_id, []).append(booking)
    from nec.core.models import AuditEntry

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
