"""Template tags of the library's facets: is a value picked, and the query string picking it."""

from django import template

register = template.Library()


@register.simple_tag
def facet_selected(filters, name: str, value) -> bool:
    return str(getattr(filters, name, "") or "") == str(value)


@register.simple_tag
def facet_query(request, name: str, value) -> str:
    """The current query with facet `name` set to `value` (removed when empty), page reset."""
    query = request.GET.copy()
    query.pop("page", None)
    if value in ("", None):
        query.pop(name, None)
    else:
        query[name] = str(value)
    return query.urlencode()
