"""Forms of the community app: contact search and segment filters, CSV import, mailings,
scheduling, the public newsletter form, preferences and the erasure confirmation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from nec.community.models import AudienceCategory, Mailing, Purpose, Role, Sector, Segment
from nec.core.forms import Form, ModelForm
from nec.editions.models import Edition
from nec.editions.regions import REGIONS

_ANY = [("", _("Tous"))]


class ContactFilterForm(Form):
    """The filters of the contact search, also the definition of a segment."""

    q = forms.CharField(label=_("Recherche"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Rôle"), choices=_ANY + Role.choices, required=False)
    region = forms.ChoiceField(
        label=_("Région"), choices=_ANY + sorted(REGIONS.items()), required=False
    )
    sector = forms.ChoiceField(label=_("Secteur"), choices=_ANY + Sector.choices, required=False)
    category = forms.ChoiceField(
        label=_("Catégorie de public"), choices=_ANY + AudienceCategory.choices, required=False
    )
    edition = forms.ChoiceField(label=_("Édition suivie"), required=False)
    purpose = forms.ChoiceField(
        label=_("Consentement accordé"), choices=_ANY + Purpose.choices, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].choices = _ANY + [
            (slug, title) for slug, title in Edition.objects.values_list("slug", "title")
        ]


class SegmentForm(ContactFilterForm):
    name = forms.CharField(label=_("Nom du segment"), max_length=150)
    field_order = ["name"]


class ImportForm(Form):
    file = forms.FileField(
        label=_("Fichier CSV (UTF-8)"),
        help_text=_(
            "Colonnes obligatoires : email, source_consentement, date_consentement ; "
            "facultatives : prenom, nom, organisation, secteur, categorie, region, departement, "
            "finalites (séparées par |)."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Essai à blanc : vérifier sans rien importer"), required=False, initial=True
    )


class MailingForm(ModelForm):
    class Meta:
        model = Mailing
        fields = ["subject", "body", "segment", "purpose", "rate_per_minute"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}
        help_texts = {
            "body": _(
                "Texte brut ; les adresses web deviennent des liens. Champs possibles : "
                "{prenom}, {nom}, {organisation}. Le lien de désabonnement est ajouté."
            ),
            "purpose": _("Seuls les contacts ayant consenti à cette finalité recevront l'envoi."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segment"].queryset = Segment.objects.all()
        self.fields["segment"].required = True
        self.fields["purpose"].choices = [
            item for item in Purpose.choices if item[0] != Purpose.OPEN_TRACKING
        ]


class ScheduleForm(Form):
    at = forms.DateTimeField(
        label=_("Envoyer le (vide : maintenant)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class SubscribeForm(Form):
    email = forms.EmailField(label=_("Adresse e-mail"), max_length=254)


class PreferencesForm(Form):
    purposes = forms.MultipleChoiceField(
        label=_("Je souhaite recevoir ou accepter"),
        choices=Purpose.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class EraseForm(Form):
    confirm = forms.BooleanField(
        label=_("Je comprends que cet effacement est définitif."), required=True
    )
