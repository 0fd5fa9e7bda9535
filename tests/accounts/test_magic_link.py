"""Sign-in by e-mailed link (single use, expiring, rate-limited), password sign-in, sign-out."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from nec.accounts import services
from nec.accounts.models import LoginRequest, LoginToken, User
from nec.core.models import AuditEntry
from tests.factories import make_user

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/compte/lien/([\w-]+)/")


def request_link(client, email, ip="10.0.0.1", next_url=""):
    return client.post(
        reverse("accounts:login"), {"email": email, "next": next_url}, REMOTE_ADDR=ip
    )


def token_from_last_mail() -> str:
    match = LINK.search(mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def test_known_address_gets_a_link_that_signs_in(client):
    user = make_user("camille@exemple.fr", first_name="Camille")
    response = request_link(client, "Camille@Exemple.fr ")
    assert response.status_code == 200
    assert "Vérifiez votre messagerie" in response.content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["camille@exemple.fr"]
    assert "Bonjour Camille" in mail.outbox[0].body
    token = token_from_last_mail()
    # opening the link (GET) does not use it: mail scanners may open links
    confirm = client.get(reverse("accounts:magic", args=[token]))
    assert confirm.status_code == 200
    assert "Confirmer la connexion" in confirm.content.decode()
    response = client.post(reverse("accounts:magic", args=[token]))
    assert response.status_code == 302
    assert response.url == reverse("accounts:home")
    assert client.get(reverse("accounts:home")).context["user"] == user
    assert AuditEntry.objects.filter(action="account.signed_in", actor=user).exists()


def test_only_the_hash_of_the_secret_is_stored(client):
    make_user("camille@exemple.fr")
    request_link(client, "camille@exemple.fr")
    token = token_from_last_mail()
    assert not LoginToken.objects.filter(token_hash=token).exists()
    assert LoginToken.objects.count() == 1


def test_unknown_address_gets_the_same_neutral_answer_and_no_mail(client):
    make_user("camille@exemple.fr")
    known = request_link(client, "camille@exemple.fr").content.decode()
    unknown = request_link(client, "personne@exemple.fr").content.decode()
    assert len(mail.outbox) == 1
    neutral = "Si un compte correspond à"
    assert neutral in known and neutral in unknown
    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    known = csrf.sub("", known.replace("camille@exemple.fr", "X"))
    assert known == csrf.sub("", unknown.replace("personne@exemple.fr", "X"))


def test_invalid_address_is_refused_with_a_french_message(client):
    response = request_link(client, "pas-une-adresse")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cette adresse e-mail n&#x27;est pas valide" in html
    assert 'value="pas-une-adresse"' in html
    assert LoginRequest.objects.count() == 0


def test_inactive_account_gets_no_link(client):
    make_user("parti@exemple.fr", is_active=False)
    request_link(client, "parti@exemple.fr")
    assert mail.outbox == []


def test_link_works_only_once(client):
    make_user("camille@exemple.fr")
    request_link(client, "camille@exemple.fr")
    token = token_from_last_mail()
    assert client.post(reverse("accounts:magic", args=[token])).status_code == 302
    client.logout()
    response = client.post(reverse("accounts:magic", args=[token]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ce lien a déjà servi" in html
    # a form to ask for a new link, right there
    assert f'action="{reverse("accounts:login")}"' in html
    assert "Recevoir un nouveau lien" in html
    assert "_auth_user_id" not in client.session


def test_expired_link_is_refused_with_a_clear_message(client):
    user = make_user("camille@exemple.fr")
    url = services.issue_login_link(user)
    token = LINK.search(url).group(1)
    LoginToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(reverse("accounts:magic", args=[token]))
    assert response.status_code == 400
    assert "Ce lien a expiré" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_link_expires_after_the_configured_delay(settings):
    settings.MAGIC_LINK_MAX_AGE_MINUTES = 30
    user = make_user("camille@exemple.fr")
    services.issue_login_link(user)
    token = LoginToken.objects.get()
    assert timedelta(minutes=29) < token.expires_at - timezone.now() <= timedelta(minutes=30)


def test_forged_link_is_refused(client):
    response = client.post(reverse("accounts:magic", args=["n-importe-quoi"]))
    assert response.status_code == 400
    assert "Ce lien n'est pas valide" in response.content.decode()


def test_rate_limit_per_address(client, settings):
    settings.MAGIC_LINK_RATE_PER_HOUR = 3
    make_user("camille@exemple.fr")
    for n in range(5):
        response = request_link(client, "camille@exemple.fr", ip=f"10.0.0.{n}")
        assert "Si un compte correspond à" in response.content.decode()
    assert len(mail.outbox) == 3
    # an hour later, the address may ask again
    LoginRequest.objects.update(created_at=timezone.now() - timedelta(hours=2))
    request_link(client, "camille@exemple.fr")
    assert len(mail.outbox) == 4


def test_rate_limit_per_ip_address(client, settings):
    settings.MAGIC_LINK_RATE_PER_IP_PER_HOUR = 4
    for n in range(6):
        make_user(f"personne{n}@exemple.fr")
        request_link(client, f"personne{n}@exemple.fr", ip="192.0.2.7")
    assert len(mail.outbox) == 4
    request_link(client, "personne5@exemple.fr", ip="192.0.2.8")
    assert len(mail.outbox) == 5


def test_forwarded_address_is_used_only_when_trusted(client, settings):
    settings.MAGIC_LINK_RATE_PER_IP_PER_HOUR = 1
    make_user("a@exemple.fr")
    make_user("b@exemple.fr")
    settings.TRUST_X_FORWARDED_FOR = True
    for email, forwarded in (("a@exemple.fr", "1.1.1.1"), ("b@exemple.fr", "2.2.2.2")):
        client.post(
            reverse("accounts:login"),
            {"email": email},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"9.9.9.9, {forwarded}",
        )
    assert len(mail.outbox) == 2
    assert set(LoginRequest.objects.values_list("ip_address", flat=True)) == {
        "1.1.1.1",
        "2.2.2.2",
    }


def test_next_url_is_followed_but_only_on_our_site(client):
    make_user("camille@exemple.fr")
    request_link(client, "camille@exemple.fr", next_url="/orga/")
    response = client.post(reverse("accounts:magic", args=[token_from_last_mail()]))
    assert response.url == "/orga/"
    client.logout()
    request_link(client, "camille@exemple.fr", next_url="https://evil.example/")
    response = client.post(reverse("accounts:magic", args=[token_from_last_mail()]))
    assert response.url == reverse("accounts:home")


def test_login_page_keeps_next(client):
    response = client.get(reverse("accounts:login") + "?next=/orga/")
    assert 'value="/orga/"' in response.content.decode()


def test_logout_needs_post_and_signs_out(client):
    user = make_user("camille@exemple.fr")
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_staff_password_sign_in(client):
    User.objects.create_user(
        email="staff@anct.example", password="un-mot-de-passe-long", is_staff=True
    )
    url = reverse("accounts:password_login")
    bad = client.post(url, {"username": "staff@anct.example", "password": "faux"})
    assert bad.status_code == 200
    assert "_auth_user_id" not in client.session
    assert bad.context["form"].errors
    good = client.post(url, {"username": "STAFF@anct.example", "password": "un-mot-de-passe-long"})
    assert good.status_code == 302
    assert good.url == reverse("editions:orga_dashboard")
    assert "_auth_user_id" in client.session


def test_people_without_password_cannot_use_the_password_form(client):
    make_user("camille@exemple.fr")
    response = client.post(
        reverse("accounts:password_login"), {"username": "camille@exemple.fr", "password": ""}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_get_or_create_user_is_case_insensitive_and_audited():
    user, created = services.get_or_create_user(" Dominique@Exemple.FR ", first_name="Dominique")
    assert created and user.email == "dominique@exemple.fr"
    again, created_again = services.get_or_create_user("dominique@exemple.fr", last_name="Martin")
    assert again == user and not created_again
    again.refresh_from_db()
    assert again.last_name == "Martin" and again.first_name == "Dominique"
    assert AuditEntry.objects.filter(action="account.created").count() == 1


def test_password_failures_are_logged_and_limited(client, settings):
    settings.PASSWORD_FAILURES_PER_ADDRESS = 3
    User.objects.create_user(
        email="staff@anct.example", password="un-mot-de-passe-long", is_staff=True
    )
    url = reverse("accounts:password_login")
    for _ in range(3):
        response = client.post(url, {"username": "staff@anct.example", "password": "faux"})
        assert "mot de passe incorrect" in response.content.decode()
    assert AuditEntry.objects.filter(action="account.password_failed").count() == 3
    # even the right password is refused now, with a clear message
    response = client.post(
        url, {"username": "staff@anct.example", "password": "un-mot-de-passe-long"}
    )
    assert response.status_code == 200
    assert "Trop de tentatives" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # later, it works again
    AuditEntry.objects.filter(action="account.password_failed").update(
        created_at=timezone.now() - timedelta(hours=1)
    )
    response = client.post(
        url, {"username": "staff@anct.example", "password": "un-mot-de-passe-long"}
    )
    assert response.status_code == 302
