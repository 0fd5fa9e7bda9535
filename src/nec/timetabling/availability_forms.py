"""The form of a session's unavailable slots: the edition's slots as checkboxes and a reason."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nec.core.forms import Form
from nec.programme.models import TimeSlot


def slot_label(slot: TimeSlot) -> str:
    """ "12/06 09:30–10:30 · Plénière": the time first, so slots with a label stay readable."""
    start, end = timezone.localtime(slot.start), timezone.localtime(slot.end)
    when = f"{start:%d/%m %H:%M}–{end:%H:%M}"
    return f"{when} · {slot.label}" if slot.label else when


class SlotChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: TimeSlot) -> str:
        return slot_label(obj)


class UnavailabilityForm(Form):
    slots = SlotChoices(
        label=_("Créneaux où la session ne peut pas avoir lieu"),
        queryset=TimeSlot.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Cochez les créneaux où un·e intervenant·e n'est pas disponible."),
        error_messages={
            "invalid_choice": _("Ce créneau n'existe pas dans cette édition."),
            "invalid_pk_value": _("Ce créneau n'existe pas dans cette édition."),
        },
    )
    note = forms.CharField(
        label=_("Motif (facultatif)"),
        max_length=200,
        required=False,
        help_text=_("Par exemple : « arrive à 11 h le premier jour ». Visible par l'équipe."),
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slots"].queryset = TimeSlot.objects.filter(edition=edition).order_by(
            "start", "end", "pk"
        )
