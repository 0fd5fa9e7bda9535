"""Template tags that put seats left and the booking button on programme pages.

{% load nec_booking %}
{% booking_prepare sessions %}          {# once per list: 2 queries for the whole list #}
{% booking_box session %}               {# "Complet" / "3 places" / "Places disponibles" + button #}
"""

from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag(takes_context=True)
def booking_prepare(context, sessions) -> str:
    from nec.registrations.selectors import prepare_sessions

    request = context.get("request")
    prepare_sessions(sessions, getattr(request, "user", None))
    return ""


@register.simple_tag(takes_context=True)
def booking_box(context, session, next_url: str = "") -> str:
    from nec.registrations.selectors import prepare_sessions

    request = context.get("request")
    if not hasattr(session, "seats_left"):
        prepare_sessions([session], getattr(request, "user", None))
    return render_to_string(
        "registrations/booking/_seats.html",
        {"session": session, "next": next_url},
        request=request,
    )
