"""E-mails of session booking: the confirmation (with its .ics), the offer from the waiting list,
the cancellation and the seat sent back to the waiting list (a smaller room was published), sent
by a background task queued with the booking's own transaction.

The booking services queue them through `queue_booking_mail`; this module imports no service."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from icalendar import Calendar, Event

from nec.accounts.services import issue_login_link
from nec.core.mail import send_templated_mail
from nec.registrations.models import Booking
from nec.registrations.selectors import waiting_ranks


def booking_ics(booking: Booking) -> bytes:
    """An iCalendar file with the booked session at its published place (for the confirmation
    e-mail)."""
    session = booking.session
    cal = Calendar()
    cal.add("prodid", "-//Numérique en Commun[s]//nec//FR")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"booking-{booking.pk}@nec")
    event.add("dtstamp", timezone.now())
    event.add("summary", session.title)
    if session.published_slot_id:
        event.add("dtstart", session.published_slot.start)
        event.add("dtend", session.published_slot.end)
    where = ", ".join(
        part
        for part in [
            session.published_room.name if session.published_room_id else "",
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
    """kind: "confirmed" (with .ics), "offer" (with deadline and accept link), "cancelled",
    "sent_back" (to the waiting list, with the place in line)."""
    booking = (
        Booking.objects.select_related(
            "session__edition",
            "session__published_slot",
            "session__published_room",
            "registration__user",
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
            context["offer_url"] = issue_login_link(registration.user, next_url=offer_path)
        else:
            context["offer_url"] = context["offer_page_url"]
    elif kind == "sent_back":
        if booking.status != Booking.Status.WAITING:
            return "stale"
        context["rank"] = waiting_ranks([booking]).get(booking.pk)
        context["capacity"] = booking.session.capacity
    elif kind != "cancelled":
        raise ValueError(f"unknown booking mail {kind!r}")
    send_templated_mail(
        f"registrations/email/booking_{kind}",
        context,
        to=[registration.email],
        attachments=attachments,
    )
    return "sent"


def queue_booking_mail(kind: str, booking_id: int) -> None:
    """Queue the e-mail. With the database queue, the task row is written in the booking's own
    transaction (one commit, and no mail for a rolled-back booking); a queue that runs tasks at
    once (tests) or elsewhere gets it only after the commit."""
    from django_tasks_db import DatabaseBackend

    if isinstance(send_booking_mail.get_backend(), DatabaseBackend):
        send_booking_mail.enqueue(booking_id, kind)
    else:
        transaction.on_commit(lambda: send_booking_mail.enqueue(booking_id, kind))
