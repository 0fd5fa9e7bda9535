"""Forms of the instruction: the national team's steps (ask for information, propose an
interview, accept, refuse, write, note) and the applicant's completion of their project."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nec.core.forms import Form
from nec.localeditions.forms import ApplicationForm
from nec.localeditions.models import RefusalReason

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RequestInformationForm(Form):
    message = forms.CharField(
        label=_("Ce qui manque"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    due = forms.DateField(label=_("À compléter pour le"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due"].initial = timezone.localdate() + timedelta(days=15)


class InterviewForm(Form):
    at = forms.DateTimeField(label=_("Date et heure"), widget=DATETIME)
    place = forms.CharField(
        label=_("Lieu ou lien de la visio"),
        max_length=300,
        help_text=_("Une adresse, ou le lien de la visioconférence."),
    )
    message = forms.CharField(
        label=_("Message (facultatif)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AcceptForm(Form):
    with_grant = forms.TypedChoiceField(
        label=_("Accompagnement"),
        choices=[("1", _("Avec subvention")), ("0", _("Sans subvention"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    amount = forms.IntegerField(
        label=_("Montant accordé, en euros"),
        required=False,
        min_value=0,
        help_text=_("Entre 2 500 et 5 000 € ; hors de cette fourchette, donnez un motif."),
    )
    override_reason = forms.CharField(
        label=_("Motif d'un montant hors fourchette (facultatif)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    message = forms.CharField(
        label=_("Message au porteur (facultatif)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RefuseForm(Form):
    reason = forms.ChoiceField(label=_("Motif (cahier des charges)"), choices=RefusalReason.choices)
    details = forms.CharField(
        label=_("Précisions, transmises au porteur"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MessageForm(Form):
    body = forms.CharField(
        label=_("Votre message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class NoteForm(Form):
    note = forms.CharField(
        label=_("Note interne (jamais montrée au porteur)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CompleteForm(ApplicationForm):
    """The applicant's project, completed as the team asked (address and charter unchanged)."""

    note = forms.CharField(
        label=_("Un mot pour l'équipe"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta(ApplicationForm.Meta):
        fields = [
            name
            for name in ApplicationForm.Meta.fields
            if name not in ("email", "charter_accepted")
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = False
