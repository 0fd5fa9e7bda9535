"""The audit log: what an entry keeps, and that it outlives its edition and its actor."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from nec.core import audit
from nec.core.models import AuditEntry
from nec.editions.models import Organisation, Partnership
from tests.factories import make_edition, make_national

pytestmark = pytest.mark.django_db


def test_record_keeps_actor_object_edition_and_details():
    actor = make_national()
    edition = make_edition("rennes", kind="local", start_date=date(2027, 3, 16))
    entry = audit.record(
        actor, "edition.updated", edition, fields=["city"], when=edition.start_date
    )
    entry.refresh_from_db()
    assert entry.actor == actor
    assert entry.action == "edition.updated"
    assert entry.object_type == "editions.edition"
    assert entry.object_id == str(edition.pk)
    assert entry.object_repr == edition.title
    assert entry.edition == edition  # an edition is its own edition
    assert entry.details == {"fields": ["city"], "when": "2027-03-16"}
    assert entry.created_at is not None


def test_edition_is_taken_from_the_object():
    edition = make_edition("rennes", kind="local")
    organisation = Organisation.objects.create(name="Coop", slug="coop")
    partnership = Partnership.objects.create(
        edition=edition, organisation=organisation, role="soutien"
    )
    assert audit.record(None, "x.y", partnership).edition == edition
    assert audit.record(None, "x.y", organisation).edition is None


def test_anonymous_actor_and_no_object():
    entry = audit.record(AnonymousUser(), "system.tick")
    assert entry.actor is None and entry.object_type == "" and entry.edition is None


def test_entries_survive_the_deletion_of_their_edition_and_actor():
    actor = make_national()
    edition = make_edition("rennes", kind="local", title="Édition rennes")
    entry = audit.record(actor, "edition.created", edition)
    edition.delete()
    actor.delete()
    entry.refresh_from_db()
    assert entry.edition is None and entry.actor is None
    assert entry.object_repr == "Édition rennes"


def test_newest_first():
    audit.record(None, "first")
    audit.record(None, "second")
    assert [e.action for e in AuditEntry.objects.all()] == ["second", "first"]
