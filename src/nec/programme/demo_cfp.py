"""Demo data of the call for proposals and the partner offer catalogue.

On the current national edition: an open call for proposals with 15 proposals (fictitious
proposers, seeded Faker), reviews by three reviewers on most of them, and 12 partner offers from
the edition's partner organisations (10 published, 2 drafts). Idempotent: nothing is added if the
call already exists / an offer with the same title already exists."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from nec.accounts.models import User
from nec.editions.models import Edition, Membership, Organisation, Partnership
from nec.programme.models import (
    CallForProposals,
    FormatType,
    PartnerOffer,
    Proposal,
    Review,
    Session,
    SessionSpeaker,
    Theme,
    Track,
)
from nec.programme.services.proposals import speaker_for_user

DOMAIN = "demo.nec.example"

PROPOSAL_TITLES = [
    ("atelier", "Aller vers les publics éloignés : la médiation numérique itinérante"),
    ("retex", "Un guichet France services qui accompagne aussi au numérique"),
    ("retex", "Reconditionner 2 000 ordinateurs par an avec une entreprise d'insertion"),
    ("masterclass", "Piloter une stratégie d'inclusion numérique départementale"),
    ("atelier", "Co-construire un référentiel de compétences des aidants numériques"),
    ("regards-croises", "Communs numériques et collectivités : qui contribue, qui maintient ?"),
    ("retex", "Le Pass numérique, trois ans après : ce que disent les territoires"),
    ("atelier", "Fresque de la sobriété numérique pour les agent·es publics"),
    ("pitch", "Une appli libre pour cartographier les lieux de médiation"),
    ("retex", "Former les secrétaires de mairie à l'accompagnement des démarches"),
    ("masterclass", "Accessibilité numérique : passer du RGAA à la pratique"),
    ("atelier", "Évaluer l'impact social d'un tiers-lieu numérique"),
    ("retex", "Un réseau régional de conseillers numériques qui tient dans la durée"),
    ("regards-croises", "Intelligence artificielle et services publics de proximité"),
    ("pitch", "Des ateliers numériques en bibliothèque pour les parents"),
]

OFFERS = [
    (
        "Atelier",
        "Fresque du numérique",
        "Sobriété, Environnement",
        180,
        "Un atelier ludique et collaboratif pour comprendre les impacts environnementaux du "
        "numérique et identifier des leviers d'action.",
        "25 personnes, tables en îlots",
    ),
    (
        "Masterclass",
        "Construire une feuille de route d'inclusion numérique",
        "Inclusion",
        90,
        "Méthode, indicateurs et exemples pour élaborer et piloter une feuille de route "
        "territoriale.",
        "Vidéoprojecteur",
    ),
    (
        "Retex",
        "Conseillers numériques : trois ans de terrain",
        "Inclusion, Médiation",
        60,
        "Des conseillères et conseillers numériques racontent leurs pratiques et leurs "
        "partenariats locaux.",
        "Aucune",
    ),
    (
        "Atelier",
        "Jeu de rôle : accompagner une démarche en ligne",
        "Médiation",
        120,
        "Mise en situation d'aidants face à des usagers en difficulté avec une démarche "
        "administrative.",
        "20 personnes",
    ),
    (
        "Table ronde",
        "Communs numériques et acteurs publics",
        "Communs, Souveraineté",
        60,
        "Élu·es, agent·es et contributeurs de communs débattent des modèles de gouvernance.",
        "4 intervenant·es, micros",
    ),
    (
        "Atelier",
        "Cartographier l'offre de médiation de son territoire",
        "Inclusion, Données",
        120,
        "Utiliser des données ouvertes pour recenser les lieux et services de médiation.",
        "Ordinateurs portables des participant·es",
    ),
    (
        "Pitch",
        "Cinq outils libres pour les tiers-lieux",
        "Communs, Tiers-lieux",
        30,
        "Présentations éclair d'outils libres utiles aux tiers-lieux et associations.",
        "Écran",
    ),
    (
        "Fishbowl",
        "Numérique responsable dans les collectivités",
        "Sobriété",
        90,
        "Un format ouvert où chacun peut prendre la parole sur les achats et usages responsables.",
        "Cercle de chaises",
    ),
    (
        "Masterclass",
        "Accessibilité des sites publics : l'essentiel du RGAA",
        "Accessibilité",
        90,
        "Les critères clés, les outils de test et l'organisation à mettre en place.",
        "Vidéoprojecteur, boucle magnétique",
    ),
    (
        "Atelier",
        "Design de services avec les usager·es",
        "Services publics",
        150,
        "Méthodes de design participatif appliquées aux services publics locaux.",
        "Post-it, paperboards",
    ),
    (
        "Retex",
        "Reconditionnement et réemploi du matériel informatique",
        "Sobriété, Inclusion",
        60,
        "Une filière locale de réemploi racontée par ses acteurs.",
        "Aucune",
    ),
    (
        "Atelier",
        "Former les aidants à la cybersécurité du quotidien",
        "Sécurité",
        120,
        "Les bons réflexes à transmettre aux publics accompagnés.",
        "15 personnes",
    ),
]
PUBLISHED_OFFERS = 10


def _organisations(edition: Edition) -> list[Organisation]:
    partners = list(
        Organisation.objects.filter(
            pk__in=Partnership.objects.filter(edition=edition).values("organisation")
        ).order_by("name")
    )
    member_orgs = list(
        Organisation.objects.filter(
            members__edition=edition, members__role=Membership.Role.PARTNER
        ).distinct()
    )
    ordered = member_orgs + [o for o in partners if o not in member_orgs]
    return ordered or list(Organisation.objects.order_by("name")[:6])


def _user(fake: Faker, rng) -> User:
    first, last = fake.first_name(), fake.last_name()
    email = f"{slugify(first)}.{slugify(last)}@{DOMAIN}"
    user = User.objects.filter(email=email).first()
    return user or User.objects.create_user(email=email, first_name=first, last_name=last)


def _reviewers(edition: Edition, context, fake: Faker) -> list[User]:
    users = []
    demo = (context.objects.get("accounts") or {}).get("reviewer")
    if demo is not None:
        users.append(demo)
    for local_part in ("relecture-2", "relecture-3"):
        email = f"{local_part}@{DOMAIN}"
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email=email, first_name=fake.first_name(), last_name=fake.last_name()
        )
        Membership.objects.get_or_create(user=user, edition=edition, role=Membership.Role.REVIEWER)
        users.append(user)
    return users


def _proposals(edition: Edition, context, fake: Faker) -> int:
    now = timezone.now()
    CallForProposals.objects.create(
        edition=edition,
        opens_at=now - timedelta(days=21),
        closes_at=now + timedelta(days=30),
        intro=(
            "Vous portez un projet, une initiative, une recherche au service d'un numérique "
            "d'intérêt général ? Proposez un format pour l'édition nationale."
        ),
        guidelines=(
            "Privilégiez les formats participatifs et les panels mixtes : la charte refuse les "
            "panels exclusivement masculins."
        ),
    )
    rng = context.rng
    formats = {f.slug: f for f in FormatType.objects.filter(edition=edition)}
    themes = list(Theme.objects.filter(edition=edition))
    tracks = list(Track.objects.filter(edition=edition))
    reviewers = _reviewers(edition, context, fake)
    count = 0
    for index, (format_slug, title) in enumerate(PROPOSAL_TITLES):
        proposer = _user(fake, rng)
        session = Session.objects.create(
            edition=edition,
            title=title,
            summary=fake.paragraph(nb_sentences=3),
            description=fake.paragraph(nb_sentences=6),
            format_type=formats.get(format_slug),
            track=rng.choice(tracks) if tracks else None,
            status=Session.Status.PROPOSED,
            needs_step_free=index % 7 == 3,
            material_needs="Vidéoprojecteur" if index % 3 == 0 else "",
        )
        if themes:
            session.themes.add(rng.choice(themes))
        Proposal.objects.create(
            session=session,
            edition=edition,
            proposer=proposer,
            submitted_at=now - timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 23)),
        )
        speaker = speaker_for_user(edition, proposer, name=proposer.get_full_name(), actor=proposer)
        SessionSpeaker.objects.get_or_create(session=session, speaker=speaker)
        if index % 2 == 0:
            co_user = _user(fake, rng)
            co = speaker_for_user(edition, co_user, name=co_user.get_full_name())
            SessionSpeaker.objects.get_or_create(
                session=session, speaker=co, defaults={"position": 1, "confirmed": index % 4 == 0}
            )
        if index < 12:  # the last three are not reviewed yet
            for reviewer in rng.sample(reviewers, k=rng.randint(1, len(reviewers))):
                Review.objects.create(
                    session=session,
                    reviewer=reviewer,
                    score=rng.randint(2, 5),
                    comment=rng.choice(
                        [
                            "Sujet très attendu par les collectivités.",
                            "Format participatif bienvenu.",
                            "À croiser avec une autre proposition proche.",
                            "Panel à diversifier.",
                            "",
                        ]
                    ),
                )
        count += 1
    return count


def _offers(organisations: list[Organisation]) -> int:
    created = 0
    for index, (fmt, title, themes, minutes, description, conditions) in enumerate(OFFERS):
        organisation = organisations[index % len(organisations)]
        if PartnerOffer.objects.filter(title=title).exists():
            continue
        PartnerOffer.objects.create(
            organisation=organisation,
            format_name=fmt,
            title=title,
            description=description,
            themes=themes,
            duration_minutes=minutes,
            conditions=conditions,
            contact=f"formats@{slugify(organisation.name)[:40]}.example",
            published=index < PUBLISHED_OFFERS,
        )
        created += 1
    return created


def load_demo(context) -> None:
    edition = context.national_edition()
    if edition is None:
        return
    fake = Faker("fr_FR")
    fake.seed_instance(context.rng.randint(0, 10**9))
    with transaction.atomic():
        proposals = 0
        if not CallForProposals.objects.filter(edition=edition).exists():
            proposals = _proposals(edition, context, fake)
        organisations = _organisations(edition)
        offers = _offers(organisations) if organisations else 0
    context.say(f"  appel à propositions : {proposals} propositions, {offers} offres partenaires")
