"""Drafts of applications: saved with only an e-mail address (everything typed kept), resumed
from a signed link e-mailed within the rate limits, saved again or submitted — confirmed at once
at the same address, through the usual confirmation link at another; listed on « Mes
candidatures » for their signed-in owner only; a bad link is a 400."""

import re
from datetime import timedelta

import pytest
from django.core import mail

from nec.core.models import AuditEntry
from nec.core.signed_links import make_token
from nec.localeditions.models import Application, ApplicationDraft
from nec.localeditions.services import drafts
from tests.factories import make_user
from tests.localeditions.test_application import APPLY, application_post

pytestmark = pytest.mark.django_db

MINE = "/nec-locaux/mes-candidatures/"


def draft_link() -> str:
    body = mail.outbox[-1].body
    return re.search(r"https?://\S+(/nec-locaux/candidater/brouillon/\S+/)", body).group(1)


def save_draft(client, url=APPLY, **fields):
    return client.post(url, {**fields, "save_draft": "1"})


def test_a_draft_needs_only_an_email_and_keeps_what_was_typed(client):
    response = save_draft(
        client, email="Camille@Metz.example", commune="Metz", expected_size="beaucoup"
    )
    assert response.status_code == 302
    assert response.url == "/nec-locaux/candidater/brouillon-enregistre/"
    assert "camille@metz.example" in client.get(response.url).content.decode()
    draft = ApplicationDraft.objects.get()
    assert draft.email == "camille@metz.example"
    # unchecked: an invalid number is kept as typed, no application exists
    assert draft.data == {
        "email": "camille@metz.example",
        "commune": "Metz",
        "expected_size": "beaucoup",
    }
    assert not Application.objects.exists()
    assert mail.outbox[-1].to == ["camille@metz.example"]
    assert AuditEntry.objects.filter(
        action="localeditions.draft_saved", object_id=str(draft.pk)
    ).exists()


@pytest.mark.parametrize("email", ["", "pas-une-adresse"])
def test_a_draft_without_a_valid_email_is_refused_and_keeps_the_fields(client, email):
    response = save_draft(client, email=email, commune="Metz", venue="Arsenal")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Le brouillon n&#x27;est pas enregistré" in html or "Le brouillon n'est pas" in html
    assert 'value="Metz"' in html and 'value="Arsenal"' in html
    assert 'id="id_email_error"' in html
    # only the address is checked: no error on the other required fields
    assert 'id="id_organisation_name_error"' not in html
    assert not ApplicationDraft.objects.exists() and not mail.outbox


def test_a_huge_value_is_cut_to_the_field_length(client):
    save_draft(client, email="camille@metz.example", commune="x" * 100_000)
    assert len(ApplicationDraft.objects.get().data["commune"]) == 150


def test_the_resume_link_shows_the_form_filled_in_and_saves_the_same_draft(client):
    save_draft(client, **application_post(event_date="", support_requested=None))
    link = draft_link()
    page = client.get(link)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Brouillon enregistré le" in html
    assert 'value="Ville de Metz"' in html and "Fédérer les acteurs" in html
    assert re.search(r'name="charter_accepted"[^>]*checked', html)
    assert not re.search(r'name="support_requested"[^>]*checked', html)
    sent = len(mail.outbox)

    again = save_draft(client, link, **application_post(commune="Thionville"))
    assert again.status_code == 302 and "/nec-locaux/candidater/brouillon/" in again.url
    assert len(mail.outbox) == sent  # the same address: nothing e-mailed
    draft = ApplicationDraft.objects.get()
    assert draft.data["commune"] == "Thionville"
    assert 'value="Thionville"' in client.get(again.url).content.decode()


def test_a_resumed_draft_submitted_at_the_same_address_is_confirmed_at_once(client, national):
    save_draft(client, email="camille@metz.example", commune="Metz")
    link = draft_link()
    response = client.post(link, application_post())
    assert response.status_code == 200
    assert "votre candidature est bien reçue" in response.content.decode()
    application = Application.objects.get()
    assert application.confirmed_at is not None
    assert application.applicant.email == "camille@metz.example"
    assert mail.outbox[-1].subject == "Votre candidature pour un NEC local est bien reçue"
    assert not ApplicationDraft.objects.exists()
    assert AuditEntry.objects.filter(action="localeditions.application_confirmed").exists()
    # the link is used up
    used = client.get(link)
    assert used.status_code == 400 and "existe plus" in used.content.decode()
    client.force_login(national)
    assert "Ville de Metz" in client.get("/orga/candidatures/").content.decode()


def test_a_resumed_draft_with_another_address_needs_the_confirmation_link(client):
    save_draft(client, email="camille@metz.example", commune="Metz")
    link = draft_link()
    response = client.post(link, application_post(email="autre@metz.example"))
    assert response.status_code == 302 and response.url == "/nec-locaux/candidater/envoyee/"
    application = Application.objects.get()
    assert application.confirmed_at is None and application.email == "autre@metz.example"
    assert mail.outbox[-1].to == ["autre@metz.example"]
    assert "/nec-locaux/candidater/confirmer/" in mail.outbox[-1].body
    assert not ApplicationDraft.objects.exists()


def test_a_resumed_submission_with_errors_changes_nothing(client):
    save_draft(client, email="camille@metz.example", commune="Metz")
    link = draft_link()
    response = client.post(link, application_post(grant_requested="9000"))
    assert response.status_code == 400
    assert "choisissez-les à nouveau" in response.content.decode()
    assert ApplicationDraft.objects.exists() and not Application.objects.exists()


def test_a_draft_continuing_a_refused_application_keeps_the_link(client):
    from tests.localeditions.builders import confirmed_application

    refused = confirmed_application()
    Application.objects.filter(pk=refused.pk).update(state=Application.State.REFUSED)
    client.force_login(refused.applicant)
    save_draft(client, f"{APPLY}?reprise={refused.pk}", email=refused.email, commune="Metz")
    assert ApplicationDraft.objects.get().previous == refused
    client.post(draft_link(), application_post())
    assert Application.objects.exclude(pk=refused.pk).get().previous == refused


def test_over_the_rate_limit_nothing_is_saved(client, settings):
    settings.MAGIC_LINK_RATE_PER_HOUR = 1
    save_draft(client, email="camille@metz.example")
    response = save_draft(client, email="camille@metz.example")
    assert response.status_code == 302  # the same answer
    assert ApplicationDraft.objects.count() == 1 and len(mail.outbox) == 1


def test_tampered_forged_and_unknown_links_are_400(client):
    save_draft(client, email="camille@metz.example")
    link = draft_link()
    assert client.get(link[:-3] + "xx/").status_code == 400
    assert client.get("/nec-locaux/candidater/brouillon/abc/").status_code == 400
    garbage = client.post("/nec-locaux/candidater/brouillon/abc/", {"save_draft": "1"})
    assert garbage.status_code == 400
    # signed, but with another salt or for another address
    pk = ApplicationDraft.objects.get().pk
    other_salt = make_token({"d": pk, "e": "camille@metz.example"}, salt="x")
    assert client.get(f"/nec-locaux/candidater/brouillon/{other_salt}/").status_code == 400
    other_address = make_token({"d": pk, "e": "x@y.example"}, salt=drafts.DRAFT_SALT)
    assert client.get(f"/nec-locaux/candidater/brouillon/{other_address}/").status_code == 400


def test_an_expired_link_says_so(client, monkeypatch):
    save_draft(client, email="camille@metz.example")
    link = draft_link()
    monkeypatch.setattr(drafts, "DRAFT_MAX_AGE", timedelta(seconds=-1))
    response = client.get(link)
    assert response.status_code == 400 and "a expiré" in response.content.decode()
    assert client.post(link, application_post()).status_code == 400
    assert not Application.objects.exists()


def test_drafts_are_listed_for_their_signed_in_owner_only(client):
    save_draft(client, email="camille@metz.example", commune="Metz")
    owner = make_user("Camille@metz.example")
    other = make_user("autre@metz.example")
    client.force_login(owner)
    html = client.get(MINE).content.decode()
    assert "Mes brouillons" in html and "Metz" in html
    resume = re.search(r'href="(/nec-locaux/candidater/brouillon/[^"]+/)"', html).group(1)
    assert 'value="Metz"' in client.get(resume).content.decode()
    assert "Mes candidatures NEC local" in client.get("/compte/").content.decode()
    client.force_login(other)
    assert "Mes brouillons" not in client.get(MINE).content.decode()


def test_saving_again_at_another_address_sends_a_new_link_there(client):
    save_draft(client, email="camille@metz.example", commune="Metz")
    old_link = draft_link()
    response = save_draft(client, old_link, email="nouvelle@metz.example", commune="Metz")
    assert response.status_code == 302
    assert response.url == "/nec-locaux/candidater/brouillon-enregistre/"
    assert mail.outbox[-1].to == ["nouvelle@metz.example"]
    assert ApplicationDraft.objects.get().email == "nouvelle@metz.example"
    assert client.get(old_link).status_code == 400  # the old address's link no longer works
    assert client.get(draft_link()).status_code == 200


def test_a_nul_character_typed_in_a_draft_is_dropped_not_a_server_error(client):
    # the draft's fields are kept unchecked; PostgreSQL's jsonb refuses "\u0000" (was a 500)
    response = save_draft(client, email="camille@metz.example", commune="Me\x00tz")
    assert response.status_code == 302
    assert ApplicationDraft.objects.get().data["commune"] == "Metz"
