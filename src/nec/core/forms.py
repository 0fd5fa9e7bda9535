"""Form helpers shared by the apps' views."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from nec.core.ids import parse_id


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


#: the integer range of PostgreSQL's `integer`, enforced on SQLite too (which stores 64 bits and
#: overflows beyond: 10^30 used to give a 500)
INTEGER_RANGE = (-2_147_483_648, 2_147_483_647)


def _accept_only_valid_ids(field: forms.ModelChoiceField) -> None:
    """A choice of rows by id refuses what is not an id ("²", 10^30) as an invalid choice, before
    the database sees it (SQLite overflows on 10^30 instead of finding nothing)."""
    key = field.to_field_name or "pk"
    model_field = field.queryset.model._meta.pk if key == "pk" else None
    if model_field is None or model_field.get_internal_type() not in (
        "AutoField",
        "BigAutoField",
    ):
        return

    def check(values) -> None:
        for value in values:
            if value not in field.empty_values and parse_id(value) is None:
                if isinstance(field, forms.ModelMultipleChoiceField):
                    raise ValidationError(
                        field.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": str(value)[:40]},
                    )
                raise ValidationError(
                    field.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(value)[:40]},
                )

    if isinstance(field, forms.ModelMultipleChoiceField):
        check_values = field._check_values

        def guarded_check_values(value):
            check(value)
            return check_values(value)

        field._check_values = guarded_check_values
    else:
        to_python = field.to_python

        def guarded_to_python(value):
            check([value])
            return to_python(value)

        field.to_python = guarded_to_python


class PlausibleValuesMixin:
    """Every date and date-time field of the form refuses dates outside 2000–2100, every integer
    field numbers outside the database's integer range, every choice of rows what is not an id,
    each with a message in the form (never a 500)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField | forms.DateTimeField):
                field.validators.append(validate_plausible_date)
            elif isinstance(field, forms.ModelChoiceField):
                _accept_only_valid_ids(field)
            elif isinstance(field, forms.IntegerField):
                low, high = INTEGER_RANGE
                if field.min_value is None or field.min_value < low:
                    field.validators.append(MinValueValidator(low))
                if field.max_value is None or field.max_value > high:
                    field.validators.append(MaxValueValidator(high))


class ModelForm(PlausibleValuesMixin, forms.ModelForm):
    """The base of every model form of the apps."""


class Form(PlausibleValuesMixin, forms.Form):
    """The base of every plain form of the apps that has dates."""


OPTIONAL = _lazy("(facultatif)")


def mark_optional(form: forms.BaseForm, skip: Iterable[str] = ()) -> None:
    """Append "(facultatif)" to the label of every optional field (but those in `skip`): the
    others are required. `marks_optional` tells includes/form_fields.html not to star the
    required fields as well."""
    form.marks_optional = True
    skip = set(skip)
    for name, field in form.fields.items():
        if not field.required and name not in skip:
            field.label = f"{field.label} {OPTIONAL}"
