"""Template tag rendering the espace organisation's sub-navigation of an edition."""

from django import template

from nec.editions import audit_labels as labels
from nec.editions.orga_nav import groups_for

register = template.Library()


@register.simple_tag(takes_context=True)
def orga_nav_groups(context, edition):
    """`{% orga_nav_groups edition as nav %}`: the navigation grouped by task."""
    request = context.get("request")
    if request is None or edition is None:
        return {"home": None, "groups": []}
    return groups_for(request.user, edition, request.path)


@register.filter
def audit_label(code: str) -> str:
    """`{{ entry.action|audit_label }}`: the readable label of an audit code."""
    return labels.label(code)
