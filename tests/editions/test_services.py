"""Edition services: editions, organisations (SIRET), partnerships and members, audited."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from nec.accounts.models import User
from nec.core.models import AuditEntry
from nec.editions import services
from nec.editions.models import Edition, Membership, Organisation, Partnership
from tests.factories import make_edition, make_member

pytestmark = pytest.mark.django_db

VALID_SIRET = "73282932000074"  # passes the Luhn checksum


def test_national_team_creates_an_edition_with_an_audit_entry(national):
    edition = services.create_edition(
        kind=Edition.Kind.LOCAL,
        year=2027,
        title="NEC local Brest 2027",
        city="Brest",
        start_date=date(2027, 5, 4),
        end_date=date(2027, 5, 4),
        actor=national,
    )
    assert edition.slug == "nec-local-brest-2027"
    entry = AuditEntry.objects.get(action="edition.created")
    assert entry.actor == national and entry.edition == edition


def test_only_the_national_team_creates_editions():
    organiser = make_member("orga@exemple.fr", make_edition("rennes", kind="local"))
    with pytest.raises(PermissionDenied):
        services.create_edition(year=2027, title="Pirate", actor=organiser)
    assert not Edition.objects.filter(title="Pirate").exists()


def test_end_before_start_is_refused(national):
    with pytest.raises(ValidationError) as error:
        services.create_edition(
            year=2027,
            title="X",
            start_date=date(2027, 5, 4),
            end_date=date(2027, 5, 1),
            actor=national,
        )
    assert "end_date" in error.value.message_dict
    edition = make_edition(
        "rennes", kind="local", start_date=date(2027, 3, 16), end_date=date(2027, 3, 16)
    )
    with pytest.raises(ValidationError):
        services.update_edition(edition, end_date=date(2027, 1, 1), actor=national)
    edition.refresh_from_db()
    assert edition.end_date == date(2027, 3, 16)
    assert not AuditEntry.objects.filter(action="edition.updated").exists()


def test_reserved_slug_is_refused(national):
    with pytest.raises(ValidationError):
        services.create_edition(year=2027, title="Journal", slug="journal", actor=national)


def test_update_records_what_changed(national):
    edition = make_edition("rennes", kind="local", city="Rennes")
    organiser = make_member("orga@exemple.fr", edition)
    changed = services.update_edition(edition, city="Saint-Malo", venue="Le Quai", actor=organiser)
    assert sorted(changed) == ["city", "venue"]
    entry = AuditEntry.objects.get(action="edition.updated")
    assert entry.details["changes"]["city"] == ["Rennes", "Saint-Malo"]
    assert services.update_edition(edition, city="Saint-Malo", actor=organiser) == []
    assert AuditEntry.objects.filter(action="edition.updated").count() == 1


def test_status_change_is_national_team_only(national):
    edition = make_edition("rennes", kind="local", city="Rennes", status=Edition.Status.DRAFT)
    organiser = make_member("orga@exemple.fr", edition)
    with pytest.raises(PermissionDenied):
        services.update_edition(edition, status=Edition.Status.PUBLISHED, actor=organiser)
    with pytest.raises(PermissionDenied):
        services.update_edition(edition, kind=Edition.Kind.NATIONAL, city="Brest", actor=organiser)
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DRAFT
    assert edition.kind == Edition.Kind.LOCAL and edition.city == "Rennes"
    services.update_edition(edition, status=Edition.Status.PUBLISHED, actor=national)
    edition.refresh_from_db()
    assert edition.status == Edition.Status.PUBLISHED


def test_organisation_with_valid_siret_and_unique_slug(national):
    first = services.create_organisation(
        name="La Fabrique", siret="732 829 320 00074", actor=national
    )
    second = services.create_organisation(name="La Fabrique", actor=national)
    assert first.siret == VALID_SIRET
    assert first.slug == "la-fabrique" and second.slug == "la-fabrique-2"
    assert AuditEntry.objects.filter(action="organisation.created").count() == 2


@pytest.mark.parametrize("siret", ["73282932000075", "1234", "7328293200007A", "²" * 14, "٣" * 14])
def test_invalid_siret_is_refused(national, siret):
    with pytest.raises(ValidationError) as error:
        services.create_organisation(name="Mauvais SIRET", siret=siret, actor=national)
    assert "siret" in error.value.message_dict
    assert not Organisation.objects.filter(name="Mauvais SIRET").exists()


def test_partnership_added_once_then_removed(national):
    edition = make_edition("rennes", kind="local")
    organisation = services.create_organisation(name="Coop numérique", actor=national)
    partnership = services.add_partnership(edition, organisation, "soutien", actor=national)
    with pytest.raises(ValidationError):
        services.add_partnership(edition, organisation, "porteur", actor=national)
    with pytest.raises(ValidationError):
        services.add_partnership(
            make_edition("tours", kind="local"), organisation, "inconnu", actor=national
        )
    services.remove_partnership(partnership, actor=national)
    assert not Partnership.objects.exists()
    actions = list(AuditEntry.objects.filter(edition=edition).values_list("action", flat=True))
    assert "edition.partnership_added" in actions and "edition.partnership_removed" in actions


def test_add_member_creates_the_account_and_mails_a_link(
    national, django_capture_on_commit_callbacks
):
    edition = make_edition("rennes", kind="local")
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.add_member(
            edition, "Nouvelle.Orga@Exemple.fr", "organiser", first_name="Inès", actor=national
        )
    user = User.objects.get(email="nouvelle.orga@exemple.fr")
    assert membership.user == user and user.first_name == "Inès"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nouvelle.orga@exemple.fr"]
    assert "Un rôle vous a été confié" in mail.outbox[0].body
    assert "3 jours" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="account.created").exists()
    entry = AuditEntry.objects.get(action="edition.member_added")
    assert entry.details["account_created"] is True
    with pytest.raises(ValidationError):
        services.add_member(edition, "nouvelle.orga@exemple.fr", "organiser", actor=national)
    assert Membership.objects.count() == 1


def test_remove_member(national):
    edition = make_edition("rennes", kind="local")
    user = make_member("orga@exemple.fr", edition)
    services.remove_member(user.memberships.get(), actor=national)
    assert not Membership.objects.exists()
    assert User.objects.filter(pk=user.pk).exists()
    assert AuditEntry.objects.filter(action="edition.member_removed", edition=edition).exists()
