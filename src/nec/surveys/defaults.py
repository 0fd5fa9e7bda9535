"""The default evaluation survey: the questions the national reports' figures imply
(objectives, objectives met, appreciation up to « géniale », relevance, preparation, colleagues,
formats attended, reference event, city and venue, free text)."""

from typing import Any

from nec.registrations.models import Question
from nec.registrations.questionnaire import OBJECTIVES

#: The labelled appreciation scale, worst first.
APPRECIATION = [
    ["decevante", "Décevante"],
    ["moyenne", "Moyenne"],
    ["bien", "Bien"],
    ["tres_bien", "Très bien"],
    ["geniale", "Géniale"],
]
#: The answers of the scale that count as « liked it ».
LIKED = ("bien", "tres_bien", "geniale")


def default_questions() -> list[dict[str, Any]]:
    return [
        {
            "key": "objectives",
            "label": "Quels étaient vos objectifs en venant ?",
            "kind": Question.Kind.MULTIPLE,
            "choices": [list(item) for item in OBJECTIVES],
            "help_text": "Plusieurs réponses possibles.",
        },
        {
            "key": "objectives_met",
            "label": "Vos objectifs ont-ils été atteints ?",
            "kind": Question.Kind.BOOLEAN,
            "required": True,
        },
        {
            "key": "appreciation",
            "label": "Comment avez-vous trouvé cette édition ?",
            "kind": Question.Kind.SINGLE,
            "choices": APPRECIATION,
            "required": True,
        },
        {
            "key": "programme_relevant",
            "label": "Le programme vous a-t-il semblé pertinent ?",
            "kind": Question.Kind.BOOLEAN,
        },
        {
            "key": "visit_prepared",
            "label": "Aviez-vous préparé votre venue (programme, réservations) ?",
            "kind": Question.Kind.BOOLEAN,
        },
        {
            "key": "with_colleagues",
            "label": "Êtes-vous venu·e avec des collègues ?",
            "kind": Question.Kind.BOOLEAN,
        },
        {
            "key": "formats_attended",
            "label": "À combien de formats (ateliers, plénières, retex…) avez-vous assisté ?",
            "kind": Question.Kind.NUMBER,
        },
        {
            "key": "reference_event",
            "label": "Numérique en Commun[s] est-il pour vous l'événement de référence ?",
            "kind": Question.Kind.BOOLEAN,
        },
        {
            "key": "liked_city",
            "label": "Avez-vous aimé la ville et le lieu ?",
            "kind": Question.Kind.BOOLEAN,
        },
        {
            "key": "free_text",
            "label": "Un mot pour l'équipe ? (facultatif)",
            "kind": Question.Kind.TEXT,
        },
    ]
