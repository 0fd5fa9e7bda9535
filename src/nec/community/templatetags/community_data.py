"""`as_html`: exported personal data (nested dicts and lists) as readable, escaped HTML."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def as_html(value):
    if isinstance(value, dict):
        items = format_html_join(
            "", "<dt>{}</dt><dd>{}</dd>", ((key, as_html(item)) for key, item in value.items())
        )
        return format_html("<dl>{}</dl>", items)
    if isinstance(value, list):
        if not value:
            return "—"
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((as_html(i),) for i in value))
        )
    if value is None or value == "":
        return "—"
    if value is True:
        return mark_safe("oui")
    if value is False:
        return mark_safe("non")
    return format_html("{}", value)
