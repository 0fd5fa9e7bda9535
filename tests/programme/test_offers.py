"""Partner offers: partners publish them, organisers browse them and turn them into sessions."""

import pytest
from django.urls import reverse

from nec.core.models import AuditEntry
from nec.editions.models import Membership
from nec.programme.models import PartnerOffer, Session
from tests.factories import make_catalogue, make_edition, make_member, make_org

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    edition = make_edition()
    atelier, retex, theme, track = make_catalogue(edition)
    mednum = make_org("La Mednum")
    other_org = make_org("Emmaüs Connect")
    partner = make_member(
        "partenaire@example.org", edition, Membership.Role.PARTNER, organisation=mednum
    )
    organiser = make_member("orga@example.org", edition, Membership.Role.ORGANISER)
    return {
        "edition": edition,
        "atelier": atelier,
        "theme": theme,
        "mednum": mednum,
        "other_org": other_org,
        "partner": partner,
        "organiser": organiser,
    }


def offer_data(org, **extra):
    data = {
        "organisation": org.pk,
        "format_name": "Atelier",
        "title": "Fresque du numérique",
        "description": "Un atelier collaboratif de trois heures.",
        "themes": "Inclusion numérique, Sobriété",
        "duration_minutes": "180",
        "conditions": "25 personnes, tables en îlots",
        "contact": "fresque@example.org",
    }
    data.update(extra)
    return data


def make_offer(org, published=True, **extra):
    fields = {
        "format_name": "Atelier",
        "title": "Fresque du numérique",
        "description": "Un atelier collaboratif.",
        "themes": "Inclusion numérique, Sobriété",
        "contact": "fresque@example.org",
        "conditions": "25 personnes",
    }
    fields.update(extra)
    return PartnerOffer.objects.create(organisation=org, published=published, **fields)


def test_partner_creates_and_publishes_an_offer(client, world):
    client.force_login(world["partner"])
    assert client.get(reverse("programme:my_offers")).status_code == 200
    response = client.post(reverse("programme:offer_create"), offer_data(world["mednum"]))
    assert response.status_code == 302
    offer = PartnerOffer.objects.get()
    assert offer.organisation == world["mednum"]
    assert offer.published is False
    assert offer.theme_list == ["Inclusion numérique", "Sobriété"]
    client.post(reverse("programme:offer_publish", args=[offer.pk]), {"published": "1"})
    offer.refresh_from_db()
    assert offer.published
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"programme.offer_created", "programme.offer_published"} <= actions


def test_partner_cannot_publish_for_another_organisation(client, world):
    client.force_login(world["partner"])
    response = client.post(reverse("programme:offer_create"), offer_data(world["other_org"]))
    assert response.status_code == 400
    assert 'id="id_organisation_error"' in response.content.decode()
    foreign = make_offer(world["other_org"])
    assert client.get(reverse("programme:offer_edit", args=[foreign.pk])).status_code == 404
    response = client.post(
        reverse("programme:offer_publish", args=[foreign.pk]), {"published": "0"}
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.published


def test_missing_fields_are_reported(client, world):
    client.force_login(world["partner"])
    response = client.post(
        reverse("programme:offer_create"), offer_data(world["mednum"], title="", contact="")
    )
    assert response.status_code == 400
    assert 'id="id_title_error"' in response.content.decode()
    assert not PartnerOffer.objects.exists()


def test_non_partner_cannot_manage_offers(client, world):
    client.force_login(world["organiser"])
    assert client.get(reverse("programme:my_offers")).status_code == 403
    assert client.get(reverse("programme:offer_create")).status_code == 403
    assert client.get(reverse("programme:my_offers"), follow=False).status_code == 403
    client.logout()
    assert client.get(reverse("programme:my_offers")).status_code == 302


def catalogue_url(edition):
    return reverse("programme:offer_catalogue", kwargs={"edition": edition.slug})


def test_organiser_browses_and_filters(client, world):
    make_offer(world["mednum"])
    make_offer(
        world["other_org"],
        format_name="Masterclass",
        title="Réemploi des ordinateurs",
        themes="Sobriété",
        description="Le reconditionnement.",
    )
    make_offer(world["mednum"], published=False, title="Brouillon caché")
    client.force_login(world["organiser"])

    def titles(**params):
        response = client.get(catalogue_url(world["edition"]), params)
        assert response.status_code == 200
        return sorted(o.title for o in response.context["offers"])

    assert titles() == ["Fresque du numérique", "Réemploi des ordinateurs"]
    assert titles(format_name="masterclass") == ["Réemploi des ordinateurs"]
    assert titles(theme="inclusion") == ["Fresque du numérique"]
    assert titles(organisation=world["other_org"].pk) == ["Réemploi des ordinateurs"]
    assert titles(q="reconditionnement") == ["Réemploi des ordinateurs"]


def test_turn_offer_into_session_credited_to_partner(client, world):
    offer = make_offer(world["mednum"])
    client.force_login(world["organiser"])
    url = reverse("programme:offer_use", kwargs={"edition": world["edition"].slug, "pk": offer.pk})
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    session = Session.objects.get(edition=world["edition"])
    assert session.title == "Fresque du numérique"
    assert session.status == Session.Status.ACCEPTED
    assert session.format_type == world["atelier"]
    assert list(session.partners.all()) == [world["mednum"]]
    assert list(session.themes.all()) == [world["theme"]]
    entry = AuditEntry.objects.get(action="programme.session_from_offer")
    assert entry.edition == world["edition"]


def test_unpublished_offer_cannot_be_used(client, world):
    offer = make_offer(world["mednum"], published=False)
    client.force_login(world["organiser"])
    url = reverse("programme:offer_use", kwargs={"edition": world["edition"].slug, "pk": offer.pk})
    assert client.post(url).status_code == 404
    assert not Session.objects.exists()


def test_organiser_of_another_edition_gets_403(client, world):
    offer = make_offer(world["mednum"])
    other = make_edition("nec-local-tours")
    client.force_login(world["organiser"])
    url = reverse("programme:offer_use", kwargs={"edition": other.slug, "pk": offer.pk})
    assert client.post(url).status_code == 403
    assert client.get(catalogue_url(other)).status_code == 403
    assert not Session.objects.exists()


def test_offer_pages_send_anonymous_visitors_to_sign_in(client, world):
    offer = make_offer(world["mednum"])
    for url in (
        reverse("programme:my_offers"),
        reverse("programme:offer_create"),
        reverse("programme:offer_edit", args=[offer.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('accounts:login')}?next={url}"
    publish = reverse("programme:offer_publish", args=[offer.pk])
    assert client.get(publish).status_code == 405
    assert client.post(publish, {"published": "0"})["Location"].startswith(
        reverse("accounts:login")
    )
    offer.refresh_from_db()
    assert offer.published
