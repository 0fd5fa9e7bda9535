"""The public application form and the région filter of the national team's inbox."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nec.core.forms import Form, ModelForm, mark_optional
from nec.editions.regions import REGIONS
from nec.localeditions.models import Application
from nec.localeditions.services import GRANT_MAX, GRANT_MIN, earliest_event_date


class ApplicationForm(ModelForm):
    class Meta:
        model = Application
        fields = [
            "organisation_name",
            "siret",
            "first_name",
            "last_name",
            "email",
            "phone",
            "audience",
            "expected_size",
            "objectives",
            "commune",
            "department_code",
            "region_code",
            "venue",
            "step_free_access",
            "event_date",
            "formats",
            "free_entry",
            "registration_mode",
            "partners",
            "support_requested",
            "grant_requested",
            "budget",
            "charter_accepted",
        ]
        widgets = {
            "event_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "step_free_access": forms.RadioSelect,
            "registration_mode": forms.RadioSelect,
            "audience": forms.Textarea(attrs={"rows": 3}),
            "objectives": forms.Textarea(attrs={"rows": 4}),
            "formats": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.Textarea(attrs={"rows": 3}),
            "budget": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "organisation_name": gettext_lazy("Structure porteuse du projet"),
            "audience": gettext_lazy("Pour qui ? Le public visé"),
            "objectives": gettext_lazy("Pour quoi ? Les objectifs de l'évènement"),
            "formats": gettext_lazy("Comment ? Les formats prévus (plénières, ateliers, stands…)"),
            "free_entry": gettext_lazy("L'évènement est gratuit pour le public"),
            "support_requested": gettext_lazy(
                "Nous demandons l'accompagnement du programme Société Numérique"
            ),
            "grant_requested": gettext_lazy("Subvention demandée, en euros"),
            "charter_accepted": gettext_lazy("Nous nous engageons à respecter la charte NEC"),
        }
        help_texts = {
            "siret": gettext_lazy("14 chiffres, facultatif."),
            "department_code": gettext_lazy("Par exemple 57 ou 2A."),
            "grant_requested": gettext_lazy(
                "Entre 2 500 et 5 000 € si vous demandez l'accompagnement ; sinon laissez vide."
            ),
            "budget": gettext_lazy("Dans les grandes lignes, facultatif."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region_code"].choices = [("", "—")] + sorted(
            REGIONS.items(), key=lambda item: item[1]
        )
        # radio buttons without the empty "---------" choice
        self.fields["step_free_access"].choices = Application.Access.choices
        # required by clean(): the amount when support is requested (its help text says so),
        # free entry and the charter always; a yes/no choice is never "facultatif"
        mark_optional(
            self, skip=("grant_requested", "free_entry", "charter_accepted", "support_requested")
        )
        self.fields["registration_mode"].choices = Application.Registration.choices
        self.fields["free_entry"].required = True
        self.fields["charter_accepted"].required = True
        self.fields["free_entry"].error_messages["required"] = _(
            "Les évènements NEC sont gratuits : cochez cette case pour confirmer l'entrée gratuite."
        )
        self.fields["charter_accepted"].error_messages["required"] = _(
            "Pour candidater, vous devez vous engager à respecter la charte NEC."
        )

    def clean_department_code(self):
        code = self.cleaned_data["department_code"].strip().upper()
        if not (code.isascii() and code.isalnum() and 2 <= len(code) <= 3):
            raise ValidationError(_("Indiquez le numéro du département, par exemple 57 ou 2A."))
        return code

    def clean_event_date(self):
        value = self.cleaned_data["event_date"]
        earliest = earliest_event_date(timezone.localdate())
        if value < earliest:
            raise ValidationError(
                _(
                    "L'évènement doit avoir lieu au moins 3 mois après le dépôt : choisissez une "
                    "date à partir du %(date)s."
                )
                % {"date": formats.date_format(earliest, "j F Y")}
            )
        return value

    def clean(self):
        data = super().clean()
        support = data.get("support_requested")
        amount = data.get("grant_requested")
        if support and amount is None and "grant_requested" not in self.errors:
            self.add_error(
                "grant_requested",
                _("Indiquez le montant demandé, entre 2 500 et 5 000 €."),
            )
        elif support and amount is not None and not GRANT_MIN <= amount <= GRANT_MAX:
            self.add_error(
                "grant_requested",
                _("Le montant demandé doit être compris entre 2 500 et 5 000 €."),
            )
        elif not support and amount is not None:
            self.add_error(
                "grant_requested",
                _(
                    "Laissez le montant vide, ou cochez la demande d'accompagnement du "
                    "programme Société Numérique."
                ),
            )
        return data


class RegionFilterForm(Form):
    region = forms.ChoiceField(label=gettext_lazy("Région"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("Toutes les régions"))] + sorted(
            REGIONS.items(), key=lambda item: item[1]
        )
