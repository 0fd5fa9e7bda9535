"""The call for proposals: the public form, confirmation links, co-speakers, call settings."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from nec.core.models import AuditEntry
from nec.editions.models import Edition
from nec.programme.models import Proposal, Session, SessionSpeaker, Speaker
from tests.factories import (
    make_catalogue,
    make_edition,
    make_member,
    make_org,
    make_user,
    open_call,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(edition):
    return make_catalogue(edition)


def form_data(catalogue, **extra):
    atelier, _retex, theme, track = catalogue
    data = {
        "first_name": "Camille",
        "last_name": "Martin",
        "email": "Camille.Martin@example.org",
        "organisation_name": "Tiers-lieu des Volcans",
        "title": "Médiation numérique en milieu rural",
        "format_type": atelier.pk,
        "theme": theme.pk,
        "track": track.pk,
        "summary": "Comment aller vers les publics éloignés.",
        "description": "Deux heures d'atelier.",
        "co_speakers": "ines@example.org\nlouis@example.org",
        "partner_name": "Association Numérique Solidaire",
        "material_needs": "Vidéoprojecteur",
        "needs_step_free": "on",
    }
    data.update(extra)
    return data


def url(edition):
    return reverse("programme:cfp_call", kwargs={"edition": edition.slug})


def test_open_call_shows_the_form(client, edition, catalogue):
    open_call(edition)
    response = client.get(url(edition))
    assert response.status_code == 200
    assert b'name="title"' in response.content
    assert "Déposer ma proposition" in response.content.decode()


def _path(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def _confirm_link(email: str) -> str:
    message = [m for m in mail.outbox if m.to == [email]][-1]
    return re.search(r"https?://\S+/appel-a-propositions/confirmer/\S+/", message.body).group(0)


def _invitation_link(email: str) -> str:
    message = [m for m in mail.outbox if m.to == [email]][-1]
    return re.search(r"https?://\S+/appel-a-propositions/invitation/\S+/", message.body).group(0)


def submit_and_confirm(client, edition, data) -> None:
    """An anonymous proposal, confirmed by the link e-mailed to its author."""
    client.post(url(edition), data)
    client.post(_path(_confirm_link(data["email"].lower())))
    client.logout()


def test_submission_confirmed_by_its_link_creates_session_speakers_and_mails(
    client, edition, catalogue
):
    open_call(edition)
    org = make_org()
    response = client.post(url(edition), form_data(catalogue, partner_organisation=org.pk))
    assert response.status_code == 302
    assert response["Location"].endswith("/appel-a-propositions/merci/")
    assert not Session.objects.exists()
    thanks = client.get(response["Location"]).content.decode()
    assert "Consultez vos e-mails" in thanks and "camille.martin@example.org" in thanks
    assert [m.to for m in mail.outbox] == [["camille.martin@example.org"]]
    link = _path(_confirm_link("camille.martin@example.org"))
    assert "Médiation numérique en milieu rural" in client.get(link).content.decode()
    response = client.post(link)
    assert response["Location"] == reverse("programme:my_proposals")
    session = Session.objects.get(edition=edition)
    assert session.status == Session.Status.PROPOSED
    assert session.track == catalogue[3]
    assert list(session.themes.all()) == [catalogue[2]]
    assert list(session.partners.all()) == [org]
    assert session.needs_step_free is True
    assert session.material_needs == "Vidéoprojecteur"
    proposal = Proposal.objects.get(session=session)
    assert proposal.proposer.email == "camille.martin@example.org"
    assert proposal.proposer.first_name == "Camille"
    roles = list(SessionSpeaker.objects.filter(session=session).order_by("position"))
    assert [r.speaker.email for r in roles] == [
        "camille.martin@example.org",
        "ines@example.org",
        "louis@example.org",
    ]
    assert roles[0].speaker.name == "Camille Martin"
    assert not any(r.confirmed for r in roles)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"programme.proposal_submitted", "programme.cospeaker_invited"} <= actions
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == [
        "camille.martin@example.org",
        "ines@example.org",
        "louis@example.org",
    ]
    invitation = next(m for m in mail.outbox if m.to == ["ines@example.org"])
    assert "Médiation numérique en milieu rural" in invitation.subject
    assert "Camille Martin" in invitation.body


def test_invalid_co_speaker_is_a_field_error_and_nothing_is_saved(client, edition, catalogue):
    open_call(edition)
    response = client.post(
        url(edition), form_data(catalogue, co_speakers="ines@example.org\nlouis(at)example")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_co_speakers_error"' in body
    assert "louis(at)example" in body
    assert "Médiation numérique en milieu rural" in body  # what was typed is kept
    assert not Session.objects.exists()
    assert not mail.outbox


def test_missing_required_fields(client, edition, catalogue):
    open_call(edition)
    response = client.post(url(edition), form_data(catalogue, title="", email="pas-une-adresse"))
    assert response.status_code == 200
    assert 'id="id_title_error"' in response.content.decode()
    assert 'id="id_email_error"' in response.content.decode()
    assert not Session.objects.exists()


def test_format_type_of_another_edition_is_refused(client, edition, catalogue):
    open_call(edition)
    other = make_edition("nec-autre")
    foreign, *_ = make_catalogue(other)
    response = client.post(url(edition), form_data(catalogue, format_type=foreign.pk))
    assert response.status_code == 200
    assert 'id="id_format_type_error"' in response.content.decode()
    assert not Session.objects.exists()


def test_after_closing_date_clear_message_no_form_and_nothing_saved(client, edition, catalogue):
    now = timezone.now()
    from nec.programme.models import CallForProposals

    CallForProposals.objects.create(
        edition=edition, opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1)
    )
    response = client.get(url(edition))
    body = response.content.decode()
    assert "est clos depuis le" in body
    assert 'name="title"' not in body
    response = client.post(url(edition), form_data(catalogue))
    assert response.status_code == 400
    assert "est clos depuis le" in response.content.decode()
    assert not Session.objects.exists()
    assert not mail.outbox


def test_before_opening_date(client, edition, catalogue):
    now = timezone.now()
    from nec.programme.models import CallForProposals

    CallForProposals.objects.create(
        edition=edition, opens_at=now + timedelta(days=3), closes_at=now + timedelta(days=30)
    )
    response = client.get(url(edition))
    assert "pas encore ouvert" in response.content.decode()
    assert 'name="title"' not in response.content.decode()
    assert client.post(url(edition), form_data(catalogue)).status_code == 400
    assert not Session.objects.exists()


def test_no_call_for_this_edition(client, edition, catalogue):
    response = client.get(url(edition))
    assert "Aucun appel" in response.content.decode()
    assert client.post(url(edition), form_data(catalogue)).status_code == 400


def test_signed_in_proposer_uses_their_account_and_gets_no_link(client, edition, catalogue):
    open_call(edition)
    user = make_user("nour@example.org", first_name="Nour")
    client.force_login(user)
    data = form_data(catalogue, co_speakers="")
    del data["email"]
    response = client.post(url(edition), data)
    assert response.status_code == 302
    assert Proposal.objects.get().proposer == user
    assert not mail.outbox


def test_confirmation_link_then_my_proposals_then_confirm(client, edition, catalogue):
    open_call(edition)
    client.post(url(edition), form_data(catalogue))
    response = client.post(_path(_confirm_link("camille.martin@example.org")))
    assert response.status_code == 302
    assert response["Location"] == reverse("programme:my_proposals")
    page = client.get(response["Location"])
    body = page.content.decode()
    assert "Médiation numérique en milieu rural" in body
    assert "proposée" in body
    role = SessionSpeaker.objects.get(speaker__email="camille.martin@example.org")
    response = client.post(reverse("programme:confirm_participation", args=[role.pk]))
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.confirmed
    assert AuditEntry.objects.filter(action="programme.speaker_confirmed").count() == 1


def test_co_speaker_invitation_link_lets_them_confirm(client, edition, catalogue):
    open_call(edition)
    submit_and_confirm(client, edition, form_data(catalogue))
    link = _path(_invitation_link("ines@example.org"))
    assert "Accepter l'invitation" in client.get(link).content.decode()
    response = client.post(link)
    assert response["Location"] == reverse("programme:my_proposals")
    role = SessionSpeaker.objects.get(speaker__email="ines@example.org")
    assert role.confirmed
    assert role.speaker.user.email == "ines@example.org"
    page = client.get(reverse("programme:my_proposals")).content.decode()
    assert "Vous avez confirmé votre participation." in page


def test_cannot_confirm_someone_elses_participation(client, edition, catalogue):
    open_call(edition)
    submit_and_confirm(client, edition, form_data(catalogue))
    intruder = make_user("intrus@example.org")
    client.force_login(intruder)
    role = SessionSpeaker.objects.get(speaker__email="ines@example.org")
    response = client.post(reverse("programme:confirm_participation", args=[role.pk]))
    assert response.status_code == 404
    role.refresh_from_db()
    assert not role.confirmed


def test_my_proposals_requires_sign_in(client):
    response = client.get(reverse("programme:my_proposals"))
    assert response.status_code == 302
    assert "/compte/connexion/" in response["Location"]
    assert response["Location"].endswith("?next=/mes-propositions/")


@pytest.mark.parametrize("status", [Edition.Status.DRAFT, Edition.Status.ARCHIVED])
def test_call_pages_are_404_unless_the_edition_is_published(client, status):
    edition = make_edition("nec-hors-ligne", status=status)
    open_call(edition)
    assert client.get(url(edition)).status_code == 404
    assert client.post(url(edition), form_data(make_catalogue(edition))).status_code == 404
    thanks = reverse("programme:cfp_thanks", kwargs={"edition": edition.slug})
    assert client.get(thanks).status_code == 404
    assert not Session.objects.filter(edition=edition).exists()


def test_proposer_already_speaker_reuses_profile(client, edition, catalogue):
    open_call(edition)
    submit_and_confirm(client, edition, form_data(catalogue, co_speakers=""))
    submit_and_confirm(client, edition, form_data(catalogue, title="Deuxième idée", co_speakers=""))
    assert Session.objects.filter(edition=edition).count() == 2
    assert Speaker.objects.filter(edition=edition).count() == 1


def test_call_settings_by_organiser_only(client, edition):
    from nec.editions.models import Membership

    organiser = make_member("orga@example.org", edition, Membership.Role.ORGANISER)
    reviewer = make_member("relecture@example.org", edition, Membership.Role.REVIEWER)
    settings_url = reverse("programme:cfp_settings", kwargs={"edition": edition.slug})
    client.force_login(reviewer)
    assert client.get(settings_url).status_code == 403
    client.force_login(organiser)
    response = client.post(
        settings_url,
        {"opens_at": "2026-03-01T09:00", "closes_at": "2026-02-01T09:00", "intro": "x"},
    )
    assert response.status_code == 200
    assert 'id="id_closes_at_error"' in response.content.decode()
    response = client.post(
        settings_url,
        {"opens_at": "2026-01-01T09:00", "closes_at": "2026-02-01T18:00", "intro": "Bienvenue"},
    )
    assert response.status_code == 302
    assert edition.call_for_proposals.intro == "Bienvenue"
    assert AuditEntry.objects.filter(action="programme.cfp_created").exists()
