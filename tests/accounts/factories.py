"""Small helpers to create editions and people in tests (real database rows, no mocks)."""

from datetime import date

from nec.accounts.models import User
from nec.editions.models import Edition, Membership


def make_edition(slug: str, **fields) -> Edition:
    defaults = {
        "kind": Edition.Kind.LOCAL,
        "year": 2027,
        "title": f"Édition {slug}",
        "city": "Rennes",
        "start_date": date(2027, 3, 16),
        "end_date": date(2027, 3, 16),
        "status": Edition.Status.PUBLISHED,
    }
    defaults.update(fields)
    return Edition.objects.create(slug=slug, **defaults)


def make_user(email: str, **fields) -> User:
    return User.objects.create_user(email=email, **fields)


def make_member(email: str, edition: Edition, role: str = Membership.Role.ORGANISER) -> User:
    user = User.objects.filter(email=email).first() or make_user(email)
    Membership.objects.create(user=user, edition=edition, role=role)
    return user


def make_national(email: str = "equipe@anct.example") -> User:
    return User.objects.create_user(email=email, is_national_team=True)
