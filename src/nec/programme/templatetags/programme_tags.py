"""Template helpers of the programme."""

from django import template

from nec.editions.permissions import can

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
