"""The API gives an edition's bilan figures once the bilan is published, corrections flagged
with their reason, typed figures with their source; never before publication."""

from decimal import Decimal

import pytest
from django.core.cache import cache

from nec.registrations.models import Answer
from nec.reports import services
from tests.factories import make_registration

pytestmark = pytest.mark.django_db


def _bilan(client, edition) -> dict:
    cache.clear()  # the rate limit's counter
    response = client.get(f"/api/v1/editions/{edition.slug}")
    assert response.status_code == 200
    return {figure["key"]: figure for figure in response.json()["bilan_figures"]}


def test_bilan_figures_appear_at_publication_and_follow_corrections(client, edition):
    for _ in range(3):
        person = make_registration(edition)
        Answer.objects.create(
            registration=person, question=edition.questions.get(key="sector"), value="public"
        )
    report = services.get_report(edition)
    assert _bilan(client, edition) == {}

    services.publish(report, actor=None)
    figures = _bilan(client, edition)
    assert figures["registered"]["value"] == 3
    assert figures["registered"]["qualifier"] == ""
    assert figures["public_sector"]["value"] == 100.0
    assert "Inscriptions confirmées" in figures["registered"]["quote"]
    assert edition.slug in figures["registered"]["source"]["key"]
    assert "registered" in figures and all(f["value"] is not None for f in figures.values())

    services.override(
        report,
        "registered",
        "1 800",
        "Inscriptions sur place",
        known_keys={"registered"},
        actor=None,
    )
    services.add_typed_figure(
        report,
        topic="stream",
        label="Vues des vidéos",
        value=Decimal("1250"),
        unit="",
        source="Statistiques de la chaîne",
        actor=None,
    )
    figures = _bilan(client, edition)
    assert figures["registered"]["value"] == 1800.0
    assert figures["registered"]["qualifier"] == "corrigé par l'équipe"
    assert figures["registered"]["note"] == "Inscriptions sur place"
    typed = [f for key, f in figures.items() if key.startswith("saisi-")]
    assert [(f["label"], f["value"], f["quote"]) for f in typed] == [
        ("Vues des vidéos", 1250.0, "Statistiques de la chaîne")
    ]

    services.unpublish(report, actor=None)
    assert _bilan(client, edition) == {}


def test_the_editions_list_reads_every_bilan_with_the_editions(client, edition, other_edition):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    services.publish(services.get_report(other_edition), actor=None)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/editions")
    assert response.status_code == 200
    assert not [q for q in queries.captured_queries if 'FROM "reports_report"' in q["sql"]]
