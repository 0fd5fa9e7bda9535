"""Registrations racing with themselves, on PostgreSQL (SQLite serialises writers)."""

import pytest

from nec.registrations import configuration, confirmation, services
from nec.registrations.models import Registration
from tests.concurrency import run_together, skip_unless_postgres
from tests.factories import make_edition

pytestmark = pytest.mark.django_db(transaction=True)


def test_same_form_submitted_many_times_at_once_creates_one_registration():
    skip_unless_postgres()
    edition = make_edition("course-doublon")

    def submit():
        return services.start_registration(
            edition, email="camille@example.fr", first_name="Camille", last_name="Martin"
        ).outcome

    outcomes = run_together([submit] * 8)
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert Registration.objects.filter(edition=edition).count() == 1
    assert outcomes.count("created") == 1
    assert set(outcomes) <= {"created", "duplicate"}


def test_confirmations_racing_for_the_last_places_never_exceed_capacity():
    skip_unless_postgres()
    edition = make_edition("course-jauge")
    configuration.update_settings(edition, actor=None, capacity=5)
    pending = [
        services.start_registration(
            edition, email=f"p{n}@example.fr", first_name="P", last_name=str(n)
        ).registration
        for n in range(12)
    ]
    results = run_together(
        [lambda r=r: confirmation.confirm_registration(r).status for r in pending]
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert results.count("confirmed") == 5
    assert results.count("waiting") == 7
    assert Registration.objects.filter(edition=edition, status="confirmed").count() == 5
