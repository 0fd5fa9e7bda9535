"""What the accounts app holds on one person — the account itself and its sign-in traces — for
the GDPR rights; registered last in `nec.accounts.personal_data`, so that every other app's
eraser still finds the person by their address.

Erasing closes the account without deleting its row: audit entries, authorship of published
resources and edition roles point at it, and their "who" must stay a valid reference. Nothing
that identifies the person is left on it."""

from __future__ import annotations

from django.db import transaction

from nec.accounts.models import LoginRequest, LoginToken, User
from nec.accounts.personal_data import erased_address
from nec.core import audit


def export_account(email: str) -> list[dict]:
    return [
        {
            "adresse": user.email,
            "prenom": user.first_name,
            "nom": user.last_name,
            "equipe_nationale": user.is_national_team,
            "cree_le": user.date_joined.isoformat(),
            "derniere_connexion": user.last_login.isoformat() if user.last_login else None,
            "demandes_de_lien_de_connexion": LoginRequest.objects.filter(
                email__iexact=user.email
            ).count(),
        }
        for user in User.objects.filter(email__iexact=email)
    ]


def erase_account(email: str, *, actor) -> int:
    """Close the account: address replaced by a placeholder, names cleared, no password, no
    rights, inactive (its open sessions stop at the next request); sign-in links and requests
    deleted."""
    changed = 0
    with transaction.atomic():
        LoginRequest.objects.filter(email__iexact=email).delete()
        for user in User.objects.select_for_update().filter(email__iexact=email):
            LoginToken.objects.filter(user=user).delete()
            user.email = erased_address("compte-efface", user.pk)
            user.first_name = user.last_name = ""
            user.set_unusable_password()
            user.is_active = user.is_staff = user.is_superuser = user.is_national_team = False
            user.save()
            user.groups.clear()
            user.user_permissions.clear()
            audit.record(actor, "account.closed", user)
            changed += 1
    return changed
