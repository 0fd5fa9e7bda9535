"""Forms of the call for proposals, reviews, decisions and the partner offer catalogue."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from nec.core.forms import ModelForm
from nec.editions.models import Organisation
from nec.programme.models import (
    CallForProposals,
    FormatType,
    PartnerOffer,
    Review,
    Session,
    Theme,
    Track,
)
from nec.programme.services.offers import (
    filter_offers,
    offer_organisations_for,
    published_offers,
)
from nec.programme.services.proposals import ProposalData
from nec.programme.services.review_queue import only_scored_by
from nec.programme.services.reviews import check_template

MAX_CO_SPEAKERS = 10


class ProposalForm(forms.Form):
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        help_text=_("Vous recevrez un lien pour suivre votre proposition."),
    )
    organisation_name = forms.CharField(
        label=_("Votre organisation"), max_length=200, required=False
    )
    title = forms.CharField(label=_("Titre de la session"), max_length=250)
    format_type = forms.ModelChoiceField(
        label=_("Type de format"), queryset=FormatType.objects.none(), required=True
    )
    theme = forms.ModelChoiceField(label=_("Thème"), queryset=Theme.objects.none(), required=False)
    track = forms.ModelChoiceField(
        label=_("Parcours"), queryset=Track.objects.none(), required=False
    )
    summary = forms.CharField(
        label=_("Résumé"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("600 caractères au plus : il sera publié dans le programme."),
    )
    description = forms.CharField(
        label=_("Description détaillée"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    co_speakers = forms.CharField(
        label=_("Co-intervenant·es à inviter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Une adresse e-mail par ligne. Chacun·e recevra une invitation à confirmer."),
    )
    partner_organisation = forms.ModelChoiceField(
        label=_("Organisation partenaire (déjà connue)"),
        queryset=Organisation.objects.all(),
        required=False,
    )
    partner_name = forms.CharField(
        label=_("Organisation partenaire (autre)"),
        max_length=200,
        required=False,
        help_text=_("Si elle n'est pas dans la liste ci-dessus."),
    )
    material_needs = forms.CharField(
        label=_("Besoins matériels"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    needs_step_free = forms.BooleanField(
        label=_("Une personne intervenante a besoin d'une salle accessible de plain-pied"),
        required=False,
    )

    def __init__(self, *args, edition, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.fields["format_type"].queryset = FormatType.objects.filter(
            edition=edition, public=True
        )
        self.fields["theme"].queryset = Theme.objects.filter(edition=edition)
        self.fields["track"].queryset = Track.objects.filter(edition=edition)
        if not self.fields["theme"].queryset.exists():
            del self.fields["theme"]
        if not self.fields["track"].queryset.exists():
            del self.fields["track"]
        self.user = user if user is not None and user.is_authenticated else None
        if self.user is not None:
            del self.fields["email"]
            self.fields["first_name"].initial = self.user.first_name
            self.fields["last_name"].initial = self.user.last_name
        for name in ("first_name", "last_name"):
            self.fields[name].widget.attrs["autocomplete"] = (
                "given-name" if name == "first_name" else "family-name"
            )
        if "email" in self.fields:
            self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_co_speakers(self) -> list[str]:
        raw = self.cleaned_data.get("co_speakers", "")
        emails, invalid = [], []
        for line in raw.replace(",", "\n").replace(";", "\n").splitlines():
            address = line.strip()
            if not address:
                continue
            try:
                validate_email(address)
            except ValidationError:
                invalid.append(address)
            else:
                emails.append(address.lower())
        if invalid:
            raise ValidationError(
                _("Adresse(s) e-mail invalide(s) : %(list)s.") % {"list": ", ".join(invalid)}
            )
        if len(emails) > MAX_CO_SPEAKERS:
            raise ValidationError(
                _("%(max)d co-intervenant·es au plus.") % {"max": MAX_CO_SPEAKERS}
            )
        return emails

    def to_data(self) -> ProposalData:
        data = self.cleaned_data
        return ProposalData(
            email=self.user.email if self.user else data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            organisation_name=data.get("organisation_name", ""),
            title=data["title"],
            summary=data["summary"],
            description=data.get("description", ""),
            format_type=data.get("format_type"),
            theme=data.get("theme"),
            track=data.get("track"),
            co_speakers=data.get("co_speakers", []),
            partner_organisation=data.get("partner_organisation"),
            partner_name=data.get("partner_name", ""),
            material_needs=data.get("material_needs", ""),
            needs_step_free=data.get("needs_step_free", False),
        )


class CallForm(ModelForm):
    class Meta:
        model = CallForProposals
        fields = ["opens_at", "closes_at", "intro", "guidelines"]
        widgets = {
            "opens_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "intro": forms.Textarea(attrs={"rows": 4}),
            "guidelines": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("La clôture doit suivre l'ouverture."))
        return data


class ReviewForm(ModelForm):
    score = forms.TypedChoiceField(
        label=_("Note"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 = à écarter, 5 = excellente proposition."),
    )

    class Meta:
        model = Review
        fields = ["score", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}


class ProposalFilterForm(forms.Form):
    format_type = forms.ModelChoiceField(
        label=_("Type de format"), queryset=FormatType.objects.none(), required=False
    )
    theme = forms.ModelChoiceField(label=_("Thème"), queryset=Theme.objects.none(), required=False)
    track = forms.ModelChoiceField(
        label=_("Parcours"), queryset=Track.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Statut"),
        required=False,
        choices=[("", _("Tous"))]
        + [
            (s.value, s.label)
            for s in (Session.Status.PROPOSED, Session.Status.ACCEPTED, Session.Status.DECLINED)
        ],
    )
    min_average = forms.DecimalField(
        label=_("Moyenne minimale"), required=False, min_value=1, max_value=5, decimal_places=1
    )
    not_reviewed_by_me = forms.BooleanField(label=_("Pas encore notées par moi"), required=False)

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format_type"].queryset = FormatType.objects.filter(edition=edition)
        self.fields["theme"].queryset = Theme.objects.filter(edition=edition)
        self.fields["track"].queryset = Track.objects.filter(edition=edition)

    def apply(self, qs, user, *, scores_hidden: bool = False):
        """`qs` filtered; with `scores_hidden` (a reviewer who does not see the others' scores
        before scoring) the minimal average only keeps proposals `user` has scored."""
        if not self.is_valid():
            return qs
        data = self.cleaned_data
        if data["format_type"]:
            qs = qs.filter(format_type=data["format_type"])
        if data["theme"]:
            qs = qs.filter(themes=data["theme"])
        if data["track"]:
            qs = qs.filter(track=data["track"])
        if data["status"]:
            qs = qs.filter(status=data["status"])
        if data["min_average"] is not None:
            qs = qs.filter(review_avg__gte=data["min_average"])
            if scores_hidden:
                qs = only_scored_by(qs, user)
        if data["not_reviewed_by_me"]:
            qs = qs.exclude(reviews__reviewer=user)
        return qs


class DecisionForm(forms.Form):
    """The e-mail announcing a decision (accept or decline), editable before it is sent."""

    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[("accept", _("Accepter")), ("decline", _("Refuser"))],
        widget=forms.HiddenInput,
    )
    subject = forms.CharField(label=_("Objet du message"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Champs remplacés pour chaque destinataire : {titre}, {prenom}, {nom}, {edition}, "
            "{format}, {lien}."
        ),
    )

    def clean_subject(self):
        check_template(self.cleaned_data["subject"])
        return self.cleaned_data["subject"]

    def clean_body(self):
        check_template(self.cleaned_data["body"])
        return self.cleaned_data["body"]


class OfferForm(ModelForm):
    class Meta:
        model = PartnerOffer
        fields = [
            "organisation",
            "format_name",
            "title",
            "description",
            "themes",
            "duration_minutes",
            "conditions",
            "contact",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "conditions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = offer_organisations_for(user)
        self.fields["format_name"].help_text = _("Par exemple : atelier, masterclass, retex.")


class OfferFilterForm(forms.Form):
    q = forms.CharField(label=_("Recherche"), required=False)
    format_name = forms.ChoiceField(label=_("Type de format"), required=False)
    theme = forms.CharField(label=_("Thème"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offers = published_offers()
        formats = sorted({f.lower() for f in offers.values_list("format_name", flat=True)})
        self.fields["format_name"].choices = [("", _("Tous"))] + [(f, f) for f in formats]
        self.fields["organisation"].queryset = Organisation.objects.filter(
            offers__published=True
        ).distinct()

    def apply(self, qs):
        if not self.is_valid():
            return qs
        data = self.cleaned_data
        return filter_offers(
            qs,
            format_name=data["format_name"],
            theme=data["theme"],
            organisation=data["organisation"],
            text=data["q"],
        )
