"""Template helpers of the programme: permissions, percentages, and the hooks other apps register
in `nec.programme.session_extras` (seats left, booking buttons)."""

from django import template

from nec.editions.permissions import can
from nec.programme import session_extras

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context, action: str, edition) -> bool:
    """`{% may "programme.manage" edition as allowed %}`: may the current user do it?"""
    request = context.get("request")
    return bool(request and edition and can(request.user, action, edition))


@register.filter
def percent(value) -> str:
    """0.4567 -> '45,7 %'; None -> '—'."""
    if value is None:
        return "—"
    return f"{value * 100:.1f} %".replace(".", ",")


@register.simple_tag(takes_context=True)
def session_extras_prepare(context, sessions, edition) -> str:
    """Once per list: lets registered apps annotate every session in a few queries."""
    session_extras.prepare(sessions, context.get("request"), edition)
    return ""


@register.simple_tag(takes_context=True)
def session_extras_list(context, session):
    """What registered apps show with a session in the programme list."""
    return session_extras.list_html(session, context.get("request"))


@register.simple_tag(takes_context=True)
def session_extras_page(context, session):
    """What registered apps show on a session's page."""
    return session_extras.page_html(session, context.get("request"))
