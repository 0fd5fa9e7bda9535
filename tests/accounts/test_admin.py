"""The Django admin stays available to superusers for our models."""

import pytest
from django.urls import reverse

from nec.accounts.models import User
from nec.core import audit
from tests.factories import make_edition, make_member

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "accounts_user",
    "core_auditentry",
    "editions_edition",
    "editions_organisation",
    "editions_partnership",
    "editions_membership",
    "editions_source",
    "editions_editionfigure",
]


@pytest.mark.parametrize("name", CHANGELISTS)
def test_superuser_opens_every_changelist(client, name):
    edition = make_edition("rennes", kind="local")
    make_member("orga@exemple.fr", edition)
    audit.record(None, "test.action", edition)
    client.force_login(User.objects.create_superuser(email="admin@anct.example"))
    assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200


def test_audit_log_is_read_only_in_the_admin(client):
    entry = audit.record(None, "test.action")
    client.force_login(User.objects.create_superuser(email="admin@anct.example"))
    assert client.get(reverse("admin:core_auditentry_add")).status_code == 403
    response = client.post(
        reverse("admin:core_auditentry_delete", args=[entry.pk]), {"post": "yes"}
    )
    assert response.status_code == 403


def test_people_without_staff_status_cannot_enter_the_admin(client):
    client.force_login(make_member("orga@exemple.fr", make_edition("rennes", kind="local")))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "login" in response.url
