"""One throttle for every password entry point (site form and Django admin), counted per
(address, client) and per client so that nobody can lock the owner out."""

import pytest
from django.urls import reverse

from nec.accounts.models import User
from nec.core.models import AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "un-mot-de-passe-long"
ATTACKER = "203.0.113.7"
OWNER = "198.51.100.20"


@pytest.fixture
def superuser():
    return User.objects.create_superuser(email="admin@anct.example", password=PASSWORD)


def _site_login(client, email, password, ip):
    return client.post(
        reverse("accounts:password_login"),
        {"username": email, "password": password},
        REMOTE_ADDR=ip,
    )


def _admin_login(client, email, password, ip):
    return client.post(
        reverse("admin:login"),
        {"username": email, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=ip,
    )


def test_an_attacker_cannot_lock_the_owner_out(client, settings, superuser):
    settings.PASSWORD_FAILURES_PER_ADDRESS = 3
    for _ in range(5):
        _site_login(client, superuser.email, "faux", ATTACKER)
    # the attacker's client is stopped, even with the right password …
    response = _site_login(client, superuser.email, PASSWORD, ATTACKER)
    assert "Trop de tentatives" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # … the owner, from their own client, still signs in
    response = _site_login(client, superuser.email, PASSWORD, OWNER)
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_one_client_is_limited_whatever_the_addresses(client, settings, superuser):
    settings.PASSWORD_FAILURES_PER_IP = 4
    for n in range(4):
        _site_login(client, f"personne{n}@exemple.fr", "faux", ATTACKER)
    response = _site_login(client, superuser.email, PASSWORD, ATTACKER)
    assert "Trop de tentatives" in response.content.decode()


def test_the_admin_login_shares_the_throttle(client, settings, superuser):
    settings.PASSWORD_FAILURES_PER_ADDRESS = 3
    for _ in range(2):
        _site_login(client, superuser.email, "faux", ATTACKER)
    _admin_login(client, superuser.email, "faux", ATTACKER)  # the third failure, on the admin
    assert AuditEntry.objects.filter(action="account.password_failed").count() == 3
    response = _admin_login(client, superuser.email, PASSWORD, ATTACKER)
    assert response.status_code == 200
    assert "Trop de tentatives" in response.content.decode()
    assert "_auth_user_id" not in client.session
    response = _site_login(client, superuser.email, PASSWORD, ATTACKER)
    assert "Trop de tentatives" in response.content.decode()
    # from another client, the admin opens
    response = _admin_login(client, superuser.email, PASSWORD, OWNER)
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_admin_is_for_superusers_only(client):
    staff = User.objects.create_user(
        email="staff@anct.example", password=PASSWORD, is_staff=True, is_national_team=True
    )
    response = _admin_login(client, staff.email, PASSWORD, OWNER)
    assert response.status_code == 200  # refused with the form's error
    assert "_auth_user_id" not in client.session
    client.force_login(staff)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and reverse("admin:login") in response.url
