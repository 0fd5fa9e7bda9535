"""Forms of the espace organisation (editions, partnerships, members, audit filters)."""

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from nec.core.forms import ModelForm
from nec.core.models import AuditEntry
from nec.editions.models import Edition, Membership, Organisation, Partnership
from nec.editions.services import EDITION_FIELDS, NATIONAL_TEAM_FIELDS, RESERVED_SLUGS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class EditionForm(ModelForm):
    """Every field of an edition. Status and kind are read-only unless the user may change them
    (the national team)."""

    class Meta:
        model = Edition
        fields = list(EDITION_FIELDS)
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 6}),
            "access_info": forms.Textarea(attrs={"rows": 3}),
            "venue_accessibility": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "slug": _("Lettres minuscules, chiffres et tirets ; il apparaît dans les adresses."),
            "region_code": _("Code INSEE de la région, par exemple 53 pour la Bretagne."),
            "departement_code": _("Code INSEE du département, par exemple 35."),
            "opening_hours": _("Par exemple : accueil de 8 h 30 à 18 h, le 2e jour jusqu'à 16 h."),
            "access_info": _("Transports en commun, stationnement, vélos."),
            "venue_accessibility": _(
                "Accès de plain-pied, ascenseurs, boucle magnétique, espace calme, "
                "personne à contacter pour un besoin particulier."
            ),
        }

    def __init__(self, *args, can_change_status: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "Laissez vide pour le calculer depuis le titre. Lettres minuscules, chiffres et "
                "tirets ; il apparaît dans les adresses."
            )
        if not can_change_status:
            for name in NATIONAL_TEAM_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Seule l'équipe nationale peut le changer.")

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if not slug and self.instance.pk is None:
            slug = slugify(self.cleaned_data.get("title", ""))[:80]
            if Edition.objects.filter(slug=slug).exists():
                raise forms.ValidationError(
                    _("Une édition utilise déjà l'identifiant « %(slug)s » : choisissez-en un."),
                    params={"slug": slug},
                )
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("Cet identifiant est réservé, choisissez-en un autre."))
        return slug

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.changed_data if name in self.fields}


class PartnershipForm(forms.Form):
    """Add an existing organisation as a partner."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        error_messages={"required": _("Choisissez une organisation.")},
    )
    role = forms.ChoiceField(label=_("Rôle"), choices=Partnership.Role.choices)

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.exclude(
            partnerships__edition=edition
        )


class OrganisationForm(ModelForm):
    """Create an organisation and add it as a partner in one go."""

    role = forms.ChoiceField(label=_("Rôle dans l'édition"), choices=Partnership.Role.choices)
    website = forms.URLField(
        label=_("Site web"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Indiquez une adresse web valide, par exemple https://…")},
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "siret", "website"]
        error_messages = {"name": {"required": _("Indiquez le nom de l'organisation.")}}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "new")
        super().__init__(*args, **kwargs)

    def clean_siret(self):
        return self.cleaned_data["siret"].replace(" ", "")


class MemberForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        error_messages={
            "required": _("Indiquez l'adresse e-mail de la personne."),
            "invalid": _(
                "Cette adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.fr)."
            ),
        },
    )
    first_name = forms.CharField(label=_("Prénom"), required=False, max_length=150)
    last_name = forms.CharField(label=_("Nom"), required=False, max_length=150)
    role = forms.ChoiceField(label=_("Rôle"), choices=Membership.Role.choices)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "member")
        super().__init__(*args, **kwargs)


class AuditFilterForm(forms.Form):
    edition = forms.ModelChoiceField(
        label=_("Édition"), queryset=Edition.objects.all(), required=False
    )
    action = forms.ChoiceField(label=_("Action"), required=False)

    def __init__(self, *args, entries=None, show_edition: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        entries = AuditEntry.objects.all() if entries is None else entries
        actions = entries.order_by("action").values_list("action", flat=True).distinct()
        self.fields["action"].choices = [("", _("Toutes"))] + [(a, a) for a in actions]
        self.fields["edition"].empty_label = _("Toutes")
        if not show_edition:
            del self.fields["edition"]
