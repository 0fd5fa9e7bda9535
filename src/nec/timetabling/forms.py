"""Forms of the timetabling app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nec.core.forms import Form
from nec.programme.models import FormatType
from nec.timetabling.services import MAX_TIME_LIMIT


class RunForm(Form):
    time_limit = forms.IntegerField(
        label=_("Durée maximale du calcul (secondes)"),
        min_value=1,
        max_value=MAX_TIME_LIMIT,
        initial=60,
    )
    seed = forms.IntegerField(
        label=_("Graine"),
        min_value=0,
        max_value=1_000_000,
        initial=1,
        help_text=_("La même graine redonne la même proposition sur les mêmes données."),
    )
    move_placed = forms.BooleanField(
        label=_("Autoriser à déplacer les sessions déjà placées dans la grille"),
        required=False,
        initial=True,
        help_text=_(
            "Cochée : les garder en place est seulement préféré. "
            "Décochée : elles restent où l'équipe les a mises."
        ),
    )
    keep_formats = forms.ModelMultipleChoiceField(
        label=_("Toujours garder à leur place les sessions de ces formats"),
        queryset=FormatType.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reserve_kept_slots = forms.BooleanField(
        label=_("Laisser vides les créneaux où ces sessions sont seules (plénières)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        formats = FormatType.objects.filter(edition=edition).order_by("name")
        self.fields["keep_formats"].queryset = formats
        self.fields["keep_formats"].initial = [
            f.pk for f in formats if not f.public or "plénière" in f.name.lower()
        ]


DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class WindowForm(Form):
    """The dates of the fair allocation's ranking window."""

    opens_at = forms.DateTimeField(label=_("Ouverture des classements"), widget=DATETIME)
    closes_at = forms.DateTimeField(
        label=_("Clôture des classements"),
        widget=DATETIME,
        help_text=_("Vous pourrez aussi clore plus tôt : la clôture attribue les places."),
    )
