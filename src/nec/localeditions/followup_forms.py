"""Forms of the follow-up: a retro-planning step (added or edited) and a committee."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nec.core.forms import Form, ModelForm
from nec.localeditions.instruction_forms import DATE
from nec.localeditions.models import Agreement, Committee, Milestone


class MilestoneForm(ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_date", "owner", "done_on"]
        widgets = {"due_date": DATE, "done_on": DATE}
        labels = {"done_on": _("Faite le (facultatif)"), "owner": _("Responsable (facultatif)")}


class CommitteeForm(ModelForm):
    class Meta:
        model = Committee
        fields = ["held_on", "participants", "minutes"]
        widgets = {
            "held_on": DATE,
            "participants": forms.Textarea(attrs={"rows": 2}),
            "minutes": forms.Textarea(attrs={"rows": 5}),
        }
        labels = {"minutes": _("Compte rendu (facultatif)")}


class AgreementForm(ModelForm):
    """A new version of the agreement, prefilled from the accepted application."""

    class Meta:
        model = Agreement
        fields = [
            "beneficiary",
            "amount",
            "override_reason",
            "purpose",
            "obligations",
            "documentation_due",
        ]
        widgets = {
            "documentation_due": DATE,
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "obligations": forms.Textarea(attrs={"rows": 6}),
            "override_reason": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"override_reason": _("Motif d'un montant hors de 2 500 – 5 000 € (facultatif)")}
        help_texts = {"obligations": _("Un engagement par ligne.")}


class SignedCopyForm(Form):
    signed_copy = forms.FileField(
        label=_("Exemplaire signé (PDF, 10 Mo au plus)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class PaymentForm(Form):
    paid_on = forms.DateField(label=_("Versée le"), widget=DATE)
    amount = forms.IntegerField(label=_("Montant versé, en euros"), min_value=1)
