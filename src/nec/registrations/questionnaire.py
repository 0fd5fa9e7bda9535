"""The default registration questionnaire: its reference data (French départements, published
audience categories and tracks, structure types) and the default questions of an edition.

The form fields built from an edition's questions live in `questionnaire_fields`."""

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction

# Marked for the catalogue, stored in French, translated when shown (`questionnaire_fields.shown`)
from django.utils.translation import gettext_noop

from nec.registrations.models import Question

#: Every French département (metropolitan, Corsica 2A/2B, overseas), code -> name.
DEPARTEMENTS: list[tuple[str, str]] = [
    ("01", "Ain"),
    ("02", "Aisne"),
    ("03", "Allier"),
    ("04", "Alpes-de-Haute-Provence"),
    ("05", "Hautes-Alpes"),
    ("06", "Alpes-Maritimes"),
    ("07", "Ardèche"),
    ("08", "Ardennes"),
    ("09", "Ariège"),
    ("10", "Aube"),
    ("11", "Aude"),
    ("12", "Aveyron"),
    ("13", "Bouches-du-Rhône"),
    ("14", "Calvados"),
    ("15", "Cantal"),
    ("16", "Charente"),
    ("17", "Charente-Maritime"),
    ("18", "Cher"),
    ("19", "Corrèze"),
    ("2A", "Corse-du-Sud"),
    ("2B", "Haute-Corse"),
    ("21", "Côte-d'Or"),
    ("22", "Côtes-d'Armor"),
    ("23", "Creuse"),
    ("24", "Dordogne"),
    ("25", "Doubs"),
    ("26", "Drôme"),
    ("27", "Eure"),
    ("28", "Eure-et-Loir"),
    ("29", "Finistère"),
    ("30", "Gard"),
    ("31", "Haute-Garonne"),
    ("32", "Gers"),
    ("33", "Gironde"),
    ("34", "Hérault"),
    ("35", "Ille-et-Vilaine"),
    ("36", "Indre"),
    ("37", "Indre-et-Loire"),
    ("38", "Isère"),
    ("39", "Jura"),
    ("40", "Landes"),
    ("41", "Loir-et-Cher"),
    ("42", "Loire"),
    ("43", "Haute-Loire"),
    ("44", "Loire-Atlantique"),
    ("45", "Loiret"),
    ("46", "Lot"),
    ("47", "Lot-et-Garonne"),
    ("48", "Lozère"),
    ("49", "Maine-et-Loire"),
    ("50", "Manche"),
    ("51", "Marne"),
    ("52", "Haute-Marne"),
    ("53", "Mayenne"),
    ("54", "Meurthe-et-Moselle"),
    ("55", "Meuse"),
    ("56", "Morbihan"),
    ("57", "Moselle"),
    ("58", "Nièvre"),
    ("59", "Nord"),
    ("60", "Oise"),
    ("61", "Orne"),
    ("62", "Pas-de-Calais"),
    ("63", "Puy-de-Dôme"),
    ("64", "Pyrénées-Atlantiques"),
    ("65", "Hautes-Pyrénées"),
    ("66", "Pyrénées-Orientales"),
    ("67", "Bas-Rhin"),
    ("68", "Haut-Rhin"),
    ("69", "Rhône"),
    ("70", "Haute-Saône"),
    ("71", "Saône-et-Loire"),
    ("72", "Sarthe"),
    ("73", "Savoie"),
    ("74", "Haute-Savoie"),
    ("75", "Paris"),
    ("76", "Seine-Maritime"),
    ("77", "Seine-et-Marne"),
    ("78", "Yvelines"),
    ("79", "Deux-Sèvres"),
    ("80", "Somme"),
    ("81", "Tarn"),
    ("82", "Tarn-et-Garonne"),
    ("83", "Var"),
    ("84", "Vaucluse"),
    ("85", "Vendée"),
    ("86", "Vienne"),
    ("87", "Haute-Vienne"),
    ("88", "Vosges"),
    ("89", "Yonne"),
    ("90", "Territoire de Belfort"),
    ("91", "Essonne"),
    ("92", "Hauts-de-Seine"),
    ("93", "Seine-Saint-Denis"),
    ("94", "Val-de-Marne"),
    ("95", "Val-d'Oise"),
    ("971", "Guadeloupe"),
    ("972", "Martinique"),
    ("973", "Guyane"),
    ("974", "La Réunion"),
    ("976", "Mayotte"),
]
DEPARTEMENT_NAMES: dict[str, str] = dict(DEPARTEMENTS)

HISTORY_FILE = Path(__file__).resolve().parent.parent / "editions" / "data" / "history.json"


@cache
def _distributions() -> dict:
    with HISTORY_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)["distributions"]


def audience_categories() -> list[tuple[str, str, float]]:
    """The 2022 audience categories as (value, label, published percentage)."""
    items = _distributions()["audience_categories_2022"]["items"]
    values = [
        "strategies_inclusion",
        "culture_citoyenne",
        "innovation_communs",
        "etat_transformation",
        "reseaux_mediateurs",
        "operateurs_nationaux",
        "achat_collectivites",
        "aucun",
    ]
    return [(value, item["label"], item["pct"]) for value, item in zip(values, items, strict=True)]


def tracks_2025() -> list[tuple[str, float]]:
    """The 2025 tracks ("parcours") as (label, published percentage)."""
    return [(item["label"], item["pct"]) for item in _distributions()["tracks_2025"]["items"]]


PUBLIC_KINDS = [
    ("collectivite", gettext_noop("Collectivité")),
    ("etat", gettext_noop("Ministère ou agence de l'État")),
    ("operateur", gettext_noop("Opérateur")),
    ("autre", gettext_noop("Autre")),
]
STRUCTURE_TYPES = [
    ("collectivite", gettext_noop("Collectivité territoriale")),
    ("etat", gettext_noop("Administration ou agence de l'État")),
    ("operateur", gettext_noop("Opérateur de service public")),
    ("association", gettext_noop("Association")),
    ("entreprise", gettext_noop("Entreprise")),
    ("ess", gettext_noop("Coopérative, structure de l'ESS")),
    ("tiers_lieu", gettext_noop("Tiers-lieu")),
    ("recherche", gettext_noop("Recherche, enseignement")),
    ("autre", gettext_noop("Autre")),
]
OBJECTIVES = [
    ("decouvrir", gettext_noop("Découvrir des initiatives et des projets inspirants")),
    ("rencontrer", gettext_noop("Rencontrer des acteurs et des organisations")),
    ("apprendre", gettext_noop("Apprendre, me former")),
]


def track_choices(edition) -> list[list[str]]:
    """The edition's tracks if it has some, else the 2025 tracks' labels."""
    tracks = list(edition.tracks.order_by("name").values_list("pk", "name"))
    if tracks:
        return [[f"track-{pk}", name] for pk, name in tracks]
    return [[f"parcours-{n}", label] for n, (label, _pct) in enumerate(tracks_2025(), start=1)]


def default_questions(edition) -> list[dict[str, Any]]:
    """The default questionnaire: what the national reports publish."""
    return [
        {
            "key": "audience",
            "label": gettext_noop(
                "Dans quelle catégorie de public vous reconnaissez-vous le mieux ?"
            ),
            "kind": Question.Kind.SINGLE,
            "choices": [[value, label] for value, label, _pct in audience_categories()],
            "required": True,
        },
        {
            "key": "sector",
            "label": gettext_noop("Votre secteur"),
            "kind": Question.Kind.SINGLE,
            "choices": [
                ["public", gettext_noop("Secteur public")],
                ["private", gettext_noop("Secteur privé")],
            ],
            "required": True,
        },
        {
            "key": "public_kind",
            "label": gettext_noop("Dans le secteur public, vous travaillez pour :"),
            "kind": Question.Kind.SINGLE,
            "choices": [list(item) for item in PUBLIC_KINDS],
            "required": True,
            "condition": {"sector": "public"},
            "help_text": gettext_noop("Uniquement pour le secteur public."),
        },
        {
            "key": "structure_type",
            "label": gettext_noop("Type de structure"),
            "kind": Question.Kind.SINGLE,
            "choices": [list(item) for item in STRUCTURE_TYPES],
            "required": True,
        },
        {
            "key": "departement",
            "label": gettext_noop("Département de votre structure"),
            "kind": Question.Kind.DEPARTEMENT,
            "required": True,
        },
        {
            "key": "first_time",
            "label": gettext_noop("Est-ce votre première participation à Numérique en Commun[s] ?"),
            "kind": Question.Kind.BOOLEAN,
            "required": True,
        },
        {
            "key": "with_colleagues",
            "label": gettext_noop("Venez-vous avec des collègues ?"),
            "kind": Question.Kind.BOOLEAN,
            "required": False,
        },
        {
            "key": "objectives",
            "label": gettext_noop("Vos objectifs pour cette édition"),
            "kind": Question.Kind.MULTIPLE,
            "choices": [list(item) for item in OBJECTIVES],
            "required": False,
            "help_text": gettext_noop("Plusieurs réponses possibles."),
        },
        {
            "key": "track",
            "label": gettext_noop("Le parcours qui vous intéresse le plus"),
            "kind": Question.Kind.SINGLE,
            "choices": track_choices(edition),
            "required": False,
        },
        {
            "key": "accessibility",
            "label": gettext_noop("Avez-vous des besoins d'accessibilité ?"),
            "kind": Question.Kind.TEXT,
            "required": False,
            "team_only": True,
            "help_text": gettext_noop(
                "Par exemple : fauteuil roulant, boucle magnétique, sous-titrage. "
                "Seule l'équipe d'organisation lit cette réponse."
            ),
        },
    ]


def ensure_default_questionnaire(edition) -> list[Question]:
    """Create the default questions the edition does not have yet (by key); keep the others."""
    with transaction.atomic():
        existing = set(edition.questions.values_list("key", flat=True))
        for position, spec in enumerate(default_questions(edition), start=1):
            if spec["key"] in existing:
                continue
            Question.objects.create(edition=edition, position=position * 10, **spec)
    return list(edition.questions.all())
