"""Fixtures and helpers of the registration tests (imported by conftest.py)."""

import pytest

from nec.accounts.models import User
from nec.editions.models import Edition, Membership
from nec.registrations.questionnaire import ensure_default_questionnaire
from tests.registrations.booking_helpers import make_edition


@pytest.fixture
def edition(db):
    edition = make_edition("nec-test")
    ensure_default_questionnaire(edition)
    return edition


@pytest.fixture
def other_edition(db):
    edition = make_edition("nec-locale", kind=Edition.Kind.LOCAL, title="NEC local")
    ensure_default_questionnaire(edition)
    return edition


@pytest.fixture
def organiser(edition):
    user = User.objects.create_user("orga@example.fr", first_name="Olga", last_name="Orga")
    Membership.objects.create(user=user, edition=edition, role=Membership.Role.ORGANISER)
    return user


@pytest.fixture
def other_organiser(other_edition):
    user = User.objects.create_user("autre@example.fr")
    Membership.objects.create(user=user, edition=other_edition, role=Membership.Role.ORGANISER)
    return user


#: A complete, valid answer set to the default questionnaire (form field names).
VALID_ANSWERS = {
    "q_audience": "strategies_inclusion",
    "q_sector": "public",
    "q_public_kind": "collectivite",
    "q_structure_type": "collectivite",
    "q_departement": "2A",
    "q_first_time": "oui",
    "q_with_colleagues": "non",
    "q_objectives": ["decouvrir", "apprendre"],
    "q_track": "parcours-1",
    "q_accessibility": "Boucle magnétique",
}


def registration_post(email="camille@example.fr", **overrides) -> dict:
    data = {
        "first_name": "Camille",
        "last_name": "Martin",
        "email": email,
        "organisation": "Ville de Lens",
        "job_title": "Médiatrice numérique",
        **VALID_ANSWERS,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


#: The same answers as stored values (question key -> value).
STORED_ANSWERS = {
    "audience": "strategies_inclusion",
    "sector": "public",
    "public_kind": "collectivite",
    "structure_type": "collectivite",
    "departement": "2A",
    "first_time": True,
    "with_colleagues": False,
    "objectives": ["decouvrir", "apprendre"],
    "track": "parcours-1",
    "accessibility": "Boucle magnétique",
}
