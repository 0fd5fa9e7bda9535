"""The national team's curated collections: list, create, edit, add a published resource found by
the library's search, remove, move up and down, delete; every bad input gets a French message or a
4xx and changes nothing; the public page follows the curator's order and hides what is no longer
published."""

import pytest
from django.core.exceptions import ValidationError

from nec.core.models import AuditEntry
from nec.editions.audit_labels import label
from nec.editions.models import Edition
from nec.resources.models import Collection, CollectionItem, Resource
from nec.resources.services import collections as curation
from nec.resources.services import request_changes
from tests.factories import make_edition, make_user
from tests.resources.builders import make_resource

BASE = "/orga/ressources/collections/"


@pytest.fixture
def team(client, national):
    client.force_login(national)
    return client


def _collection(national, title="Essentiels", **fields) -> Collection:
    return curation.save_collection(None, actor=national, title=title, **fields)


def _order(collection) -> list[str]:
    return [i.resource.title for i in collection.items.select_related("resource")]


def _actions() -> list[str]:
    entries = AuditEntry.objects.filter(action__startswith="resources.collection")
    return list(entries.order_by("pk").values_list("action", flat=True))


def test_full_flow_create_search_add_move_remove_publish_delete(team, national, edition):
    first = make_resource(edition, "Les données ouvertes des territoires")
    second = make_resource(edition, "Données et médiation numérique")
    make_resource(edition, "Podcast sur l'inclusion")

    page = team.get(BASE)
    assert page.status_code == 200 and "Nouvelle collection" in page.content.decode()
    assert team.get(BASE + "nouvelle/").status_code == 200
    response = team.post(
        BASE + "nouvelle/",
        {"title": "  Les données  à la une ", "slug": "", "description": "Notre sélection."},
    )
    collection = Collection.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{BASE}{collection.pk}/"
    assert collection.title == "Les données à la une" and collection.slug == "les-donnees-a-la-une"
    assert not collection.published

    # search with the library's selector: accents ignored, published resources only
    page = team.get(f"{BASE}{collection.pk}/", {"q": "donnees"}).content.decode()
    assert "Les données ouvertes des territoires" in page and "Podcast" not in page
    assert page.count(">Ajouter<") == 2

    for resource in (first, second):
        response = team.post(
            f"{BASE}{collection.pk}/ajouter/", {"resource": resource.pk, "q": "donnees"}
        )
        assert response.status_code == 302 and response["Location"].endswith("?q=donnees")
    assert _order(collection) == [first.title, second.title]
    page = team.get(f"{BASE}{collection.pk}/", {"q": "donnees"}).content.decode()
    assert page.count("Déjà dans la collection") == 2

    second_item = collection.items.get(resource=second)
    team.post(f"{BASE}{collection.pk}/ressources/{second_item.pk}/deplacer/", {"direction": "up"})
    assert _order(collection) == [second.title, first.title]
    team.post(f"{BASE}{collection.pk}/ressources/{second_item.pk}/deplacer/", {"direction": "down"})
    assert _order(collection) == [first.title, second.title]

    response = team.post(
        f"{BASE}{collection.pk}/",
        {"title": "Les données", "slug": "donnees", "description": "", "published": "on"},
    )
    assert response.status_code == 302
    collection.refresh_from_db()
    assert collection.published and collection.slug == "donnees"
    listing = team.get(BASE).content.decode()
    assert "Les données" in listing and "Publiée" in listing and "<td>2</td>" in listing

    first_item = collection.items.get(resource=first)
    team.post(f"{BASE}{collection.pk}/ressources/{first_item.pk}/retirer/")
    assert _order(collection) == [second.title]
    assert Resource.objects.filter(pk=first.pk).exists()

    confirm = team.get(f"{BASE}{collection.pk}/supprimer/").content.decode()
    assert "Supprimer la collection" in confirm
    response = team.post(f"{BASE}{collection.pk}/supprimer/")
    assert response.status_code == 302 and not Collection.objects.exists()
    assert not CollectionItem.objects.exists() and Resource.objects.count() == 3
    assert _actions() == [
        "resources.collection_created",
        "resources.collection_item_added",
        "resources.collection_item_added",
        "resources.collection_item_moved",
        "resources.collection_item_moved",
        "resources.collection_updated",
        "resources.collection_item_removed",
        "resources.collection_deleted",
    ]
    assert label("resources.collection_item_added") == "Ressource ajoutée à une collection"


def test_dashboard_and_moderation_page_link_to_collections(team):
    assert BASE in team.get("/orga/").content.decode()
    assert BASE in team.get("/orga/ressources/moderation/").content.decode()


def test_empty_title_and_untitleable_title_are_refused(team, national):
    response = team.post(BASE + "nouvelle/", {"title": "   ", "slug": ""})
    assert response.status_code == 400 and "errorlist" in response.content.decode()
    response = team.post(BASE + "nouvelle/", {"title": "!!!", "slug": ""})
    assert response.status_code == 400
    assert "Le titre ne donne pas d&#x27;identifiant d&#x27;URL" in response.content.decode()
    assert not Collection.objects.exists() and not _actions()
    with pytest.raises(ValidationError) as error:
        curation.save_collection(None, actor=national, title=" ")
    assert error.value.message_dict["title"] == ["Donnez un titre à la collection."]


def test_duplicate_slug_is_refused_with_a_clear_message(team, national):
    taken = _collection(national, "Médiation", slug="mediation")
    other = _collection(national, "Autre")
    response = team.post(BASE + "nouvelle/", {"title": "Nouvelle", "slug": "mediation"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "L&#x27;identifiant « mediation » est déjà pris par la collection « Médiation »" in body
    assert Collection.objects.count() == 2
    response = team.post(f"{BASE}{other.pk}/", {"title": "Changé", "slug": "mediation"})
    assert response.status_code == 400 and "déjà pris" in response.content.decode()
    other.refresh_from_db()
    assert other.title == "Autre" and other.slug == "autre"
    # a slug computed from the title gets a suffix instead of blocking
    assert _collection(national, "Médiation").slug == "mediation-2"
    # a slug that is not one
    response = team.post(BASE + "nouvelle/", {"title": "X", "slug": "Avec espace"})
    assert response.status_code == 400 and "tirets" in response.content.decode()
    taken.refresh_from_db()
    assert taken.slug == "mediation"


def test_adding_the_same_resource_twice_changes_nothing(team, national, edition):
    resource = make_resource(edition, "Synthèse")
    collection = _collection(national)
    team.post(f"{BASE}{collection.pk}/ajouter/", {"resource": resource.pk})
    before = _actions()
    response = team.post(f"{BASE}{collection.pk}/ajouter/", {"resource": resource.pk}, follow=True)
    assert "« Synthèse » est déjà dans la collection." in response.content.decode()
    assert collection.items.count() == 1 and _actions() == before


@pytest.mark.parametrize("value", ["", "abc", "²", "9" * 30, "999999", "-1"])
def test_unknown_resource_ids_are_refused(team, national, value):
    collection = _collection(national)
    response = team.post(f"{BASE}{collection.pk}/ajouter/", {"resource": value}, follow=True)
    assert response.status_code == 200
    assert "n&#x27;existe pas ou n&#x27;est pas publiée" in response.content.decode()
    assert not collection.items.exists()


def test_unpublished_resources_cannot_be_added(team, national, edition):
    waiting = make_resource(edition, "En attente", status=Resource.Status.SUBMITTED)
    draft = make_edition("brouillon", status=Edition.Status.DRAFT)
    hidden = make_resource(draft, "D'une édition brouillon")
    collection = _collection(national)
    page = team.get(f"{BASE}{collection.pk}/", {"q": "attente"}).content.decode()
    assert "Aucune ressource publiée ne correspond." in page
    for resource in (waiting, hidden):
        response = team.post(f"{BASE}{collection.pk}/ajouter/", {"resource": resource.pk})
        assert response.status_code == 302
    assert not collection.items.exists()


def test_resource_unpublished_later_is_flagged_and_hidden_from_the_public(
    team, client, national, edition
):
    kept = make_resource(edition, "Toujours publiée")
    later = make_resource(edition, "Dépubliée ensuite")
    collection = _collection(national, "Sélection", published=True)
    for resource in (kept, later):
        curation.add_resource(collection, resource.pk, actor=national)
    request_changes(later, actor=national, note="Le lien ne marche plus.")
    page = team.get(f"{BASE}{collection.pk}/").content.decode()
    assert "Dépubliée ensuite" in page and "masquée sur la page publique" in page
    team.logout()
    public = client.get(f"/ressources/collections/{collection.slug}/").content.decode()
    assert "Toujours publiée" in public and "Dépubliée ensuite" not in public


def test_public_page_follows_the_curators_order(client, national, edition):
    titles = ["Alpha", "Bravo", "Charlie"]
    resources = [make_resource(edition, t) for t in titles]
    collection = _collection(national, "Ordre", published=True)
    for resource in reversed(resources):
        curation.add_resource(collection, resource.pk, actor=national)
    page = client.get(f"/ressources/collections/{collection.slug}/").content.decode()
    assert page.index("Charlie") < page.index("Bravo") < page.index("Alpha")


def test_unpublished_collection_is_previewed_by_the_team_only(team, client, national):
    collection = _collection(national, "Brouillon de collection")
    assert team.get(collection.get_absolute_url()).status_code == 200
    assert "Aperçu" in team.get(collection.get_absolute_url()).content.decode()
    team.logout()
    assert client.get(collection.get_absolute_url()).status_code == 404


def test_moving_the_first_up_or_the_last_down_changes_nothing(team, national, edition):
    one, two = make_resource(edition, "Un"), make_resource(edition, "Deux")
    collection = _collection(national)
    for resource in (one, two):
        curation.add_resource(collection, resource.pk, actor=national)
    first, last = collection.items.order_by("position")
    before = _actions()
    url = f"{BASE}{collection.pk}/ressources/"
    assert team.post(f"{url}{first.pk}/deplacer/", {"direction": "up"}).status_code == 302
    assert team.post(f"{url}{last.pk}/deplacer/", {"direction": "down"}).status_code == 302
    assert _order(collection) == ["Un", "Deux"] and _actions() == before
    assert not curation.move_item(first, -1, actor=national)


def test_items_of_another_collection_and_huge_ids_are_404(team, national, edition):
    resource = make_resource(edition)
    mine, other = _collection(national, "Mienne"), _collection(national, "Autre")
    item = curation.add_resource(other, resource.pk, actor=national)
    assert team.post(f"{BASE}{mine.pk}/ressources/{item.pk}/retirer/").status_code == 404
    assert team.post(f"{BASE}{mine.pk}/ressources/{item.pk}/deplacer/").status_code == 404
    assert other.items.count() == 1
    huge = "9" * 18
    for url in (
        f"{BASE}{huge}/",
        f"{BASE}{huge}/supprimer/",
        f"{BASE}{'9' * 30}/",
        f"{BASE}{mine.pk}/ressources/{huge}/retirer/",
    ):
        assert team.get(url).status_code in (404, 405), url
        assert team.post(url).status_code == 404, url
    assert team.post(f"{BASE}{huge}/ajouter/", {"resource": resource.pk}).status_code == 404


def test_get_on_post_only_actions_is_refused(team, national):
    collection = _collection(national)
    assert team.get(f"{BASE}{collection.pk}/ajouter/").status_code == 405


def test_non_team_users_get_403_and_anonymous_visitors_sign_in(client, organiser, national):
    collection = _collection(national)
    urls = [
        BASE,
        BASE + "nouvelle/",
        f"{BASE}{collection.pk}/",
        f"{BASE}{collection.pk}/supprimer/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/compte/connexion/" in response["Location"]
    for user in (organiser, make_user("participant@example.fr")):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403, url
        assert client.post(f"{BASE}{collection.pk}/supprimer/").status_code == 403
        assert client.post(BASE + "nouvelle/", {"title": "Pirate"}).status_code == 403
        assert "/orga/ressources/collections/" not in client.get("/orga/").content.decode()
    assert Collection.objects.count() == 1


def test_oversized_input_is_a_form_error(team, national):
    response = team.post(BASE + "nouvelle/", {"title": "x" * 100_000, "slug": "y" * 500})
    assert response.status_code == 400 and not Collection.objects.exists()
    collection = _collection(national)
    page = team.get(f"{BASE}{collection.pk}/", {"q": "données " * 10_000})
    assert page.status_code == 200
