"""The registrations demo: realistic answers following the published distributions."""

import random

import pytest

from nec.accounts.models import User
from nec.core.demo import DemoContext
from nec.registrations import demo, stats
from nec.registrations.models import Registration
from tests.factories import make_edition

pytestmark = pytest.mark.django_db


def test_demo_registrations_follow_the_published_distributions():
    edition = make_edition("nec-2026")
    participant = User.objects.create_user("participant@example.fr", first_name="Paula")
    context = DemoContext(rng=random.Random(2025))
    context.objects["national_edition"] = edition
    context.accounts.append(("Participant·e", participant.email))
    demo.load_demo(context)
    registrations = Registration.objects.filter(edition=edition)
    assert registrations.count() == demo.TOTAL + 1
    counts = stats.registration_counts(edition)
    assert counts["confirmed"] > 0.9 * demo.TOTAL
    assert counts["cancelled"] > 0
    assert stats.share(edition, "sector", "public") == pytest.approx(52, abs=3)
    assert stats.share(edition, "first_time", True) == pytest.approx(58, abs=3)
    assert stats.share(edition, "with_colleagues", True) == pytest.approx(69, abs=3)
    assert stats.share(edition, "audience", "strategies_inclusion") == pytest.approx(34, abs=3)
    assert stats.share(edition, "objectives", "decouvrir") == pytest.approx(73 / 0.94, abs=4)
    track = stats.answer_counts(edition.questions.get(key="track"))
    assert [round(row.pct) for row in track.rows] == pytest.approx([50, 28, 22], abs=3)
    mine = registrations.get(email="participant@example.fr")
    assert mine.user == participant and mine.status == "confirmed"
    # idempotent
    demo.load_demo(context)
    assert Registration.objects.filter(edition=edition).count() == demo.TOTAL + 1


def test_demo_without_national_edition_does_nothing():
    context = DemoContext(rng=random.Random(1))
    demo.load_demo(context)
    assert Registration.objects.count() == 0
