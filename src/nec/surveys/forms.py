"""Forms of the surveys app: a person's answers (questions built by the registration
questionnaire engine, plus a rating and comment per session), the team's settings, and a survey
question (the registration questionnaire's question form, on the survey's questions)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nec.core.forms import Form, ModelForm
from nec.registrations.forms import QuestionForm
from nec.registrations.questionnaire_fields import QuestionnaireMixin
from nec.surveys.models import Survey, SurveyQuestion
from nec.surveys.question_rules import BILAN_QUESTIONS, refusals

RATINGS = [("", _("— Pas de note —"))] + [(str(n), f"{n} / 5") for n in range(1, 6)]


class AnswerForm(QuestionnaireMixin, Form):
    """The survey's questions and one rating + comment per session given in `sessions`."""

    def __init__(self, *args, questions, answers=None, sessions=(), feedback=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_questions(questions, answers)
        self.sessions = list(sessions)
        feedback = feedback or {}
        for session in self.sessions:
            rating, comment = feedback.get(session.pk, (None, ""))
            self.fields[f"rating_{session.pk}"] = forms.TypedChoiceField(
                label=_("Votre note pour « %(title)s »") % {"title": session.title},
                choices=RATINGS,
                coerce=int,
                empty_value=None,
                required=False,
                initial=str(rating) if rating else "",
            )
            self.fields[f"comment_{session.pk}"] = forms.CharField(
                label=_("Votre commentaire sur « %(title)s »") % {"title": session.title},
                max_length=1000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=comment,
            )

    def clean(self):
        cleaned = super().clean()
        self.clean_questions()
        return cleaned

    def question_fields(self):
        return [self[f"q_{q.key}"] for q in self.questions]

    def session_fields(self):
        return [
            (session, self[f"rating_{session.pk}"], self[f"comment_{session.pk}"])
            for session in self.sessions
        ]

    def feedback(self) -> dict[int, tuple[Any, str]]:
        return {
            s.pk: (
                self.cleaned_data.get(f"rating_{s.pk}"),
                self.cleaned_data.get(f"comment_{s.pk}", "").strip(),
            )
            for s in self.sessions
        }


class SettingsForm(ModelForm):
    class Meta:
        model = Survey
        fields = ["audience", "closes_at", "automatic"]
        widgets = {
            "audience": forms.RadioSelect,
            "closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }
        help_texts = {"closes_at": _("Après cette date, les réponses ne sont plus modifiables.")}


class SurveyQuestionForm(QuestionForm):
    """A question of `survey`: the registration engine's question form (choices one per line,
    condition « clé=valeur »), plus the survey's rules on questions that have answers or that the
    bilan reads (errors shown next to the field, what was typed kept)."""

    class Meta(QuestionForm.Meta):
        model = SurveyQuestion
        fields = ["label", "key", "help_text", "kind", "required"]

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, siblings=survey.questions.all(), **kwargs)
        self.survey = survey
        instance = self.instance
        self.before = (
            SurveyQuestion(key=instance.key, kind=instance.kind, choices=list(instance.choices))
            if instance.pk
            else None
        )
        self.answers = instance.answers.count() if instance.pk else 0
        if self.answers:
            locked = _("Cette question a déjà des réponses : ce champ ne peut plus changer.")
            self.fields["kind"].help_text = locked
            self.fields["choices_text"].help_text = locked
        elif instance.key in BILAN_QUESTIONS:
            self.fields["key"].help_text = _(
                "Le bilan lit cette question : sa clé, son type et les valeurs de ses choix "
                "restent ceux de la question par défaut."
            )

    def clean(self):
        data = super().clean()
        if data.get("key") and data.get("kind"):
            after = SurveyQuestion(
                key=data.get("key", ""), kind=data.get("kind", ""), choices=self.instance.choices
            )
            for field, message in refusals(self.before, after, self.answers).items():
                self.add_error("choices_text" if field == "choices" else field, message)
        return data
