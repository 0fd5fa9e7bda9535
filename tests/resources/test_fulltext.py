"""Full-text search of the library on both databases: accents ignored both ways, French stemming
on PostgreSQL, the relevance order, operators and long input harmless, unpublished resources never
found, changes reflected at once."""

import pytest
from django.db import connection

from nec.resources import services
from nec.resources.models import Resource
from nec.resources.selectors import Filters, filtered, public_resources, search
from nec.resources.text import fts5_query, search_terms, tsquery
from tests.resources.builders import make_resource


def found(text: str) -> set[Resource]:
    return set(filtered(Filters(text=text)))


def test_accents_and_case_are_ignored_both_ways(edition):
    accented = make_resource(edition, "Les données de la médiation", summary="Un résumé.")
    plain = make_resource(edition, "Ouvrir les donnees de la mediation", summary="Un resume.")
    make_resource(edition, "Inclusion numérique", summary="Rien à voir.")
    for text in ("donnees", "données", "DONNÉES", "Médiation", "mediation", "résumé", "RESUME"):
        assert found(text) == {accented, plain}, text


def test_summary_text_and_authors_are_searched(edition):
    resource = make_resource(
        edition,
        "Atelier",
        summary="Un atelier sur l'accessibilité.",
        body="Les communs numériques en bibliothèque.",
        authors=[("Zoé Lefèvre", "intervenante")],
    )
    for text in ("accessibilite", "bibliotheque", "lefevre", "zoe"):
        assert found(text) == {resource}, text


def test_last_word_is_also_a_prefix(edition):
    resource = make_resource(edition, "La médiation numérique", summary="Accompagner.")
    assert found("numérique médi") == {resource}
    assert found("accompa") == {resource}


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="FTS5's porter stemmer is English: it drops a plural -s (tested below) but does not "
    "know French plurals such as -aux → -al",
)
def test_french_stemming_on_postgresql(edition):
    resource = make_resource(edition, "Le journal des aidants", summary="Un animal.")
    assert found("journaux") == {resource}
    assert found("animaux aidant") == {resource}


def test_plural_s_is_stemmed_on_both_databases(edition):
    # PostgreSQL's French stemmer and FTS5's porter both drop a plural "s"
    resource = make_resource(edition, "La formation des aidants", summary="Un parcours.")
    assert found("formations") == {resource}
    assert found("formation aidant") == {resource}
    assert found("parcours formations") == {resource}


def test_best_matches_come_first_then_newest(edition):
    from datetime import date

    once = make_resource(
        edition, "Atelier", summary="Il y est question de données.", date=date(2025, 6, 1)
    )
    often = make_resource(
        edition,
        "Données, données ouvertes",
        summary="Des données et encore des données.",
        date=date(2024, 1, 1),
    )
    assert list(filtered(Filters(text="donnees"))) == [often, once]
    tie_old = make_resource(edition, "Cartographie", summary="Carto.", date=date(2023, 1, 1))
    tie_new = make_resource(edition, "Cartographie", summary="Carto.", date=date(2025, 1, 1))
    assert list(filtered(Filters(text="cartographie"))) == [tie_new, tie_old]


@pytest.mark.parametrize(
    "text",
    [
        "AND",
        "donnees OR mediation",
        "NOT donnees",
        'donnees NEAR("a" "b")',
        "*",
        '"',
        '"donnees',
        "( ) : ^ - + ~ & | ! <-> :*",
        "search_text:donnees",
        "donnees*",
        "donn\u00e9es' ; DROP TABLE resources_resource; --",
        "a" * 5000,
        "donnees " * 1000,
        "\x00\u200b\ufeff",
        "",
        "   ",
        "le la les",
        "l'",
        "1",
    ],
)
def test_operators_and_long_input_are_harmless(client, edition, text):
    resource = make_resource(edition, "Les données ouvertes")
    results = list(filtered(Filters(text=text)))  # never raises
    if text.strip() in ("", "\x00\u200b\ufeff"):
        assert results == [resource]
    assert client.get("/ressources/", {"q": text[:200]}).status_code == 200
    assert client.get("/api/v1/resources", {"q": text[:200]}).status_code == 200
    assert Resource.objects.filter(pk=resource.pk).exists()


def test_operators_are_words_not_syntax(edition):
    resource = make_resource(edition, "Les données ouvertes")
    # "OR" is a word that must be there too, not a disjunction
    assert found("donnees OR inexistant") == set()
    assert found("NOT donnees") == set()
    assert found('"donnees"') == {resource}
    assert found("donnees*") == {resource}


def test_queries_are_quoted_and_capped():
    terms = search_terms('Données NEAR("x") l\'inclusion * ' + "mot " * 500)
    assert terms[:3] == [["donnees"], ["near", "x"], ["l", "inclusion"]]
    assert len(terms) <= 8
    assert fts5_query([["donnees"], ["l", "inclusion"]]) == '"donnees" AND "l inclusion"*'
    assert fts5_query([["donnees"], ["a"]]) == '"donnees" AND "a"'
    assert tsquery([["donnees"], ["l", "inclusion"]]) == "donnees & l & inclusion:*"
    assert search_terms('* " ( ) : ^') == []


def test_unpublished_resources_are_never_found(client, edition):
    published = make_resource(edition, "Les données ouvertes")
    for status in (Resource.Status.SUBMITTED, Resource.Status.CHANGES, Resource.Status.REFUSED):
        make_resource(edition, "Données cachées", status=status)
    assert found("donnees") == {published}
    assert found("cachees") == set()
    api = client.get("/api/v1/resources", {"q": "cachées"}).json()
    assert api["results"] == []
    assert "Données cachées" not in client.get("/ressources/", {"q": "cachees"}).content.decode()


def test_changes_are_reflected_at_once(edition):
    resource = make_resource(edition, "Les données ouvertes", summary="Un résumé.")
    assert found("ouvertes") == {resource}
    data = services.ResourceData(
        kind=resource.kind,
        title="La cartographie participative",
        summary="Un résumé.",
        date=resource.date,
        authors=[("Camille Martin", "intervenante")],
    )
    services.save_resource(resource, actor=None, data=data)
    assert found("cartographie") == {resource}
    assert found("ouvertes") == set()
    assert found("donnees") == set()
    pk = resource.pk
    Resource.objects.filter(pk=pk).delete()
    assert found("cartographie") == set()
    # the rows of many resources written at once are indexed too
    Resource.objects.bulk_create(
        [
            Resource(
                edition=edition,
                kind="video",
                title=f"Lot {n}",
                summary="x",
                date=resource.date,
                status=Resource.Status.PUBLISHED,
                search_text=f"lot {n} herbier",
            )
            for n in range(3)
        ]
    )
    assert len(found("herbier")) == 3


def test_search_keeps_facets_and_counts_working(client, edition):
    for n in range(3):
        make_resource(edition, f"Données {n}", kind=Resource.Kind.PODCAST)
    make_resource(edition, "Données vidéo")
    resources = search(public_resources(), "donnees")
    assert resources.count() == 4
    assert resources.filter(kind=Resource.Kind.PODCAST).count() == 3
    page = client.get("/ressources/", {"q": "données", "kind": "podcast"})
    assert page.status_code == 200 and "Données vidéo" not in page.content.decode()


def test_search_works_inside_another_query(edition):
    # the full-text parts follow the alias the resources table gets in a subquery
    resource = make_resource(edition, "Les données ouvertes")
    make_resource(edition, "Autre chose")
    matching = search(public_resources(), "donnees").values("pk")
    assert set(Resource.objects.filter(pk__in=matching)) == {resource}
    ranked = search(public_resources(), "donnees")
    assert list(Resource.objects.filter(pk__in=ranked[:5].values("pk"))) == [resource]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 index is SQLite's")
def test_sqlite_index_and_triggers_survive_every_migration(db):
    # a migration that makes Django rebuild resources_resource on SQLite drops its triggers:
    # it must run `install_sqlite` of 0002_fulltext again
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE name LIKE %s AND type IN ('table', 'trigger')",
            ["resources_resource_fts%"],
        )
        names = {row[0] for row in cursor.fetchall()}
    assert {
        "resources_resource_fts",
        "resources_resource_fts_insert",
        "resources_resource_fts_update",
        "resources_resource_fts_delete",
    } <= names
