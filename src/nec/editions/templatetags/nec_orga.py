"""Template tag rendering the espace organisation's sub-navigation of an edition."""

from django import template

from nec.editions.orga_nav import items_for

register = template.Library()


@register.simple_tag(takes_context=True)
def orga_nav_items(context, edition):
    """`{% orga_nav_items edition as items %}`: the sub-navigation links for this user."""
    request = context.get("request")
    if request is None or edition is None:
        return []
    return items_for(request.user, edition, request.path)
