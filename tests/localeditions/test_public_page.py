"""The public page "Organiser un NEC local": the offer, the steps, the commitments, the Metz
example and every public local edition grouped by région (upcoming first, never a draft)."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse

from nec.editions.models import Edition
from tests.factories import make_edition

URL = "/nec-locaux/"


def _local(slug, *, days, region="53", status=Edition.Status.PUBLISHED, **fields):
    return make_edition(
        slug,
        kind=Edition.Kind.LOCAL,
        title=f"NEC local {slug}",
        region_code=region,
        status=status,
        start_date=date.today() + timedelta(days=days),
        **fields,
    )


@pytest.mark.django_db
def test_the_page_answers_get_and_head_with_one_h1(client):
    assert reverse("localeditions:index") == URL
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Organiser un NEC local</h1>" in html
    assert client.head(URL).status_code == 200


@pytest.mark.django_db
def test_the_page_separates_the_default_offer_from_the_optional_support(client):
    html = client.get(URL).content.decode()
    default = html.index("Par défaut, avec la charte")
    optional = html.index("En option")
    assert default < html.index("Un kit de communication sur-mesure") < optional
    assert optional < html.index("Un soutien financier variant entre 2")
    assert re.search(r"entre 2\s500 € et 5\s000 €", html)
    assert "au moins 3 mois avant la date de l'événement" in html
    assert "cahier des charges" in html
    assert "/nec-locaux/candidater/" in html
    assert "Participer à l'édition nationale annuelle" in html
    # the charter's five commitments come from the history data, as on the charter page
    assert "Agir pour la diversité des intervenant.e.s et des publics" in html
    assert html.count('class="commitment card"') == 5


@pytest.mark.django_db
def test_the_metz_example_and_the_local_count_name_their_source(client):
    html = client.get(URL).content.decode()
    assert "Metz 2023" in html
    for step in ("J−12 mois", "J−10 mois", "J−9 mois", "J−5 mois", "J−3 mois", "J−1 mois"):
        assert step in html
    for value, label in (("181", "personnes"), ("71", "structures"), ("15", "intervenant·es")):
        assert re.search(rf">{value}</span> {label}", html)
    assert "45 NEC locaux depuis janvier 2021" in html
    assert html.count("Guide d&#x27;organisation") >= 2  # the Metz example and the count


@pytest.mark.django_db
def test_local_editions_grouped_by_region_upcoming_before_past(client):
    past = _local("nec-local-rennes-passe", days=-400, status=Edition.Status.ARCHIVED)
    upcoming = _local("nec-local-brest-a-venir", days=30)
    recent = _local("nec-local-vannes-recent", days=-10)
    lille = _local("nec-local-lille", days=-100, region="32")
    draft = _local("nec-local-brouillon", days=20, status=Edition.Status.DRAFT)
    national = make_edition("nec-nationale-test")
    html = client.get(URL).content.decode()
    section = html[html.index('id="par-region"') :]

    for edition in (past, upcoming, recent, lille):
        assert f'href="{edition.get_absolute_url()}"' in section
    assert draft.title not in html and draft.get_absolute_url() not in html
    assert national.title not in section
    # régions in alphabetical order, each heading before its editions
    assert section.index(">Bretagne</h3>") < section.index(">Hauts-de-France</h3>")
    assert section.index(">Bretagne</h3>") < section.index(upcoming.title)
    assert section.index(">Hauts-de-France</h3>") < section.index(lille.title)
    # within a région: upcoming first, then past from the latest
    assert section.index(upcoming.title) < section.index(recent.title) < section.index(past.title)
    assert "à venir" in section[section.index(upcoming.title) :][:300]


@pytest.mark.django_db
def test_an_edition_without_known_region_is_listed_last(client):
    _local("nec-local-bretagne", days=-5)
    unknown = _local("nec-local-sans-region", days=-5, region="")
    html = client.get(URL).content.decode()
    assert (
        html.index(">Bretagne</h3>") < html.index("Région non précisée") < html.index(unknown.title)
    )


@pytest.mark.django_db
def test_no_local_edition_yet_says_so(client):
    html = client.get(URL).content.decode()
    assert "Aucun NEC local n'est encore publié sur ce site." in html


@pytest.mark.django_db
def test_home_and_charter_link_to_the_page(client):
    assert f'href="{URL}"' in client.get(reverse("site:home")).content.decode()
    assert f'href="{URL}"' in client.get(reverse("site:charter")).content.decode()


@pytest.mark.django_db
def test_the_english_version_has_english_headings(client):
    _local("nec-local-quimper", days=-30)
    client.post(reverse("set_language"), {"language": "en", "next": URL})
    html = client.get(URL).content.decode()
    assert '<html lang="en">' in html
    assert "Organise a local NEC</h1>" in html
    assert "How it works</h2>" in html
    assert "Local NECs by region</h2>" in html
    assert "12 months before" in html and "45 local NECs since January 2021" in html
    assert "Guaranteeing openness and access for all" in html
    assert "Comment ça marche" not in html
