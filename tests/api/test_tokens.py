"""Organisers' personal API tokens: created on their edition's page (shown once, only a hash
kept), reading that edition's registrations only, revocable, audited."""

import re

from nec.api.models import ApiToken
from nec.api.tokens import create_token, hash_token
from nec.core.models import AuditEntry
from tests.factories import make_registration


def _auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_organiser_creates_a_token_shown_once_and_stored_hashed(client, organiser, edition):
    client.force_login(organiser)
    page = client.post(f"/orga/{edition.slug}/api/jetons/", {"name": "Tableur de l'accueil"})
    assert page.status_code == 200
    clear = re.search(r"nec_[-\w]{20,}", page.content.decode()).group(0)
    token = ApiToken.objects.get()
    assert token.token_hash == hash_token(clear) and clear not in token.token_hash
    assert AuditEntry.objects.filter(action="api.token_create", edition=edition).exists()
    assert clear not in client.get(f"/orga/{edition.slug}/api/jetons/").content.decode()
    empty = client.post(f"/orga/{edition.slug}/api/jetons/", {"name": ""})
    assert empty.status_code == 400


def test_token_reads_its_edition_registrations_only(client, organiser, edition, other_edition):
    registration = make_registration(edition, "Alice")
    make_registration(other_edition, "Bruno")
    _token, clear = create_token(actor=organiser, edition=edition, name="outil")
    data = client.get(f"/api/v1/editions/{edition.slug}/registrations", headers=_auth(clear))
    assert data.status_code == 200
    assert [r["id"] for r in data.json()["results"]] == [registration.pk]
    assert data["Cache-Control"] == "private, no-store"
    other = client.get(f"/api/v1/editions/{other_edition.slug}/registrations", headers=_auth(clear))
    assert other.status_code == 404
    assert client.get(f"/api/v1/editions/{edition.slug}/registrations").status_code == 401
    bad = client.get(f"/api/v1/editions/{edition.slug}/registrations", headers=_auth("nec_x"))
    assert bad.status_code == 401
    assert AuditEntry.objects.filter(action="api.registrations_read").count() == 1


def test_revoked_token_no_longer_reads(client, organiser, edition):
    token, clear = create_token(actor=organiser, edition=edition, name="outil")
    client.force_login(organiser)
    response = client.post(f"/orga/{edition.slug}/api/jetons/{token.pk}/revoquer/")
    assert response.status_code == 302
    answer = client.get(f"/api/v1/editions/{edition.slug}/registrations", headers=_auth(clear))
    assert answer.status_code == 401
    assert AuditEntry.objects.filter(action="api.token_revoke").exists()


def test_another_edition_organiser_cannot_reach_the_tokens(client, other_organiser, edition):
    client.force_login(other_organiser)
    assert client.get(f"/orga/{edition.slug}/api/jetons/").status_code == 403
