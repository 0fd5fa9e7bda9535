"""What timetabling adds to the programme's public pages through `nec.programme.session_extras`:
the "Ça m'intéresse" button of a registered participant, on the programme list and on a session
page, before and after the grid is fixed."""

from django.middleware.csrf import get_token
from django.template.loader import get_template

from nec.programme import session_extras
from nec.programme.models import Session
from nec.registrations.models import Registration
from nec.registrations.selectors import registration_for
from nec.timetabling.models import Wish


def annotate(sessions, request, edition) -> None:
    """`session.wished` (True/False) for a signed-in registered visitor, else None: one query."""
    sessions = list(sessions)
    user = getattr(request, "user", None)
    registration = registration_for(user, edition) if edition is not None else None
    if registration is not None and registration.status == Registration.Status.CANCELLED:
        registration = None
    wished = set()
    if registration is not None:
        wished = set(
            Wish.objects.filter(
                registration=registration, session__in=[s.pk for s in sessions]
            ).values_list("session_id", flat=True)
        )
    for session in sessions:
        session.wished = (session.pk in wished) if registration is not None else None


def wish_button(session, request) -> str:
    if not hasattr(session, "wished"):
        annotate([session], request, session.edition)
    if session.wished is None or session.status not in Session.ACTIVE_STATUSES:
        return ""
    context = {"session": session, "request": request, "csrf_token": get_token(request)}
    return get_template("timetabling/_wish_button.html").render(context)


def register() -> None:
    session_extras.register(
        "timetabling.wish", prepare=annotate, list_html=wish_button, page_html=wish_button, order=60
    )
