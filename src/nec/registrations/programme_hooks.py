"""What registrations add to the programme's public pages, through `nec.programme.session_extras`:
seats left in the programme list, the booking box on a session page, "Réserver mes formats"."""

from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.translation import gettext_lazy as _

from nec.programme import session_extras
from nec.registrations.selectors import prepare_sessions


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
