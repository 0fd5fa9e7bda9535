"""Forms of the registrations app: registering and editing one's answers (identity plus the
edition's questionnaire), the team's list filters, registration settings, questions, and the
team's session capacity and manual booking forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from nec.core.forms import ModelForm
from nec.core.forms import mark_optional as mark_optional_fields
from nec.editions.models import Edition
from nec.registrations.models import Question, Registration, RegistrationSettings
from nec.registrations.questionnaire_fields import (
    QuestionnaireMixin,
    choices_of,
    field_name,
    shown,
)

NEWSLETTER_LABEL = _(
    "J'accepte de recevoir la lettre d'information de Numérique en Commun[s] "
    "(désinscription possible à tout moment)."
)


def mark_optional(form: forms.Form, skip: tuple[str, ...] = ("newsletter_consent",)) -> None:
    """Mark the optional fields "(facultatif)"; a conditional question that is required when
    shown is not optional."""
    required_when_shown = {
        f"q_{q.key}" for q in getattr(form, "questions", []) if q.required and q.condition
    }
    mark_optional_fields(form, skip=(*skip, *required_when_shown))


class IdentityFields(forms.Form):
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    job_title = forms.CharField(label=_("Fonction"), max_length=200, required=False)


class RegistrationForm(QuestionnaireMixin, IdentityFields):
    """Identity, the edition's questionnaire, then the newsletter consent (never pre-ticked)."""

    email = forms.EmailField(
        label=_("Adresse e-mail"),
        help_text=_("Nous y envoyons le lien qui confirme votre inscription."),
        error_messages={"invalid": _("Saisissez une adresse e-mail valide, ex. nom@exemple.fr.")},
    )
    field_order = ["first_name", "last_name", "email", "organisation", "job_title"]

    def __init__(self, *args, questions=(), answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["job_title"].widget.attrs["autocomplete"] = "organization-title"
        self.add_questions(questions, answers)
        # Added last so that it comes after the questionnaire, and unticked whatever happens.
        mark_optional(self)
        self.fields["newsletter_consent"] = forms.BooleanField(
            label=NEWSLETTER_LABEL, required=False, initial=False
        )

    def clean(self):
        data = super().clean()
        self.clean_questions()
        return data


class AnswersForm(QuestionnaireMixin, IdentityFields):
    """The person edits identity (not the e-mail), answers and consent."""

    def __init__(self, *args, registration: Registration, questions=(), answers=None, **kw):
        initial = {
            "first_name": registration.first_name,
            "last_name": registration.last_name,
            "organisation": registration.organisation,
            "job_title": registration.job_title,
            "newsletter_consent": registration.newsletter_consent,
        }
        super().__init__(*args, initial=initial, **kw)
        self.add_questions(questions, answers)
        mark_optional(self)
        self.fields["newsletter_consent"] = forms.BooleanField(
            label=NEWSLETTER_LABEL, required=False
        )

    def clean(self):
        data = super().clean()
        self.clean_questions()
        return data


class FilterForm(forms.Form):
    """The team's list filters: text, status and one select per choice-like question."""

    q = forms.CharField(label=_("Rechercher (nom, e-mail, organisation)"), required=False)
    status = forms.ChoiceField(
        label=_("Statut"),
        required=False,
        choices=[("", _("Tous les statuts")), *Registration.Status.choices],
    )

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = [q for q in questions if choices_of(q)]
        for question in self.questions:
            self.fields[field_name(question)] = forms.ChoiceField(
                label=shown(question.label),
                required=False,
                choices=[("", _("Toutes les réponses")), *choices_of(question)],
            )

    def answer_filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {
            q.key: self.cleaned_data[field_name(q)]
            for q in self.questions
            if self.cleaned_data.get(field_name(q))
        }


class SettingsForm(ModelForm):
    class Meta:
        model = RegistrationSettings
        fields = [
            "registration_open",
            "capacity",
            "booking_opens_at",
            "booking_closes_at",
            "waitlist_mode",
            "offer_hours",
        ]
        widgets = {
            "booking_opens_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "booking_closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def clean(self):
        data = super().clean()
        opens, closes = data.get("booking_opens_at"), data.get("booking_closes_at")
        if opens and closes and closes <= opens:
            self.add_error(
                "booking_closes_at",
                _("La clôture des réservations doit suivre leur ouverture."),
            )
        return data


class QuestionForm(ModelForm):
    """A question, with its choices typed one per line ("valeur | libellé" or just a label) and
    its condition as "clé=valeur". Shared by every questionnaire built on the engine: `siblings`
    (default: the edition's registration questions) are the questions of the same questionnaire,
    for the unique key and the condition; a subclass may set another model in its Meta."""

    choices_text = forms.CharField(
        label=_("Choix"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Pour un choix unique ou multiple : un choix par ligne, « valeur | libellé » ou "
            "seulement le libellé."
        ),
    )
    condition_text = forms.CharField(
        label=_("Condition d'affichage"),
        required=False,
        help_text=_(
            "Facultatif : « clé=valeur » pour ne poser la question que si une autre question a "
            "cette réponse (ex. sector=public)."
        ),
    )

    class Meta:
        model = Question
        fields = ["label", "key", "help_text", "kind", "required", "team_only"]
        help_texts = {
            "key": _("Identifiant court (lettres, chiffres, tirets), utilisé dans les exports.")
        }

    def __init__(self, *args, edition=None, siblings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.siblings = siblings if siblings is not None else edition.questions.all()
        self.fields["key"].required = False
        if self.instance.pk:
            self.initial["choices_text"] = "\n".join(
                f"{value} | {label}" for value, label in self.instance.choices
            )
            self.initial["condition_text"] = ", ".join(
                f"{k}={v}" for k, v in (self.instance.condition or {}).items()
            )

    def clean_key(self):
        key = self.cleaned_data.get("key") or slugify(self.cleaned_data.get("label", ""))[:60]
        key = key.replace("-", "_")
        if not key:
            raise ValidationError(_("Donnez une clé à la question."))
        others = self.siblings.filter(key=key)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError(_("Une autre question de cette édition a déjà cette clé."))
        return key

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        choices = []
        for line in (data.get("choices_text") or "").splitlines():
            line = line.strip()
            if not line:
                continue
            if "|" in line:
                value, label = (part.strip() for part in line.split("|", 1))
            else:
                value, label = slugify(line)[:40] or line, line
            if not value or not label:
                self.add_error(
                    "choices_text", _("Chaque ligne doit avoir une valeur et un libellé.")
                )
                break
            choices.append([value, label])
        values = [value for value, _label in choices]
        if len(values) != len(set(values)):
            self.add_error("choices_text", _("Deux choix ont la même valeur."))
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and len(choices) < 2:
            self.add_error(
                "choices_text", _("Un choix unique ou multiple demande au moins 2 choix.")
            )
        condition = {}
        text = (data.get("condition_text") or "").strip()
        if text:
            if "=" not in text:
                self.add_error(
                    "condition_text", _("Écrivez la condition sous la forme clé=valeur.")
                )
            else:
                key, value = (part.strip() for part in text.split("=", 1))
                other = self.siblings.filter(key=key).first()
                if other is None or other.pk == self.instance.pk:
                    self.add_error(
                        "condition_text", _("La condition doit porter sur une autre question.")
                    )
                elif value not in {v for v, _label in choices_of(other)}:
                    self.add_error(
                        "condition_text",
                        _("« %(value)s » n'est pas une réponse possible à « %(key)s ».")
                        % {"value": value, "key": key},
                    )
                else:
                    condition = {key: value}
        self.instance.choices = (
            choices if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) else []
        )
        self.instance.condition = condition
        return data


class CapacityForm(forms.Form):
    """The team sets a session's own capacity (empty: the room's)."""

    capacity = forms.IntegerField(
        label=_("Jauge de la session"),
        min_value=0,
        max_value=100000,
        required=False,
        help_text=_("Laisser vide pour reprendre la jauge de la salle."),
    )


class ManualBookingForm(forms.Form):
    """The team books a registered person (found by e-mail or ticket code) into a session."""

    person = forms.CharField(
        label=_("Personne inscrite"),
        max_length=254,
        help_text=_("Adresse e-mail ou code du billet de la personne."),
    )
    waitlist = forms.BooleanField(
        label=_("Si la session est complète, l'inscrire en liste d'attente"),
        required=False,
    )

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition

    def clean_person(self) -> Registration:
        value = self.cleaned_data["person"].strip()
        found = (
            Registration.objects.filter(edition=self.edition)
            .filter(Q(email__iexact=value) | Q(code__iexact=value))
            .first()
        )
        if found is None:
            raise forms.ValidationError(
                _("Aucune inscription à cette édition ne correspond à « %(value)s ».")
                % {"value": value}
            )
        return found
