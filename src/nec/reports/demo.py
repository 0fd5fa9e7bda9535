"""Demo data of the reports app (`nec demo`): the real 2025 edition gets synthetic per-person
data matching its published proportions (`demo_2025`), and its bilan is published with a notice
saying plainly that the individual answers are simulated."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from nec.core.demo import DemoContext
from nec.editions.history import national_slug
from nec.editions.models import Edition
from nec.reports import demo_2025
from nec.reports.models import Report, TypedFigure

NOTICE = (
    "Les données individuelles de cette édition (inscriptions, réponses au questionnaire, "
    "réservations, réponses à l'enquête) sont simulées : elles ont été tirées au hasard pour "
    "reproduire les proportions publiées dans le bilan 2025, afin de montrer que la plateforme "
    "aurait produit ce bilan. Aucune personne réelle n'y figure."
)
SOURCE = "Bilan NEC 2025 (saisi par l'équipe)"
TYPED = [
    ("mailing", "personnes destinataires de l'e-mailing", Decimal(6500), ""),
    ("mailing", "taux d'ouverture", Decimal(55), "%"),
    ("social", "abonné·es LinkedIn", Decimal(8035), ""),
    ("social", "vues LinkedIn sur 32 publications", Decimal(325800), ""),
]


def load_demo(context: DemoContext) -> None:
    edition = Edition.objects.filter(slug=national_slug(2025, "Strasbourg")).first()
    if edition is None or edition.start_date is None:
        context.say("reports: no 2025 edition in the history, skipped")
        return
    if Report.objects.filter(edition=edition).exclude(notice="").exists():
        return
    with transaction.atomic():
        counts = demo_2025.load(edition)
        report, _created = Report.objects.get_or_create(edition=edition)
        report.notice = NOTICE
        report.published_at = timezone.now()
        report.comment = (
            "Bilan calculé par la plateforme à partir des données (simulées) de l'édition, "
            "à comparer au bilan publié en 2025."
        )
        report.save()
        TypedFigure.objects.bulk_create(
            TypedFigure(
                report=report, topic=topic, label=label, value=value, unit=unit, source=SOURCE
            )
            for topic, label, value, unit in TYPED
        )
    context.say(f"reports: 2025 bilan with simulated data {counts}")
