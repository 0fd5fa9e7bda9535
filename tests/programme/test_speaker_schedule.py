"""A speaker sees when and where they speak, as published: on "Mes propositions" and, for the
sessions to come, at the top of "Mon espace"; a session not published yet says its time is to
come; the public page is linked only when the public can read it."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from nec.editions.models import Edition
from nec.programme.models import SessionSpeaker
from nec.programme.services.schedule import place_session, publish_schedule
from tests.factories import (
    make_edition,
    make_grid,
    make_session,
    make_slot,
    make_speaker,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    edition = make_edition("nec-2027")
    (room, other_room), _ = make_grid(edition, rooms=2, slots=0)
    slot = make_slot(edition, hour=9)  # on the edition's first day, to come whatever today is
    alice = make_user("alice@example.fr")
    speaker = make_speaker(edition, "Alice Martin", "femme", user=alice)
    published = make_session(edition, "Les communs numériques", [speaker])
    waiting = make_session(edition, "La médiation en milieu rural", [speaker])
    strangers = make_session(
        edition, "Une session d'autres personnes", [make_speaker(edition, "Bo")]
    )
    place_session(published, slot, room, actor=None)
    place_session(strangers, slot, other_room, actor=None)
    publish_schedule(edition, actor=None)
    waiting.status = waiting.Status.ACCEPTED
    waiting.save(update_fields=["status"])
    return {"edition": edition, "alice": alice, "published": published, "room": room}


def test_my_proposals_say_when_and_where(client, programme):
    published = programme["published"]
    client.force_login(programme["alice"])
    html = client.get(reverse("programme:my_proposals")).content.decode()
    with translation.override("fr"):
        day = date_format(programme["edition"].start_date, "l j F Y").capitalize()
    assert "Quand et où :" in html and f"{day}, 09:00–10:00 · Salle 1" in html
    assert published.get_absolute_url() in html
    assert "Horaire et salle à venir" in html  # the accepted session, not placed yet
    assert "Une session d&#x27;autres personnes" not in html


def test_coming_talks_open_my_space(client, programme):
    client.force_login(programme["alice"])
    html = client.get(reverse("accounts:home")).content.decode()
    assert "Mes prochaines interventions" in html
    assert "Les communs numériques" in html and "Salle 1" in html
    assert "La médiation en milieu rural" not in html  # not published: only on "Mes propositions"
    client.force_login(make_user("bo@example.fr"))
    assert "Mes prochaines interventions" not in client.get(reverse("accounts:home")).text


def test_no_public_link_while_the_edition_is_not_public(client, programme):
    edition = programme["edition"]
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.DRAFT)
    client.force_login(programme["alice"])
    html = client.get(reverse("programme:my_proposals")).content.decode()
    assert "Salle 1" in html  # the speaker still knows where to be
    assert programme["published"].get_absolute_url() not in html


def test_my_space_asks_to_confirm_and_comes_back(client, programme):
    role = SessionSpeaker.objects.get(session=programme["published"])
    assert not role.confirmed
    client.force_login(programme["alice"])
    home = reverse("accounts:home")
    html = client.get(home).content.decode()
    confirm = reverse("programme:confirm_participation", args=[role.pk])
    assert confirm in html and "Confirmer ma participation" in html
    response = client.post(confirm, {"next": home})
    assert response.status_code == 302 and response.url == home
    role.refresh_from_db()
    assert role.confirmed
    assert confirm not in client.get(home).text
    # another site is never a destination
    elsewhere = client.post(confirm, {"next": "https://ailleurs.example/"})
    assert elsewhere.url == reverse("programme:my_proposals")
