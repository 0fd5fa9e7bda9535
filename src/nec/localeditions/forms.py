"""The public application form (with its attachments and « Enregistrer le brouillon ») and the
région filter of the national team's inbox."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nec.core.forms import Form, ModelForm, mark_optional
from nec.editions.regions import REGIONS
from nec.localeditions.attachments import LABEL as ATTACHMENTS_LABEL
from nec.localeditions.attachments import MAX_FILES, AttachmentsField
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

    def __init__(self, *args, reference_day=None, **kwargs):
        super().__init__(*args, **kwargs)
        # the 3-month rule counts from the first submission, also when the project is completed
        self.reference_day = reference_day or timezone.localdate()
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
        self.fields["free_entry"].error_messages["required"] = _(
            "Les évènements NEC sont gratuits : cochez cette case pour confirmer l'entrée gratuite."
        )
        if "charter_accepted" in self.fields:  # not asked again when the project is completed
            self.fields["charter_accepted"].required = True
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
        earliest = earliest_event_date(self.reference_day)
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


class ApplyForm(ApplicationForm):
    """The public form: the project, files attached, and saving it as a draft. `attached` is
    the number of files a resumed draft already holds."""

    attachments = AttachmentsField()

    def __init__(self, *args, attached: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["attachments"]
        field.room = max(MAX_FILES - attached, 0)
        field.label = ATTACHMENTS_LABEL  # its limits already in brackets: "facultatif" below
        field.help_text = _(
            "Facultatif. Le format est vérifié d'après le contenu du fichier, quel que soit son "
            "nom. Pour en choisir plusieurs, maintenez la touche Ctrl (ou Cmd) en cliquant."
        )

    def draft_data(self) -> dict | None:
        """For « Enregistrer le brouillon »: check only the e-mail address and the files, keep
        every other field as typed (at most its length, NUL characters dropped), unchecked.
        None when the address or a file is refused; the form then shows only those errors."""
        self._errors = ErrorDict()  # the other fields are not validated: no full_clean()
        self.cleaned_data = {}
        for name in ("email", "attachments"):
            field = self.fields[name]
            raw = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            try:
                self.cleaned_data[name] = field.clean(raw)
            except ValidationError as error:
                self.add_error(name, error)
        if self._errors:
            return None
        data = {}
        for name in self.Meta.fields:
            if self.add_prefix(name) in self.data:
                limit = getattr(self.fields[name], "max_length", None) or 100
                # unchecked, but without NUL (PostgreSQL's jsonb refuses it, as any text)
                value = str(self.data.get(self.add_prefix(name))).replace("\x00", "")
                data[name] = value[:limit]
        data["email"] = self.cleaned_data["email"]
        return data


class RegionFilterForm(Form):
    region = forms.ChoiceField(label=gettext_lazy("Région"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("Toutes les régions"))] + sorted(
            REGIONS.items(), key=lambda item: item[1]
        )
