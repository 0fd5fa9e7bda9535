"""Forms of the programme: espace organisation (sessions, speakers, rooms, slots, placing) and
the public programme filters. Choices are always limited to the form's edition."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from nec.core.forms import ModelForm
from nec.core.images import ImageUploadField
from nec.editions.models import Edition, Organisation
from nec.programme.models import (
    FormatType,
    Room,
    Session,
    SessionSpeaker,
    Speaker,
    Theme,
    TimeSlot,
    Track,
)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class EditionModelForm(ModelForm):
    """A model form whose related choices are restricted to `edition`."""

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset.model, "edition"):
                field.queryset = queryset.filter(edition=edition)

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


class SessionForm(EditionModelForm):
    class Meta:
        model = Session
        fields = [
            "title",
            "format_type",
            "track",
            "themes",
            "summary",
            "description",
            "partners",
            "capacity_override",
            "language",
            "needs_step_free",
            "material_needs",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "material_needs": forms.Textarea(attrs={"rows": 2}),
            "language": forms.Select(choices=[("fr", "français"), ("en", "anglais")]),
        }
        help_texts = {
            "capacity_override": _("Laisser vide pour reprendre la jauge de la salle."),
            "partners": _("Organisations ayant co-conçu la session (Ctrl ou Cmd pour plusieurs)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Organisation.objects.order_by("name")
        self.fields["partners"].widget.attrs["size"] = 6


class SpeakerForm(EditionModelForm):
    photo = ImageUploadField(label=_("photo"), required=False)

    class Meta:
        model = Speaker
        fields = [
            "name",
            "email",
            "organisation_name",
            "job_title",
            "bio",
            "photo",
            "photo_alt",
            "public_consent",
            "gender",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "gender": _(
                "Facultatif, déclaré par la personne elle-même ; sert uniquement au suivi de la "
                "parité. Ne le devinez jamais."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gender"].choices = [("", _("non renseigné"))] + list(Speaker.Gender.choices)


class SessionSpeakerForm(forms.Form):
    speaker = forms.ModelChoiceField(
        label=_("Intervenant·e"),
        queryset=Speaker.objects.none(),
        error_messages={"required": _("Choisissez une personne.")},
    )
    role = forms.ChoiceField(label=_("Rôle"), choices=SessionSpeaker.Role.choices)

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speaker"].queryset = Speaker.objects.filter(edition=edition).only(
            "pk", "name", "organisation_name"
        )


class RoomForm(EditionModelForm):
    class Meta:
        model = Room
        fields = [
            "name",
            "capacity",
            "step_free",
            "position",
            "available_from",
            "available_until",
            "notes",
        ]
        widgets = {
            "available_from": DateTimeInput(),
            "available_until": DateTimeInput(),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }


class SlotForm(EditionModelForm):
    class Meta:
        model = TimeSlot
        fields = ["start", "end", "label"]
        widgets = {"start": DateTimeInput(), "end": DateTimeInput()}
        help_texts = {"label": _("Facultatif, par exemple « Plénière d'ouverture ».")}


class PlaceForm(forms.Form):
    """Place or move a session into a cell of the grid."""

    session = forms.ModelChoiceField(
        label=_("Session"),
        queryset=Session.objects.none(),
        error_messages={"required": _("Choisissez une session.")},
    )
    slot = forms.ModelChoiceField(
        label=_("Créneau"),
        queryset=TimeSlot.objects.none(),
        error_messages={"required": _("Choisissez un créneau.")},
    )
    room = forms.ModelChoiceField(
        label=_("Salle"),
        queryset=Room.objects.none(),
        error_messages={"required": _("Choisissez une salle.")},
    )

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Session.objects.filter(
            edition=edition, status__in=Session.ACTIVE_STATUSES
        ).order_by("title")
        self.fields["slot"].queryset = TimeSlot.objects.filter(edition=edition)
        self.fields["room"].queryset = Room.objects.filter(edition=edition)


class SessionFilterForm(forms.Form):
    """Filters of the organisers' session list (GET)."""

    status = forms.ChoiceField(
        label=_("Statut"), required=False, choices=[("", _("tous"))] + Session.Status.choices
    )
    format_type = forms.ModelChoiceField(
        label=_("Format"), required=False, queryset=FormatType.objects.none(), empty_label=_("tous")
    )
    theme = forms.ModelChoiceField(
        label=_("Thème"), required=False, queryset=Theme.objects.none(), empty_label=_("tous")
    )
    q = forms.CharField(label=_("Recherche"), required=False, max_length=100)

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format_type"].queryset = FormatType.objects.filter(edition=edition)
        self.fields["theme"].queryset = Theme.objects.filter(edition=edition)


class ProgrammeFilterForm(forms.Form):
    """Filters of the public programme (GET): every field optional, bad values ignored. The
    choices come from the cached programme list (`nec.programme.listing`): no query."""

    q = forms.CharField(label=_("Rechercher une session"), required=False, max_length=100)
    day = forms.ChoiceField(label=_("Jour"), required=False)
    time = forms.ChoiceField(label=_("Créneau"), required=False)
    track = forms.TypedChoiceField(label=_("Parcours"), required=False, coerce=int)
    theme = forms.TypedChoiceField(label=_("Thème"), required=False, coerce=int)
    format_type = forms.TypedChoiceField(label=_("Format"), required=False, coerce=int)
    seats = forms.BooleanField(label=_("Avec des places restantes"), required=False)
    step_free = forms.BooleanField(label=_("Salles de plain-pied uniquement"), required=False)

    def __init__(self, *args, listing, **kwargs):
        super().__init__(*args, **kwargs)
        from django.utils import formats

        every = [("", _("tous"))]
        self.fields["day"].choices = every + [
            (day.isoformat(), formats.date_format(day, "l j F")) for day in listing.days
        ]
        self.fields["time"].choices = every + list(listing.times)
        self.fields["track"].choices = every + list(listing.tracks)
        self.fields["theme"].choices = every + list(listing.themes)
        self.fields["format_type"].choices = every + list(listing.formats)

    def filters(self) -> dict:
        """The valid filters (an invalid value is dropped, the rest still applies)."""
        self.is_valid()
        return {key: value for key, value in self.cleaned_data.items() if value}


class ThemeForm(EditionModelForm):
    class Meta:
        model = Theme
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class TrackForm(EditionModelForm):
    class Meta:
        model = Track
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class OwnSpeakerProfileForm(SpeakerForm):
    """What a speaker edits on their own profile (no e-mail: it is their account's)."""

    class Meta(SpeakerForm.Meta):
        fields = [
            "name",
            "organisation_name",
            "job_title",
            "bio",
            "photo",
            "photo_alt",
            "public_consent",
            "gender",
        ]
        help_texts = {
            "gender": _(
                "Facultatif. Sert uniquement à suivre la parité du programme, jamais affiché "
                "publiquement."
            ),
            "public_consent": _(
                "Votre nom, votre fonction, votre organisation, votre biographie et votre photo "
                "apparaissent sur le programme public."
            ),
        }


class FormatTypeForm(EditionModelForm):
    class Meta:
        model = FormatType
        fields = ["name", "default_duration_minutes", "participatory", "public", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
