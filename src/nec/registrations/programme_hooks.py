"""What registrations add to the programme, through its hooks: on the public pages
(`nec.programme.session_extras`) the seats left in the programme list, the booking box on a
session page, "Réserver mes formats"; in the timetable (`nec.programme.capacity_hooks`) the seats
held in each session, and the bookings sent back to the waiting list when a publication moves a
session to a smaller room."""

from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.translation import gettext_lazy as _

from nec.programme import capacity_hooks, session_extras
from nec.registrations.room_change import send_back_extra_bookings
from nec.registrations.selectors import prepare_sessions, seats_held_many


def _user(request):
    return getattr(request, "user", None)


def annotate(sessions, request, edition) -> None:
    """Seats left and the visitor's bookings for a whole list, in a few queries."""
    prepare_sessions(sessions, _user(request), edition)


def seats_badge(session, request) -> str:
    if getattr(session, "seats_left", None) is None:  # not bookable (private time, no seat)
        return ""
    # rendered without the request: context processors would query once per session
    return get_template("registrations/booking/_programme_seats.html").render({"session": session})


def booking_box(session, request) -> str:
    if not hasattr(session, "seats_left"):
        prepare_sessions([session], _user(request))
    context = {"session": session, "request": request, "csrf_token": get_token(request)}
    return get_template("registrations/booking/_seats.html").render(context)


def register() -> None:
    session_extras.register(
        "registrations.booking", prepare=annotate, list_html=seats_badge, page_html=booking_box
    )
    session_extras.register_link("registrations:booking_list", _("Réserver mes formats"))
    capacity_hooks.register(
        "registrations.seats",
        seats_held=seats_held_many,
        room_published=send_back_extra_bookings,
    )
