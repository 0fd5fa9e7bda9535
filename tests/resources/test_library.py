"""The public library: search (accents ignored both ways), facets, resource page with its
attribution and JSON-LD, collections, the Atom feed, export packages; nothing unpublished shows."""

import io
import json
import re
import zipfile

from nec.editions.models import Edition
from nec.resources.models import Collection, CollectionItem, Resource
from nec.resources.selectors import Filters, filtered
from tests.factories import make_edition
from tests.resources.builders import make_resource, make_theme


def test_search_ignores_accents_and_case_both_ways(edition):
    accented = make_resource(edition, "Les données ouvertes")
    plain = make_resource(edition, "Ouvrir les donnees publiques")
    make_resource(edition, "Médiation numérique")
    for text in ("donnees", "données", "DONNÉES"):
        assert set(filtered(Filters(text=text))) == {accented, plain}, text
    assert set(filtered(Filters(text="donnees ouvertes"))) == {accented}
    assert set(filtered(Filters(text="mediation"))) == set(filtered(Filters(text="Médiation")))


def test_library_lists_only_published_resources_of_public_editions(client, edition):
    shown = make_resource(edition, "Visible")
    waiting = make_resource(edition, "En attente", status=Resource.Status.SUBMITTED)
    draft = make_edition("brouillon", status=Edition.Status.DRAFT)
    hidden = make_resource(draft, "D'une édition brouillon")
    page = client.get("/ressources/").content.decode()
    assert "Visible" in page and "En attente" not in page and "brouillon" not in page
    assert client.get(f"/ressources/{shown.pk}/").status_code == 200
    for resource in (waiting, hidden):
        assert client.get(f"/ressources/{resource.pk}/").status_code == 404
        assert client.get(f"/ressources/{resource.pk}/paquet.zip").status_code == 404
    feed = client.get("/ressources/flux.atom").content.decode()
    assert "Visible" in feed and "En attente" not in feed


def test_facets_filter_and_bad_filters_are_ignored(client, edition, other_edition):
    theme = make_theme()
    make_resource(edition, "Vidéo données", themes=[theme])
    make_resource(other_edition, "Podcast local", kind=Resource.Kind.PODCAST)
    page = client.get("/ressources/", {"kind": "podcast"}).content.decode()
    assert "Podcast local" in page and "Vidéo données" not in page
    page = client.get("/ressources/", {"theme": theme.slug}).content.decode()
    assert "Vidéo données" in page and "Podcast local" not in page
    bad = client.get("/ressources/", {"year": "²", "kind": "x" * 300, "page": "9" * 30})
    assert bad.status_code == 200 and "ignorés" in bad.content.decode()


def test_resource_page_has_attribution_copy_button_and_json_ld(client, edition):
    resource = make_resource(
        edition,
        "Atelier </script> données",
        url="https://video.example.org/v/1",
        url_is_example=True,
    )
    body = client.get(f"/ressources/{resource.pk}/").content.decode()
    line = (
        f"Atelier &lt;/script&gt; données — Camille Martin, NEC {edition.year} Strasbourg, "
        "CC BY-SA 4.0 FR"
    )
    assert line in body and "data-copy" in body
    assert "<iframe" not in body and "https://video.example.org/v/1" in body
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "VideoObject" and data["name"] == "Atelier </script> données"
    assert data["license"].startswith("https://creativecommons.org/licenses/by-sa/4.0")


def test_collection_page_and_packages(client, edition):
    resource = make_resource(edition, "Synthèse", kind=Resource.Kind.SYNTHESIS)
    waiting = make_resource(edition, "Pas encore", status=Resource.Status.SUBMITTED)
    collection = Collection.objects.create(title="Essentiels", slug="essentiels", published=True)
    CollectionItem.objects.create(collection=collection, resource=resource)
    CollectionItem.objects.create(collection=collection, resource=waiting, position=1)
    page = client.get("/ressources/collections/essentiels/").content.decode()
    assert "Synthèse" in page and "Pas encore" not in page
    package = client.get("/ressources/collections/essentiels/paquet.zip")
    with zipfile.ZipFile(io.BytesIO(package.content)) as archive:
        names = archive.namelist()
        summary = json.loads(archive.read("metadata.json"))
    assert f"{resource.pk}/index.html" in names and f"{waiting.pk}/index.html" not in names
    assert summary["resources"][0]["attribution"].endswith("CC BY-SA 4.0 FR")
    Collection.objects.filter(pk=collection.pk).update(published=False)
    assert client.get("/ressources/collections/essentiels/").status_code == 404
