"""Form helpers shared by the apps' views."""

from __future__ import annotations

from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def apply_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the fields it names, the rest (and a
    message without field) on the whole form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


#: dates a form accepts: far enough for any edition, near enough that time-zone conversions and
#: date arithmetic never overflow (year 1 or 9999 used to give a 500)
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)


def validate_plausible_date(value: date | datetime) -> None:
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError(
            _("Indiquez une date entre %(earliest)s et %(latest)s.")
            % {"earliest": EARLIEST_DATE.year, "latest": LATEST_DATE.year},
            code="implausible_date",
        )


class PlausibleDatesMixin:
    """Every date and date-time field of the form refuses dates outside 2000–2100."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField | forms.DateTimeField):
                field.validators.append(validate_plausible_date)


class ModelForm(PlausibleDatesMixin, forms.ModelForm):
    """The base of every model form of the apps."""


class Form(PlausibleDatesMixin, forms.Form):
    """The base of every plain form of the apps that has dates."""
