"""What registrations add to the programme, through its hooks: on the public pages
(`nec.programme.session_extras`) the seats left in the programme list, the booking box on a
session page, "Mes réservations"; in the timetable (`nec.programme.capacity_hooks`) the seats
held in each session, and the bookings sent back to the waiting list when a publication moves a
session to a smaller room."""

from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.translation import gettext_lazy as _

from nec.programme import capacity_hooks, session_extras
from nec.registrations.programme_box import BoxContext, box_html
from nec.registrations.room_change import send_back_extra_bookings
from nec.registrations.selectors import prepare_sessions, seats_held_many


def _user(request):
    return getattr(request, "user", None)


def annotate(sessions, request, edition) -> None:
    """Seats left and the visitor's bookings for a whole list, in a few queries."""
    prepare_sessions(sessions, _user(request), edition)


def seats_badge(session, request) -> str:
    """Seats in words and the visitor's button, in the programme list (built in Python: the
    list shows ~100 sessions; the CSRF token and the page's address are read once)."""
    if getattr(session, "seats_left", None) is None:  # not bookable (private time, no seat)
        return ""
    if request is None:
        return get_template("registrations/booking/_programme_seats.html").render(
            {"session": session}
        )
    box = getattr(request, "_booking_box", None)
    if box is None:
        box = BoxContext(session.edition.slug, get_token(request), request.get_full_path())
        request._booking_box = box
    return box_html(session, box)


def booking_box(session, request) -> str:
    if not hasattr(session, "seats_left"):
        prepare_sessions([session], _user(request))
    context = {"session": session, "request": request, "csrf_token": get_token(request)}
    return get_template("registrations/booking/_seats.html").render(context)


def register() -> None:
    session_extras.register(
        "registrations.booking", prepare=annotate, list_html=seats_badge, page_html=booking_box
    )
    session_extras.register_link("registrations:booking_list", _("Mes réservations"))
    capacity_hooks.register(
        "registrations.seats",
        seats_held=seats_held_many,
        room_published=send_back_extra_bookings,
    )
