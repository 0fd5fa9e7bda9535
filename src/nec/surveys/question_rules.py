"""What the team may change in a survey question, so that the figures stay true.

The rule, also explained on the editor's page:
- a question that has answers keeps its type and its choices (values and labels), and
  cannot be removed: its answers were given to those choices. Its wording, help text, whether it
  is required, its condition and its place can still change; to ask something else, add a
  question;
- the questions the bilan reads (the default ones but the free text) are found by their key and
  counted by their answer values: their key, type and choice values stay those of the default
  question (the labels can change while there is no answer).

Used by the question form (errors next to the fields) and by the services (checked again under
lock before saving)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from nec.registrations.models import Question
from nec.surveys.defaults import default_questions

#: the default questions the bilan reads, by key
BILAN_QUESTIONS: dict[str, dict[str, Any]] = {
    spec["key"]: spec for spec in default_questions() if spec["key"] != "free_text"
}


def _values(choices) -> list[str]:
    return [str(value) for value, _label in choices or []]


def _pairs(choices) -> list[list[str]]:
    return [[str(value), str(label)] for value, label in choices or []]


def refusals(before: Any | None, after: Any, answers: int) -> dict[str, str]:
    """The refused changes from `before` (the stored question, None for a new one) to `after`,
    given how many answers it has: field ("key", "kind" or "choices") -> French message."""
    refused: dict[str, str] = {}
    if before is not None and answers:
        if after.kind != before.kind:
            refused["kind"] = _(
                "Cette question a déjà des réponses : son type ne peut plus changer, les chiffres "
                "mélangeraient deux questions différentes. Ajoutez plutôt une nouvelle question."
            )
        elif _pairs(after.choices) != _pairs(before.choices):
            refused["choices"] = _(
                "Cette question a déjà des réponses : ses choix ne peuvent plus changer, les "
                "réponses reçues portaient sur les choix d'origine. Ajoutez plutôt une nouvelle "
                "question."
            )
    if before is not None and before.key in BILAN_QUESTIONS and after.key != before.key:
        refused.setdefault(
            "key",
            _("Le bilan retrouve cette question par sa clé « %(key)s » : elle ne peut pas changer.")
            % {"key": before.key},
        )
    spec = BILAN_QUESTIONS.get(after.key)
    if spec is not None:
        if after.kind != spec["kind"]:
            refused.setdefault(
                "kind",
                _(
                    "Le bilan compte les réponses à la question « %(key)s » : son type reste "
                    "« %(kind)s »."
                )
                % {"key": after.key, "kind": Question.Kind(spec["kind"]).label},
            )
        elif _values(after.choices) != _values(spec.get("choices")):
            refused.setdefault(
                "choices",
                _(
                    "Le bilan compte les réponses à la question « %(key)s » par leur valeur : "
                    "gardez les valeurs %(values)s, dans cet ordre (les libellés peuvent changer)."
                )
                % {
                    "key": after.key,
                    "values": ", ".join(f"« {v} »" for v in _values(spec.get("choices"))),
                },
            )
    return refused


def fits(question: Any, value: Any) -> bool:
    """Whether a stored answer `value` is one `question` (as it is now) can take."""
    kind = question.kind
    if kind == Question.Kind.SINGLE:
        return isinstance(value, str) and value in _values(question.choices)
    if kind == Question.Kind.MULTIPLE:
        allowed = set(_values(question.choices))
        return isinstance(value, list) and all(str(v) in allowed for v in value)
    if kind == Question.Kind.BOOLEAN:
        return isinstance(value, bool)
    if kind == Question.Kind.NUMBER:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, str)
