"""Demo data of editions: the real history (from the seeds), then fake current editions.

The current national edition is shaped like 2025 (three days, a congress centre, the alliance of
partners with their roles) and set a few months ahead of today; local editions take place in
different régions, carried by fictitious organisations with valid SIRET numbers. Idempotent:
everything is looked up by slug before being created.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils.text import slugify
from faker import Faker

from nec.editions import services
from nec.editions.models import Edition, Organisation, Partnership
from nec.editions.validators import luhn_valid

#: the demo national edition: a plausible city and a fictitious venue
NATIONAL_CITY = "Clermont-Ferrand"
NATIONAL_VENUE = "Centre de congrès des Volcans (fictif)"
NATIONAL_REGION = ("84", "63")  # Auvergne-Rhône-Alpes, Puy-de-Dôme

#: local editions: city, région code, département code, offset in days from the national one,
#: status, kind of the carrying organisation
LOCAL_EDITIONS = [
    ("Rennes", "53", "35", -70, Edition.Status.PUBLISHED, Organisation.Kind.COLLECTIVITE),
    ("Tours", "24", "37", -40, Edition.Status.PUBLISHED, Organisation.Kind.ASSOCIATION),
    ("Montpellier", "76", "34", 35, Edition.Status.PUBLISHED, Organisation.Kind.TIERS_LIEU),
    ("Besançon", "27", "25", 60, Edition.Status.PUBLISHED, Organisation.Kind.ESS),
    ("Amiens", "32", "80", 110, Edition.Status.DRAFT, Organisation.Kind.ASSOCIATION),
]


def make_siret(rng: random.Random) -> str:
    """A random 14-digit number passing the Luhn checksum (a valid-looking, fictitious SIRET)."""
    while True:
        body = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(12))
        if body.startswith("356000000"):
            continue
        for check in "0123456789":
            if luhn_valid(body + check):
                return body + check


def next_weekday(day: date, weekday: int = 1) -> date:
    """The first `weekday` (Monday=0) on or after `day`."""
    return day + timedelta((weekday - day.weekday()) % 7)


def national_dates(today: date) -> tuple[date, date]:
    """Three days starting on a Tuesday about four months from `today`."""
    start = next_weekday(today + timedelta(days=120), weekday=1)
    return start, start + timedelta(days=2)


def _faker(context, salt: int) -> Faker:
    fake = Faker("fr_FR")
    fake.seed_instance(context.rng.randint(0, 10**9) + salt)
    return fake


def _organisation(
    fake: Faker, rng: random.Random, name: str, kind: str, slug: str, **extra
) -> Organisation:
    organisation, created = Organisation.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name,
            "kind": kind,
            "siret": make_siret(rng),
            "website": f"https://{slug}.exemple.fr/",
            "description": extra.get("description", ""),
        },
    )
    if created:
        organisation.full_clean()
    return organisation


def load_national(context, today: date) -> Edition:
    start, end = national_dates(today)
    slug = f"nec-{start.year}-clermont-ferrand"
    edition = Edition.objects.filter(slug=slug).first()
    if edition is None:
        history_numbers = Edition.objects.filter(kind=Edition.Kind.NATIONAL).exclude(number=None)
        last_number = max((e.number for e in history_numbers), default=7)
        edition = Edition(
            kind=Edition.Kind.NATIONAL,
            year=start.year,
            number=last_number + 1,
            title=f"Numérique en Commun[s] {start.year}",
            slug=slug,
            city=NATIONAL_CITY,
            venue=NATIONAL_VENUE,
            address="1 place des Volcans, 63000 Clermont-Ferrand (adresse fictive)",
            opening_hours="Accueil de 8 h 30 à 18 h 30 ; le dernier jour jusqu'à 16 h 30.",
            access_info=(
                "Tramway, arrêt « Centre de congrès » (fictif), à 10 minutes de la gare. "
                "Parking vélos couvert devant l'entrée ; pas de parking voiture réservé."
            ),
            venue_accessibility=(
                "Toutes les salles sont de plain-pied ou desservies par ascenseur, sauf la "
                "Mezzanine (escalier seulement). Boucle magnétique en plénière, espace calme au "
                "rez-de-chaussée. Un besoin particulier : accessibilite@demo.nec.example."
            ),
            region_code=NATIONAL_REGION[0],
            departement_code=NATIONAL_REGION[1],
            start_date=start,
            end_date=end,
            status=Edition.Status.PUBLISHED,
            description=(
                "Trois jours pour construire ensemble un numérique d'intérêt général : "
                "ouvert, inclusif, durable et souverain. Masterclass, ateliers, retours "
                "d'expérience, regards croisés et temps forts en plénière, co-construits avec "
                "l'alliance des partenaires. Édition de démonstration : lieu et programme "
                "fictifs."
            ),
        )
        edition.full_clean()
        edition.save()
        context.say(f"  édition nationale de démonstration : {edition.title}")
    # Partners: the alliance of the last real edition, with the same roles.
    last_real = (
        Edition.objects.filter(kind=Edition.Kind.NATIONAL, partnerships__isnull=False)
        .exclude(pk=edition.pk)
        .order_by("-year")
        .distinct()
        .first()
    )
    if last_real is not None:
        for partnership in last_real.partnerships.select_related("organisation"):
            Partnership.objects.get_or_create(
                edition=edition,
                organisation=partnership.organisation,
                defaults={"role": partnership.role},
            )
    return edition


def load_locals(context, national: Edition) -> list[Edition]:
    fake = _faker(context, 1)
    rng = random.Random(context.rng.randint(0, 10**9))
    editions = []
    for city, region, departement, offset, status, kind in LOCAL_EDITIONS:
        start = national.start_date + timedelta(days=offset)
        slug = f"nec-local-{start.year}-{slugify(city)}"
        # names are drawn in the same order on every run, whatever exists already
        if kind == Organisation.Kind.COLLECTIVITE:
            org_name = f"Communauté de communes du Pays de {fake.last_name()} (fictive)"
        elif kind == Organisation.Kind.TIERS_LIEU:
            org_name = f"Tiers-lieu La {fake.word().capitalize()} (fictif)"
        elif kind == Organisation.Kind.ESS:
            org_name = f"{fake.company()} SCIC (fictive)"
        else:
            org_name = f"Association {fake.last_name()} Numérique (fictive)"
        venue = f"{fake.street_name()} — salle {fake.last_name()}"
        helper_name = f"{fake.company()} (fictive)"
        edition = Edition.objects.filter(slug=slug).first()
        if edition is None:
            edition = Edition(
                kind=Edition.Kind.LOCAL,
                year=start.year,
                title=f"NEC local {city} {start.year}",
                slug=slug,
                city=city,
                venue=venue,
                region_code=region,
                departement_code=departement,
                start_date=start,
                end_date=start,
                status=status,
                description=(
                    f"Une journée de Numérique en Commun[s] à {city}, sous la charte NEC : "
                    "ateliers d'inclusion numérique, stands découverte et retours d'expérience "
                    "des acteurs du territoire. Édition de démonstration."
                ),
            )
            edition.full_clean()
            edition.save()
        porteur = _organisation(fake, rng, org_name, kind, f"demo-porteur-{slug}")
        soutien = _organisation(
            fake, rng, helper_name, Organisation.Kind.ENTREPRISE, f"demo-soutien-{slug}"
        )
        # through the service, so that the audit log of the edition shows them
        for organisation, role in (
            (porteur, Partnership.Role.PORTEUR),
            (soutien, Partnership.Role.SOUTIEN),
        ):
            if not Partnership.objects.filter(edition=edition, organisation=organisation).exists():
                services.add_partnership(edition, organisation, role, actor=None)
        editions.append(edition)
    return editions


def load_demo(context) -> None:
    from nec.editions.history import load_history

    today = date.today()
    load_history(today=today)
    national = load_national(context, today)
    local_editions = load_locals(context, national)
    context.objects["national_edition"] = national
    context.objects["local_editions"] = local_editions
