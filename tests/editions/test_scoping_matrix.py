"""Every page of the espace organisation under /orga/<edition>/ — those of every app, found by
walking the URL configuration — refuses people who have no role on that edition."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from nec.editions.models import Membership
from tests.factories import make_edition, make_member, make_user

CONVERTER = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
DUMMY = {
    "int": "1",
    "id": "1",
    "slug": "x",
    "str": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
}


def _walk(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry.name


def orga_edition_routes() -> list[tuple[str, str]]:
    routes = []
    for route, name in _walk(get_resolver().url_patterns):
        if route.startswith("^"):  # regex patterns (admin, i18n): not ours
            continue
        if route.startswith("orga/") and re.search(r"<(\w+:)?edition>", route):
            routes.append((route, name or route))
    return sorted(set(routes))


def build_path(route: str, edition_slug: str) -> str:
    def value(match):
        if match["name"] == "edition":
            return edition_slug
        return DUMMY.get(match["conv"] or "str", "x")

    return "/" + CONVERTER.sub(value, route)


ROUTES = orga_edition_routes()


def test_the_walk_finds_the_foundation_pages():
    names = {name for _, name in ROUTES}
    assert {"orga_edition", "orga_settings", "orga_partners", "orga_members", "orga_audit"} <= names


@pytest.fixture
def two_editions(db):
    mine = make_edition("nec-local-mine", kind="local", title="Mon édition")
    other = make_edition("nec-local-other", kind="local", title="Édition voisine confidentielle")
    return mine, other


@pytest.mark.django_db
@pytest.mark.parametrize("route,name", ROUTES, ids=[name for _, name in ROUTES])
def test_local_organiser_cannot_reach_another_edition(client, two_editions, route, name):
    mine, other = two_editions
    organiser = make_member("orga@mine.example", mine, Membership.Role.ORGANISER)
    client.force_login(organiser)
    path = build_path(route, other.slug)
    responses = {"GET": client.get(path), "POST": client.post(path, {})}
    for method, response in responses.items():
        assert response.status_code in (403, 405), (method, path, response.status_code)
        assert "Édition voisine confidentielle" not in response.content.decode()
    assert 403 in {r.status_code for r in responses.values()}, path


@pytest.mark.django_db
@pytest.mark.parametrize("route,name", ROUTES, ids=[name for _, name in ROUTES])
def test_person_without_role_is_refused_and_anonymous_sent_to_sign_in(
    client, two_editions, route, name
):
    _, other = two_editions
    path = build_path(route, other.slug)
    anonymous = {client.get(path).status_code, client.post(path, {}).status_code}
    assert anonymous <= {302, 405} and 302 in anonymous, (path, anonymous)
    client.force_login(make_user("participante@exemple.fr"))
    refused = {client.get(path).status_code, client.post(path, {}).status_code}
    assert refused <= {403, 405} and 403 in refused, (path, refused)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Membership.Role.SPEAKER, Membership.Role.PARTNER])
def test_non_organiser_roles_cannot_change_the_edition(client, two_editions, role):
    mine, _ = two_editions
    client.force_login(make_member("someone@exemple.fr", mine, role))
    for page in ("parametres", "partenaires", "equipe", "journal"):
        assert client.get(f"/orga/{mine.slug}/{page}/").status_code == 403


@pytest.mark.django_db
def test_unknown_edition_is_a_404_for_the_national_team(client):
    client.force_login(make_user("equipe@anct.example", is_national_team=True))
    assert client.get("/orga/n-existe-pas/").status_code == 404
