"""Public edition pages: history, an edition's page, partners; drafts are 404."""

import re
from datetime import date

import pytest
from django.urls import reverse

from nec.editions.history import load_history
from nec.editions.models import Edition, Organisation
from tests.factories import make_edition, open_call


@pytest.fixture
def history(db):
    return load_history()


def h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def test_history_page_shows_figures_side_by_side_with_sources(client, history):
    response = client.get(reverse("editions:history"))
    assert response.status_code == 200
    html = response.content.decode()
    assert h1_count(html) == 1
    # the table: years as columns, values with their source, dashes where nothing is published
    for year in (2018, 2019, 2020, 2021, 2022, 2023, 2025):
        assert f">{year}</a>" in html
    assert "1\xa0700" in html and "228" in html and "1\xa0800" in html
    assert 'href="#source-1"' in html and 'id="source-1"' in html
    assert "Les grands chiffres de 2022" in html
    assert "non publié" in html
    assert "<caption>" in html and 'scope="row"' in html and 'scope="col"' in html
    # the charts: server-rendered SVG, labelled, one per compared figure
    assert html.count('<svg viewBox="0 0 280') == 3
    assert 'role="img"' in html and "<title id=" in html and "<desc id=" in html
    # the local editions
    assert "45 NEC locaux" in html
    assert "NEC local Metz 2023" in html


def test_history_table_never_shows_zero_for_missing_figures(client, history):
    html = client.get(reverse("editions:history")).content.decode()
    table = html[html.index('<table class="compare">') : html.index("</table>")]
    bordeaux_column = 6  # 2018 … 2023: Bordeaux has no published figure
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        assert "—" in cells[bordeaux_column - 1]


def test_history_page_without_any_data(client, db):
    response = client.get(reverse("editions:history"))
    assert response.status_code == 200
    assert "Aucune édition n'est encore publiée" in response.content.decode()


def test_edition_page_lens_2022(client, history):
    response = client.get(reverse("editions:detail", args=["nec-2022-lens"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert h1_count(html) == 1
    assert "Du 27 au 29 septembre 2022" in html
    assert "Stade Bollaert-Delelis, Lens" in html and "Hauts-de-France" in html
    assert "228" in html and "1\xa0700" in html
    assert "228 intervenants &amp; intervenantes" in html  # the quote of the source
    assert "plus de" in html  # "plus de 1 000" announced, not "1 000"
    assert "10 h 21 min" in html
    # quotes keep the language of their document (the presentation is in English)
    assert '<q class="quote" lang="en">2022 edition — LENS - 1800 attendees</q>' in html
    assert '<q class="quote" lang="fr">1700 personnes inscrites</q>' in html
    # partners grouped by role
    assert html.index("Porteurs") < html.index("Soutiens") < html.index("Coopérateurs et")
    assert "Région Hauts-de-France" in html


def test_edition_page_strasbourg_2025_partners(client, history):
    html = client.get(reverse("editions:detail", args=["nec-2025-strasbourg"])).content.decode()
    assert "Les 29 et 30 octobre 2025" in html
    assert "Palais Universitaire" in html
    assert 'Porteurs <span class="count">(2)</span>' in html
    assert 'Soutiens <span class="count">(6)</span>' in html
    assert 'Coopérateurs et contributeurs <span class="count">(23)</span>' in html


def test_undated_and_local_edition_pages(client, history):
    html = client.get(reverse("editions:detail", args=["nec-2023-bordeaux"])).content.decode()
    assert "Non précisées par les documents" in html
    assert "ne donnent aucun chiffre" in html
    html = client.get(reverse("editions:detail", args=["nec-local-2023-metz"])).content.decode()
    assert "NEC local" in html and "Bliiida" in html and "181" in html and "14 k€" in html


def test_draft_and_unknown_editions_are_404(client, history):
    Edition.objects.create(kind="local", year=2027, title="Brouillon", slug="brouillon")
    assert client.get(reverse("editions:detail", args=["brouillon"])).status_code == 404
    response = client.get(reverse("editions:detail", args=["nexiste-pas"]))
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_partners_page_groups_by_edition_and_role(client, history):
    response = client.get(reverse("editions:partners"))
    html = response.content.decode()
    assert h1_count(html) == 1
    assert "31 partenaires" in html
    assert html.index("Numérique en Commun[s] 2025 — Strasbourg") < html.index(
        "Numérique en Commun[s] 2022 — Lens"
    )
    assert "Wikimédia France" in html and "Cerema" in html


def test_partner_logo_is_shown_with_its_alt_text(client, history):
    from django.core.files.uploadedfile import SimpleUploadedFile

    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
        b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
        b"\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    cerema = Organisation.objects.get(slug="cerema")
    cerema.logo = SimpleUploadedFile("cerema.png", png, content_type="image/png")
    cerema.logo_alt = "Cerema, climat et territoires de demain"
    cerema.website = "https://www.cerema.fr/"
    cerema.save()
    html = client.get(reverse("editions:partners")).content.decode()
    assert 'alt="Cerema, climat et territoires de demain"' in html
    assert 'href="https://www.cerema.fr/"' in html


def test_edition_page_links_to_an_open_call_for_proposals(client, db):
    # regression: the page crashed (500) whenever the edition had a call for proposals
    edition = make_edition("nec-2026")
    call = open_call(edition)
    response = client.get(reverse("editions:detail", args=["nec-2026"]))
    assert response.status_code == 200
    assert reverse("programme:cfp_call", args=["nec-2026"]) in response.content.decode()
    call.opens_at = call.closes_at  # not open yet
    call.save()
    response = client.get(reverse("editions:detail", args=["nec-2026"]))
    assert response.status_code == 200
    assert reverse("programme:cfp_call", args=["nec-2026"]) not in response.content.decode()


def test_history_figures_leave_out_an_upcoming_edition(client, history):
    # regression: the upcoming edition showed in the charts and the table as "non publié"
    Edition.objects.create(
        kind=Edition.Kind.NATIONAL,
        year=2099,
        title="Numérique en Commun[s] 2099",
        slug="nec-2099",
        city="Avenirville",
        start_date=date(2099, 3, 30),
        end_date=date(2099, 3, 31),
        status=Edition.Status.PUBLISHED,
    )
    html = client.get(reverse("editions:history")).content.decode()
    assert '<span class="th-city">Avenirville</span>' not in html
    assert ">2099</text>" not in html
    assert '<span class="th-city">Lens</span>' in html
    assert "2099 · Avenirville" in html  # still listed among the editions
