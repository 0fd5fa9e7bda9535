"""Forms of the reports app: comment, override (reason mandatory), typed-in figure."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nec.core.forms import Form, ModelForm
from nec.reports.models import TypedFigure


class CommentForm(Form):
    comment = forms.CharField(
        label=_("Commentaire de l'équipe"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class OverrideForm(Form):
    key = forms.ChoiceField(label=_("Chiffre à corriger"))
    value = forms.CharField(label=_("Valeur retenue"), max_length=60)
    reason = forms.CharField(
        label=_("Raison de la correction"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Obligatoire : elle est affichée avec le chiffre."),
    )

    def __init__(self, *args, figures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = [(f.key, f.label) for f in figures]

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(
                _("Une correction doit être justifiée : indiquez la raison.")
            )
        return reason


class TypedFigureForm(ModelForm):
    class Meta:
        model = TypedFigure
        fields = ["topic", "label", "value", "unit", "source"]
        help_texts = {"source": _("Par exemple : statistiques LinkedIn au 15 novembre.")}
