"""The light registration questionnaire of a local edition, after the Metz 2023 edition's: who
you are, where you come from ("connaître l'origine des participants"), whether it is your first
NEC, and accessibility needs. Installed when an accepted application creates the edition,
instead of the national questionnaire (which the team may still add from the questionnaire page).

The questions keep the national questions' keys, so the figures of registrations and the bilan
read them the same way."""

from typing import Any

from nec.editions.models import Edition
from nec.registrations.models import Question, RegistrationSettings
from nec.registrations.questionnaire import STRUCTURE_TYPES, default_questions

#: the national questions a local edition asks, in this order
LIGHT_KEYS = ("structure_type", "departement", "first_time", "accessibility")
#: "who you are": the structure types, and the inhabitants a local edition also welcomes
LOCAL_STRUCTURE_TYPES = [
    *[list(item) for item in STRUCTURE_TYPES if item[0] != "autre"],
    ["particulier", "À titre personnel (habitant·e)"],
    ["autre", "Autre"],
]
LABELS = {
    "structure_type": "Vous venez…",
    "departement": "D'où venez-vous ? Département de votre structure ou de votre domicile",
}


def light_questions(edition: Edition) -> list[dict[str, Any]]:
    """The specs of the light questionnaire (as `default_questions` gives them)."""
    national = {spec["key"]: spec for spec in default_questions(edition)}
    specs = []
    for key in LIGHT_KEYS:
        spec = dict(national[key])
        spec["label"] = LABELS.get(key, spec["label"])
        if key == "structure_type":
            spec["choices"] = LOCAL_STRUCTURE_TYPES
        specs.append(spec)
    return specs


def install_light_questionnaire(edition: Edition) -> None:
    """Give a new local edition its registration settings and the light questionnaire. Call it
    inside the transaction creating the edition; an edition that already has its settings keeps
    its questions."""
    _row, created = RegistrationSettings.objects.get_or_create(edition_id=edition.pk)
    if not created:
        return
    existing = set(edition.questions.values_list("key", flat=True))
    for position, spec in enumerate(light_questions(edition), start=1):
        if spec["key"] not in existing:
            Question.objects.create(edition=edition, position=position * 10, **spec)
