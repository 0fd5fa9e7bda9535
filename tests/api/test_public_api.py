"""The public open-data API: editions, programme, resources; pagination, filters, conditional
GETs, CORS, the rate limit and clear 4xx answers."""

import pytest

from nec.editions.models import Edition
from nec.resources.models import Resource
from tests.factories import make_edition, make_schedule
from tests.resources.builders import make_resource


@pytest.fixture
def programme(edition):
    return make_schedule(edition)


def test_openapi_document_states_the_licence_and_lists_every_operation(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert "Etalab" in document["info"]["license"]["name"]
    assert "/api/v1/editions/{slug}/sessions" in document["paths"]
    assert "/api/v1/resources" in document["paths"]


def test_documentation_page_is_our_own_html_with_no_third_party_asset(client, db):
    response = client.get("/api/v1/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "list_sessions" in body and "Etalab" in body
    assert "cdn" not in body.lower() and "unpkg" not in body


def test_editions_with_their_figures_and_filters(client, edition, other_edition):
    Edition.objects.create(slug="brouillon", title="Brouillon", year=2030, status="draft")
    response = client.get("/api/v1/editions")
    assert response.status_code == 200
    slugs = [e["slug"] for e in response.json()["results"]]
    assert set(slugs) == {edition.slug, other_edition.slug}
    local = client.get("/api/v1/editions", {"kind": "local"}).json()
    assert [e["slug"] for e in local["results"]] == [other_edition.slug]
    assert client.get("/api/v1/editions/brouillon").status_code == 404


def test_sessions_are_only_the_public_ones_with_consenting_speakers(client, edition, programme):
    hidden = programme[0]
    hidden.status = "accepted"
    hidden.save()
    data = client.get(f"/api/v1/editions/{edition.slug}/sessions").json()
    titles = {s["title"] for s in data["results"]}
    assert hidden.title not in titles and len(titles) == 3
    names = {sp["name"] for s in data["results"] for sp in s["speakers"]}
    assert "Sacha Durand" not in names and "Nour Haddad" in names
    speakers = client.get(f"/api/v1/editions/{edition.slug}/speakers").json()
    assert "Sacha Durand" not in {s["name"] for s in speakers}
    assert client.get(f"/api/v1/editions/{edition.slug}/rooms").json()
    assert len(client.get(f"/api/v1/editions/{edition.slug}/slots").json()) == 3


def test_pagination_and_bad_parameters_get_a_400_with_a_reason(client, edition, programme):
    page = client.get(f"/api/v1/editions/{edition.slug}/sessions", {"per_page": 2}).json()
    assert page["count"] == 4 and page["pages"] == 2 and len(page["results"]) == 2
    for params in ({"per_page": 1000}, {"page": "abc"}, {"page": 0}, {"day": "demain"}):
        response = client.get(f"/api/v1/editions/{edition.slug}/sessions", params)
        assert response.status_code == 400, params
        assert "Paramètres invalides" in response.json()["detail"]
    past = client.get(f"/api/v1/editions/{edition.slug}/sessions", {"page": 9})
    assert past.status_code == 404 and "il y en a 1" in past.json()["detail"]
    assert client.get("/api/v1/resources/99999999999999999999").status_code == 400


def test_etag_and_last_modified_give_a_304(client, edition, programme):
    url = f"/api/v1/editions/{edition.slug}/sessions"
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    since = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304
    head = client.head(url)
    assert head.status_code == 200 and head.content == b"" and head["ETag"] == first["ETag"]


def test_cors_preflight_and_rate_limit(client, settings, db):
    settings.NEC_API_RATE_PER_MINUTE = 3
    preflight = client.options("/api/v1/editions")
    assert preflight.status_code == 204 and preflight["Access-Control-Allow-Origin"] == "*"
    answers = [client.get("/api/v1/editions").status_code for _ in range(4)]
    assert answers[:3] == [200, 200, 200] and answers[3] == 429
    refused = client.get("/api/v1/editions")
    assert "par minute" in refused.json()["detail"] and int(refused["Retry-After"]) >= 1
    # only API responses carry the CORS header
    assert "Access-Control-Allow-Origin" not in client.get("/donnees-ouvertes/")


def test_resources_unpublished_are_invisible_and_search_ignores_accents(client, edition):
    published = make_resource(edition, "Les données ouvertes")
    make_resource(edition, "Donnees brutes en attente", status=Resource.Status.SUBMITTED)
    draft_edition = make_edition("brouillon", status=Edition.Status.DRAFT)
    make_resource(draft_edition, "Données d'un brouillon")
    for word in ("donnees", "données", "DONNÉES"):
        data = client.get("/api/v1/resources", {"q": word}).json()
        assert [r["id"] for r in data["results"]] == [published.pk], word
    item = client.get(f"/api/v1/resources/{published.pk}").json()
    assert item["attribution"] == (
        f"Les données ouvertes — Camille Martin, NEC {edition.year} Strasbourg, CC BY-SA 4.0 FR"
    )
    hidden = Resource.objects.exclude(pk=published.pk).values_list("pk", flat=True)
    for pk in hidden:
        assert client.get(f"/api/v1/resources/{pk}").status_code == 404
    assert client.get("/api/v1/resources", {"kind": "vidéo"}).status_code == 400


def test_sitemap_and_open_data_page(client, edition, programme):
    resource = make_resource(edition)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/ressources/{resource.pk}/" in sitemap
    assert f"/programme/sessions/{programme[1].pk}/" in sitemap
    page = client.get("/donnees-ouvertes/").content.decode()
    assert "Licence Ouverte" in page


def test_the_stored_sessions_answer_follows_every_programme_change(client, edition, programme):
    url = f"/api/v1/editions/{edition.slug}/sessions"
    first = client.get(url).json()
    assert client.get(url).json() == first  # the stored answer, identical
    session = programme[1]
    session.title = "Titre corrigé après publication"
    session.save()
    titles = {s["title"] for s in client.get(url).json()["results"]}
    assert "Titre corrigé après publication" in titles
    # another page size is another stored answer
    assert len(client.get(url, {"per_page": 1}).json()["results"]) == 1
