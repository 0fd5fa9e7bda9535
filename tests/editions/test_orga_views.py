"""The espace organisation of an edition: dashboard, settings, partners, members, audit."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from nec.core import audit
from nec.core.models import AuditEntry
from nec.editions import orga_nav
from nec.editions.checks import check_registrations
from nec.editions.models import Edition, Membership, Organisation, Partnership
from tests.factories import make_edition, make_member, make_national, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def rennes(db):
    """A local edition on 16 March 2027, the date the settings tests post back."""
    return make_edition(
        "nec-local-rennes",
        kind="local",
        title="NEC local Rennes 2027",
        city="Rennes",
        start_date=date(2027, 3, 16),
        end_date=date(2027, 3, 16),
    )


@pytest.fixture
def organiser(rennes):
    # Overrides the root fixture: this module works on `rennes`, not on the root `edition`.
    return make_member("orga@rennes.example", rennes)


def url(name, edition, *args):
    return reverse(f"editions:{name}", args=[edition.slug, *args])


def test_dashboard_lists_the_editions_the_user_may_manage(client, rennes, organiser):
    make_edition("nec-local-tours", kind="local", title="NEC local Tours 2027")
    client.force_login(organiser)
    html = client.get(reverse("editions:orga_dashboard")).content.decode()
    assert "NEC local Rennes 2027" in html and "publiée" in html
    assert "NEC local Tours 2027" not in html
    assert reverse("editions:orga_edition_create") not in html
    assert url("orga_edition", rennes) in html


def test_dashboard_of_the_national_team_lists_all_and_offers_creation(client, rennes):
    make_edition("nec-local-tours", kind="local", title="NEC local Tours 2027", status="draft")
    client.force_login(make_national())
    html = client.get(reverse("editions:orga_dashboard")).content.decode()
    assert "NEC local Rennes 2027" in html and "NEC local Tours 2027" in html
    assert "brouillon" in html
    assert reverse("editions:orga_edition_create") in html
    assert reverse("editions:orga_audit_all") in html


def test_dashboard_needs_sign_in(client):
    response = client.get(reverse("editions:orga_dashboard"))
    assert response.status_code == 302 and "/compte/connexion/" in response.url


def test_edition_home_has_the_sub_navigation(client, rennes, organiser):
    client.force_login(organiser)
    html = client.get(url("orga_edition", rennes)).content.decode()
    assert html.count("<h1") == 1
    for name in ("orga_settings", "orga_partners", "orga_members", "orga_audit"):
        assert url(name, rennes) in html
    assert 'aria-current="page"' in html


def test_sub_navigation_shows_only_permitted_links(client, rennes):
    reviewer = make_member("relecture@exemple.fr", rennes, Membership.Role.REVIEWER)
    client.force_login(reviewer)
    html = client.get(url("orga_edition", rennes)).content.decode()
    assert url("orga_edition", rennes) in html
    assert url("orga_settings", rennes) not in html


@pytest.mark.parametrize(
    ("url_name", "action", "error_id"),
    [
        ("editions:history_missing", "edition.view_dashboard", "nec.E002"),  # no such page
        ("editions:history", "edition.view_dashboard", "nec.E002"),  # takes no edition slug
        ("editions:orga_edition", "edition.mistyped", "nec.E001"),  # unknown action
    ],
)
def test_a_mistyped_registration_fails_the_system_check(url_name, action, error_id):
    assert check_registrations() == []
    orga_nav.register(url_name, "Fantôme", action, order=99)
    try:
        errors = check_registrations()
    finally:
        orga_nav._ITEMS.pop(url_name)
        if url_name == "editions:orga_edition":  # put the real link back
            orga_nav.register(url_name, "Accueil de l'édition", "edition.view_dashboard", 0)
    assert [error.id for error in errors] == [error_id]


def test_a_view_requiring_an_unknown_action_fails_the_system_check():
    from django.urls import path

    from nec.editions.scoping import edition_view

    @edition_view("programme.mistyped")
    def view(request):  # pragma: no cover - never called
        raise AssertionError

    urlconf = type("urlconf", (), {"urlpatterns": [path("orga/<slug:edition>/x/", view)]})
    errors = check_registrations(urlconf=urlconf)
    assert [error.id for error in errors] == ["nec.E001"]
    assert "programme.mistyped" in errors[0].msg


def test_edition_home_shows_the_tiles_of_every_app(client, rennes, organiser):
    client.force_login(organiser)
    html = client.get(url("orga_edition", rennes)).content.decode()
    assert "Personnes ayant un rôle" in html and url("orga_members", rennes) in html
    assert "Partenaires" in html


def test_settings_form_saves_and_audits(client, rennes, organiser):
    client.force_login(organiser)
    response = client.get(url("orga_settings", rennes))
    assert response.status_code == 200
    data = {
        **{k: v for k, v in response.context["form"].initial.items() if v is not None},
        "venue": "Les Champs Libres",
        "start_date": "2027-03-16",
        "end_date": "2027-03-17",
    }
    data.pop("online", None)
    response = client.post(url("orga_settings", rennes), data)
    assert response.status_code == 302, response.context["form"].errors
    rennes.refresh_from_db()
    assert rennes.venue == "Les Champs Libres"
    entry = AuditEntry.objects.get(action="edition.updated")
    assert set(entry.details["fields"]) == {"venue", "end_date"}


def _settings_data(edition, **overrides):
    data = {
        "kind": edition.kind,
        "year": edition.year,
        "title": edition.title,
        "slug": edition.slug,
        "city": edition.city,
        "start_date": "2027-03-16",
        "end_date": "2027-03-16",
        "status": edition.status,
        "description": "",
    }
    data.update(overrides)
    return data


def test_end_before_start_is_refused_with_a_message(client, rennes, organiser):
    client.force_login(organiser)
    response = client.post(
        url("orga_settings", rennes),
        _settings_data(rennes, start_date="2027-03-16", end_date="2027-03-10", city="Brest"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "La date de fin ne peut pas précéder la date de début." in html
    assert 'value="Brest"' in html  # what was typed is kept
    rennes.refresh_from_db()
    assert rennes.city == "Rennes"


def test_organiser_cannot_change_the_status(client, rennes, organiser):
    client.force_login(organiser)
    response = client.get(url("orga_settings", rennes))
    assert response.context["form"].fields["status"].disabled
    assert response.context["form"].fields["kind"].disabled
    client.post(
        url("orga_settings", rennes), _settings_data(rennes, status="archived", kind="national")
    )
    rennes.refresh_from_db()
    assert rennes.status == Edition.Status.PUBLISHED
    assert rennes.kind == Edition.Kind.LOCAL


def test_national_team_changes_the_status(client, rennes):
    client.force_login(make_national())
    response = client.post(url("orga_settings", rennes), _settings_data(rennes, status="archived"))
    assert response.status_code == 302
    rennes.refresh_from_db()
    assert rennes.status == Edition.Status.ARCHIVED


def test_national_team_creates_an_edition(client):
    client.force_login(make_national())
    data = {
        "kind": "national",
        "year": 2028,
        "title": "Numérique en Commun[s] 2028",
        "slug": "nec-2028-brest",
        "city": "Brest",
        "start_date": "2028-03-14",
        "end_date": "2028-03-16",
        "status": "draft",
    }
    response = client.post(reverse("editions:orga_edition_create"), data)
    assert response.status_code == 302
    edition = Edition.objects.get(slug="nec-2028-brest")
    assert response.url == url("orga_edition", edition)
    assert AuditEntry.objects.filter(action="edition.created", edition=edition).exists()
    bad = client.post(reverse("editions:orga_edition_create"), {**data, "slug": "journal"})
    assert bad.status_code == 400
    assert "Cet identifiant est réservé" in bad.content.decode()


def test_organiser_cannot_create_editions(client, organiser):
    client.force_login(organiser)
    assert client.get(reverse("editions:orga_edition_create")).status_code == 403


def test_partners_add_existing_then_remove(client, rennes, organiser):
    organisation = Organisation.objects.create(name="Coop des Communs", slug="coop")
    client.force_login(organiser)
    response = client.post(
        url("orga_partners", rennes),
        {"form": "existing", "organisation": organisation.pk, "role": "soutien"},
    )
    assert response.status_code == 302
    partnership = Partnership.objects.get(edition=rennes)
    assert partnership.role == "soutien"
    html = client.get(url("orga_partners", rennes)).content.decode()
    assert "Coop des Communs" in html
    response = client.post(url("orga_partner_remove", rennes, partnership.pk))
    assert response.status_code == 302
    assert not Partnership.objects.exists()
    assert AuditEntry.objects.filter(action="edition.partnership_removed").exists()


def test_partner_of_another_edition_cannot_be_removed_through_mine(client, rennes, organiser):
    tours = make_edition("nec-local-tours", kind="local")
    organisation = Organisation.objects.create(name="Voisine", slug="voisine")
    other = Partnership.objects.create(edition=tours, organisation=organisation, role="soutien")
    client.force_login(organiser)
    response = client.post(url("orga_partner_remove", rennes, other.pk))
    assert response.status_code == 404
    assert Partnership.objects.filter(pk=other.pk).exists()


def test_create_organisation_inline(client, rennes, organiser):
    client.force_login(organiser)
    response = client.post(
        url("orga_partners", rennes),
        {
            "form": "new",
            "new-name": "Tiers-lieu La Grange",
            "new-kind": "tiers_lieu",
            "new-siret": "73282932000074",
            "new-website": "lagrange.exemple.fr",
            "new-role": "cooperateur",
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Tiers-lieu La Grange")
    assert organisation.website == "https://lagrange.exemple.fr"
    assert Partnership.objects.get(edition=rennes).organisation == organisation


def test_invalid_siret_is_a_field_error(client, rennes, organiser):
    client.force_login(organiser)
    response = client.post(
        url("orga_partners", rennes),
        {
            "form": "new",
            "new-name": "Mauvais SIRET",
            "new-kind": "association",
            "new-siret": "73282932000075",
            "new-role": "soutien",
        },
    )
    assert response.status_code == 400
    form = response.context["new_form"]
    assert "siret" in form.errors
    html = response.content.decode()
    assert "clé de contrôle ne correspond pas" in html
    assert 'value="Mauvais SIRET"' in html
    assert not Organisation.objects.filter(name="Mauvais SIRET").exists()


def test_members_add_by_email_and_remove(
    client, rennes, organiser, django_capture_on_commit_callbacks
):
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("orga_members", rennes),
            {"member-email": "benevole@exemple.fr", "member-role": "staff"},
        )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="benevole@exemple.fr")
    assert membership.edition == rennes and membership.role == "staff"
    assert mail.outbox[-1].to == ["benevole@exemple.fr"]
    response = client.post(url("orga_member_remove", rennes, membership.pk))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_members_bad_input(client, rennes, organiser):
    client.force_login(organiser)
    response = client.post(
        url("orga_members", rennes), {"member-email": "pas-une-adresse", "member-role": "staff"}
    )
    assert response.status_code == 400
    assert "Cette adresse e-mail n&#x27;est pas valide" in response.content.decode()
    response = client.post(
        url("orga_members", rennes),
        {"member-email": "orga@rennes.example", "member-role": "organiser"},
    )
    assert response.status_code == 400
    assert "déjà ce rôle" in response.content.decode()


def test_organiser_cannot_remove_their_own_organiser_role(client, rennes, organiser):
    client.force_login(organiser)
    membership = organiser.memberships.get()
    response = client.post(url("orga_member_remove", rennes, membership.pk), follow=True)
    assert "votre propre rôle" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_edition_audit_shows_only_that_edition(client, rennes, organiser):
    tours = make_edition("nec-local-tours", kind="local")
    audit.record(organiser, "test.rennes_action", rennes)
    audit.record(None, "test.tours_action", tours)
    client.force_login(organiser)
    html = client.get(url("orga_audit", rennes)).content.decode()
    assert "test.rennes_action" in html
    assert "test.tours_action" not in html


def test_national_audit_filters_and_paginates(client, rennes):
    tours = make_edition("nec-local-tours", kind="local")
    for n in range(60):
        audit.record(None, "test.bulk", rennes, n=n)
    audit.record(None, "test.other", tours)
    client.force_login(make_national())
    page1 = client.get(reverse("editions:orga_audit_all"))
    assert page1.status_code == 200
    assert page1.context["page"].paginator.count == 61
    assert len(page1.context["page"].object_list) == 50
    page2 = client.get(reverse("editions:orga_audit_all") + "?action=test.bulk&page=2")
    assert len(page2.context["page"].object_list) == 10
    assert "action=test.bulk&amp;page=1" in page2.content.decode()
    by_edition = client.get(reverse("editions:orga_audit_all") + f"?edition={tours.pk}")
    assert [e.action for e in by_edition.context["page"]] == ["test.other"]
    # a bad filter value is ignored with the form error, never a 500
    bad = client.get(reverse("editions:orga_audit_all") + "?edition=999999&page=abc")
    assert bad.status_code == 200


def test_national_audit_is_national_team_only(client, rennes, organiser):
    client.force_login(organiser)
    assert client.get(reverse("editions:orga_audit_all")).status_code == 403
    client.force_login(make_user("participante@exemple.fr"))
    assert client.get(reverse("editions:orga_audit_all")).status_code == 403


def test_creating_an_edition_without_slug_derives_it_from_the_title(client, rennes):
    client.force_login(make_national())
    data = {
        "kind": "local",
        "year": 2027,
        "title": "NEC local Besançon 2027",
        "slug": "",
        "status": "draft",
    }
    response = client.post(reverse("editions:orga_edition_create"), data)
    assert response.status_code == 302
    assert Edition.objects.filter(slug="nec-local-besancon-2027").exists()
    again = client.post(reverse("editions:orga_edition_create"), data)
    assert again.status_code == 400
    assert "utilise déjà" in again.content.decode()
    empty = client.post(reverse("editions:orga_edition_create"), {"kind": "local"})
    assert empty.status_code == 400
    assert empty.context["form"].errors.keys() >= {"title", "year"}


def test_audit_details_are_shown_for_people_not_as_python_values(client, rennes, organiser):
    # regression: the journal showed "previous : None", "account_created : False"
    audit.record(
        organiser, "test.details", rennes, previous=None, created=False, sent=True, slugs=["a", "b"]
    )
    client.force_login(organiser)
    html = client.get(url("orga_audit", rennes)).content.decode()
    # (PostgreSQL's jsonb does not keep the order of the keys)
    for shown in ("previous : —", "created : non", "sent : oui", "slugs : a, b"):
        assert shown in html
    assert "None" not in html and "False" not in html and "['a'" not in html
