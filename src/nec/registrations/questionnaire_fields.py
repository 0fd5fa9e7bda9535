"""The questionnaire as form fields: one Django field per Question of an edition, the conversion
between form values and stored answers, conditional questions, and readable answer labels."""

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nec.registrations.models import Question
from nec.registrations.questionnaire import DEPARTEMENT_NAMES, DEPARTEMENTS

YES_NO = [("oui", _("Oui")), ("non", _("Non"))]


def shown(text: str) -> str:
    """A label of the default questionnaire in the visitor's language (the default questions are
    stored in French and their texts are in the catalogue); a text the team typed has no entry
    and stays as typed."""
    return gettext(text) if text else text


def field_name(question: Question) -> str:
    return f"q_{question.key}"


def choice_label(question: Question, value: Any) -> str:
    """Human-readable answer."""
    if value is None or value == "" or value == []:
        return ""
    if question.kind == Question.Kind.BOOLEAN:
        return str(_("Oui") if value else _("Non"))
    if question.kind == Question.Kind.DEPARTEMENT:
        name = DEPARTEMENT_NAMES.get(str(value))
        return f"{value} – {name}" if name else str(value)
    if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        labels = {str(v): shown(label) for v, label in question.choices}
        if isinstance(value, list):
            return ", ".join(labels.get(str(v), str(v)) for v in value)
        return labels.get(str(value), str(value))
    return str(value)


def choices_of(question: Question) -> list[tuple[str, str]]:
    """The (value, label) pairs a choice-like question can take (empty for text and number)."""
    if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        return [(str(v), shown(str(label))) for v, label in question.choices]
    if question.kind == Question.Kind.BOOLEAN:
        return [(value, str(label)) for value, label in YES_NO]
    if question.kind == Question.Kind.DEPARTEMENT:
        return [(code, f"{code} – {name}") for code, name in DEPARTEMENTS]
    return []


def build_field(question: Question) -> forms.Field:
    """The form field of one question. Conditional questions are never required by the field
    itself: `clean_answers` checks them when their condition holds."""
    required = question.required and not question.condition
    common = {
        "label": shown(question.label),
        "help_text": shown(question.help_text),
        "required": required,
    }
    kind = question.kind
    if kind == Question.Kind.SINGLE:
        field = forms.ChoiceField(choices=choices_of(question), widget=forms.RadioSelect, **common)
    elif kind == Question.Kind.MULTIPLE:
        field = forms.MultipleChoiceField(
            choices=choices_of(question), widget=forms.CheckboxSelectMultiple, **common
        )
    elif kind == Question.Kind.BOOLEAN:
        field = forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
    elif kind == Question.Kind.DEPARTEMENT:
        field = forms.ChoiceField(
            choices=[("", _("— Choisir un département —")), *choices_of(question)], **common
        )
    elif kind == Question.Kind.NUMBER:
        field = forms.IntegerField(min_value=0, max_value=1_000_000, **common)
    else:
        field = forms.CharField(max_length=500, **common)
    if question.condition:
        # Read by registrations/questionnaire.js to hide the question until it applies.
        key, value = next(iter(question.condition.items()))
        field.widget.attrs["data-show-if"] = f"q_{key}={value}"
    return field


def to_initial(question: Question, value: Any) -> Any:
    """Stored answer -> form initial value."""
    if value is None:
        return None
    if question.kind == Question.Kind.BOOLEAN:
        return "oui" if value else "non"
    return value


def to_stored(question: Question, cleaned: Any) -> Any:
    """Cleaned form value -> stored JSON value (None when unanswered)."""
    if cleaned in (None, "", []):
        return None
    if question.kind == Question.Kind.BOOLEAN:
        return cleaned == "oui"
    if question.kind == Question.Kind.MULTIPLE:
        return list(cleaned)
    return cleaned


def condition_holds(question: Question, answers: dict[str, Any]) -> bool:
    """Whether a conditional question applies, given the stored answers by key."""
    for key, expected in (question.condition or {}).items():
        given = answers.get(key)
        if isinstance(given, list):
            if expected not in given:
                return False
        elif isinstance(given, bool):
            if given != (expected in (True, "oui", "true")):
                return False
        elif given != expected:
            return False
    return True


class QuestionnaireMixin:
    """Adds one field per question of `questions` to a form; `answers()` returns what to store.

    The form takes `questions` (a list of Question) and `answers` (key -> stored value)."""

    def add_questions(self, questions: list[Question], answers: dict[str, Any] | None = None):
        self.questions = list(questions)
        answers = answers or {}
        for question in self.questions:
            self.fields[field_name(question)] = build_field(question)
            if question.key in answers:
                self.initial[field_name(question)] = to_initial(question, answers[question.key])

    def clean_questions(self) -> None:
        """Required conditional questions: required only when their condition holds."""
        answers = self.stored_answers()
        for question in self.questions:
            if not (question.condition and question.required):
                continue
            if condition_holds(question, answers) and answers.get(question.key) is None:
                name = field_name(question)
                if name not in self.errors:
                    self.add_error(name, _("Ce champ est obligatoire."))

    def stored_answers(self) -> dict[str, Any]:
        """key -> stored value of every question (None when unanswered or not applicable)."""
        data = getattr(self, "cleaned_data", {})
        raw = {q.key: to_stored(q, data.get(field_name(q))) for q in self.questions}
        for question in self.questions:
            if question.condition and not condition_holds(question, raw):
                raw[question.key] = None
        return raw
