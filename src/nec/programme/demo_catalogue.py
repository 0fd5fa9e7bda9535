"""The texts and shapes the programme demo draws from: formats and how many sessions of each,
rooms, daily slots, topics, title patterns, summaries and organisation names."""

from datetime import time

#: (format slug, number of sessions, speakers per session (min, max))
FORMAT_PLAN = [
    ("pleniere", 2, (3, 4)),
    ("masterclass", 11, (1, 1)),
    ("atelier", 26, (2, 2)),
    ("retex", 45, (2, 3)),
    ("regards-croises", 10, (3, 4)),
    ("pitch", 4, (5, 6)),
    ("grand-format", 2, (3, 4)),
    ("temps-prive-institutionnel", 2, (2, 2)),
]

#: (name, capacity, step-free)
ROOMS = [
    ("Grand amphithéâtre", 900, True),
    ("Amphithéâtre Pascal", 300, True),
    ("Salle Puy de Dôme", 160, True),
    ("Salle Sancy", 120, True),
    ("Salle Livradois", 80, True),
    ("Salle Forez", 60, True),
    ("Salle Combrailles", 50, True),
    ("Salle Artense", 40, True),
    ("Mezzanine", 40, False),
    ("Atelier des Volcans", 35, True),
]

#: (start, end) of the 7 slots of each day
DAY_SLOTS = [
    (time(9, 0), time(10, 0)),
    (time(10, 15), time(11, 15)),
    (time(11, 30), time(12, 30)),
    (time(14, 0), time(15, 0)),
    (time(15, 15), time(16, 15)),
    (time(16, 30), time(17, 30)),
    (time(17, 45), time(18, 45)),
]

TOPICS = [
    "la médiation numérique en zone rurale",
    "les conseillers numériques France Services",
    "l'ouverture des données des collectivités",
    "les communs numériques au service des territoires",
    "la sobriété numérique dans les services publics",
    "l'accessibilité des démarches en ligne",
    "l'inclusion numérique des seniors",
    "le reconditionnement des ordinateurs",
    "l'intelligence artificielle et l'action publique",
    "la cybersécurité des petites communes",
    "les tiers-lieux et l'émancipation numérique",
    "l'éducation aux médias et à l'information",
    "la lutte contre le non-recours aux droits",
    "les logiciels libres dans les collectivités",
    "la gouvernance des données territoriales",
    "les réseaux d'aidants numériques",
    "la souveraineté numérique locale",
    "la formation des agents publics au numérique",
    "les usages numériques des jeunes",
    "la cartographie des lieux de médiation",
    "la mesure d'impact de l'inclusion numérique",
    "les démarches administratives accompagnées",
    "le numérique responsable à l'école",
    "la désinformation et l'esprit critique",
    "les plateformes publiques ouvertes",
    "la coopération entre acteurs de l'accompagnement",
    "le financement des structures de médiation",
    "les outils collaboratifs souverains",
    "l'hébergement des données de santé",
    "la participation citoyenne en ligne",
]

TITLE_PATTERNS = {
    "pleniere": ["Plénière d'ouverture : faire commun(s)", "Plénière de clôture : et maintenant ?"],
    "masterclass": ["Masterclass : comprendre {topic}", "Masterclass : repenser {topic}"],
    "atelier": [
        "Atelier : prototyper un plan d'action sur {topic}",
        "Atelier : cartographier {topic}",
        "Atelier : construire une synthèse sur {topic}",
    ],
    "retex": ["Retex : {topic} à {city}", "Retex : ce que {city} a appris sur {topic}"],
    "regards-croises": ["Regards croisés sur {topic}", "Regards croisés : demain, {topic}"],
    "pitch": ["Pitchs : {pitches} initiatives sur {topic}"],
    "grand-format": [
        "Grand format : faut-il réguler {topic} ?",
        "Grand format : {topic}, une question démocratique",
    ],
    "temps-prive-institutionnel": ["Comité des partenaires {n}", "Réunion des préfectures {n}"],
}

#: what each format is, for the demo sessions' summaries (a real programme text, not lorem ipsum)
FORMAT_SUMMARIES = {
    "pleniere": "Le temps fort qui rassemble tous les participant·es autour des enjeux "
    "de l'édition.",
    "masterclass": "Une heure avec une personne experte pour comprendre {topic} et repartir avec "
    "des repères concrets.",
    "atelier": "Un atelier en petit groupe pour travailler sur {topic} à partir de situations "
    "réelles apportées par les participant·es.",
    "retex": "Un retour d'expérience de {city} sur {topic} : ce qui a marché, ce qui a coincé, "
    "ce qui peut se transposer ailleurs.",
    "regards-croises": "Élu·es, agent·es et associations croisent leurs regards sur {topic}.",
    "pitch": "Quelques initiatives présentées en cinq minutes chacune, puis un temps d'échange "
    "avec la salle sur {topic}.",
    "grand-format": "Un débat ouvert pour mettre en discussion {topic} avec la salle.",
    "temps-prive-institutionnel": "Temps de travail réservé aux personnes invitées.",
}

DESCRIPTION_PARAGRAPHS = [
    "Public : médiateur·rices numériques, agent·es des collectivités et des services publics, "
    "associations, tiers-lieux, entreprises engagées pour un numérique d'intérêt général.",
    "Objectif : partager des pratiques qui fonctionnent sur {topic}, identifier les freins "
    "rencontrés sur le terrain et repartir avec des contacts et des ressources réutilisables.",
    "Les supports présentés seront publiés sous licence libre (CC BY-SA 4.0) après l'événement.",
]


ORGANISATION_PATTERNS = [
    "Mairie de {city}",
    "Conseil départemental de {dept}",
    "Médiathèque de {city}",
    "Centre social de {city}",
    "Hub numérique {region}",
    "Association {word} numérique",
    "Coopérative {word}",
    "Tiers-lieu La {word}",
    "Université de {city}",
    "Communauté de communes de {city}",
    "France Services de {city}",
    "Agence régionale du numérique {region}",
]

REGIONS = ["Auvergne-Rhône-Alpes", "Occitanie", "Bretagne", "Grand Est", "Hauts-de-France",
           "Nouvelle-Aquitaine", "Normandie", "Pays de la Loire"]  # fmt: skip
WORDS = ["Fabrique", "Passerelle", "Ruche", "Boussole", "Clé", "Forge", "Source", "Traverse"]
