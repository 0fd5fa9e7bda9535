"""Formatting filters of the public site: date ranges and numbers, in the active language."""

from datetime import date
from decimal import Decimal

from django import template
from django.utils import formats, translation
from django.utils.translation import gettext as _

register = template.Library()


def _day(value: date) -> str:
    if value.day == 1 and translation.get_language().startswith("fr"):
        return "1er"
    return str(value.day)


def _full(value: date) -> str:
    return f"{_day(value)} {formats.date_format(value, 'F Y')}"


@register.filter
def date_range(start: date | None, end: date | None = None) -> str:
    """'le 12 octobre 2023', 'les 29 et 30 octobre 2025', 'du 27 au 29 septembre 2022',
    'du 30 septembre au 2 octobre 2025', or '' when there is no date."""
    if not start:
        return ""
    if not end or end == start:
        return _("le %(date)s") % {"date": _full(start)}
    if (start.year, start.month) == (end.year, end.month):
        month_year = formats.date_format(end, "F Y")
        if (end - start).days == 1:
            return _("les %(first)s et %(second)s %(month_year)s") % {
                "first": _day(start),
                "second": _day(end),
                "month_year": month_year,
            }
        return _("du %(first)s au %(second)s %(month_year)s") % {
            "first": _day(start),
            "second": _day(end),
            "month_year": month_year,
        }
    if start.year == end.year:
        first = f"{_day(start)} {formats.date_format(start, 'F')}"
    else:
        first = _full(start)
    return _("du %(first)s au %(second)s") % {"first": first, "second": _full(end)}


@register.filter
def number(value) -> str:
    """A number with the thousands separator of the active language (1 800, 1,800)."""
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    return formats.number_format(value, use_l10n=True, force_grouping=True)


@register.filter
def audit_value(value) -> str:
    """A value of an audit entry's details for people: "—" for nothing, oui / non, lists joined
    (never Python's None / True / False / ['a', 'b'])."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if value is True:
        return _("oui")
    if value is False:
        return _("non")
    if isinstance(value, list | tuple):
        return ", ".join(audit_value(item) for item in value)
    if isinstance(value, dict):
        return " ; ".join(f"{key} : {audit_value(item)}" for key, item in value.items())
    return str(value)
