"""The espace organisation's navigation grouped by task, limited to the kinds of edition that
use each tool; readable audit labels on the edition's home and journal."""

import pytest
from django.urls import reverse

from nec.core import audit
from nec.editions import orga_nav
from nec.editions.audit_labels import label
from tests.factories import make_edition, make_member

pytestmark = pytest.mark.django_db


def test_links_are_grouped_by_task_and_national_tools_hidden_from_local_editions():
    national = make_edition("nec-nationale")
    local = make_edition("nec-local-x", kind="local")
    who = make_member("orga@exemple.fr", national)
    make_member("orga@exemple.fr", local)
    groups = orga_nav.groups_for(who, national)
    keys = [group["key"] for group in groups["groups"]]
    assert keys[:2] == ["programme", "participants"] and "edition" in keys
    labels = [str(item["label"]) for group in groups["groups"] for item in group["items"]]
    assert len(labels) == len(set(labels)), "no duplicate entry"
    national_urls = {item["url"] for item in orga_nav.items_for(who, national)}
    local_urls = {item["url"] for item in orga_nav.items_for(who, local)}
    assert reverse("programme:offer_catalogue", args=[national.slug]) in national_urls
    assert reverse("programme:offer_catalogue", args=[local.slug]) not in local_urls


def test_register_keeps_its_old_signature_and_checks_the_group():
    orga_nav.register("editions:orga_audit", "Journal", "edition.view_audit", 90)  # positional
    item = next(i for i in orga_nav.registered_items() if i.url_name == "editions:orga_audit")
    assert item.group == "edition" and item.kinds is None
    with pytest.raises(ValueError):
        orga_nav.register("editions:orga_audit", "Journal", "edition.view_audit", group="x")


def test_current_group_shows_its_links_and_home_shows_all(client):
    edition = make_edition("nec-nationale")
    client.force_login(make_member("orga@exemple.fr", edition))
    home = client.get(reverse("editions:orga_edition", args=[edition.slug])).content.decode()
    assert "orga-overview" in home and "Paramètres" in home and "Inscriptions" in home
    settings = client.get(reverse("editions:orga_settings", args=[edition.slug])).content.decode()
    assert 'class="orga-group-current" aria-current="true">Édition<' in settings
    assert "Questionnaire d&#x27;inscription" not in settings  # another group's link


def test_audit_codes_read_as_words(client):
    assert label("programme.speaker_created") == "Intervenant·e ajouté·e"
    assert label("programme.thing_created") == "Thing : créé·e"  # a code without a label
    assert label("programme.session_placed") == "Session placée dans la grille"
    assert "_" not in label("someapp.thing_frobbed")
    edition = make_edition("nec-nationale")
    organiser = make_member("orga@exemple.fr", edition)
    audit.record(organiser, "programme.room_created", edition=edition, obj=None)
    client.force_login(organiser)
    home = client.get(reverse("editions:orga_edition", args=[edition.slug])).content.decode()
    assert "Salle créée" in home and "<code>programme.room_created" not in home
