"""The programme demo: a realistic, idempotent programme for the national edition."""

import random
from datetime import date

import pytest
from django.urls import reverse

from nec.core.demo import DemoContext
from nec.editions.models import Membership
from nec.programme import charter, demo
from nec.programme.models import ScheduleVersion, Session, Speaker
from nec.programme.services.schedule import schedule_changes
from tests.factories import make_edition, make_member

pytestmark = pytest.mark.django_db


def test_demo_does_nothing_without_a_national_edition():
    demo.load_demo(DemoContext(rng=random.Random(1)))
    assert not Session.objects.exists()


def test_demo_programme_is_realistic_and_idempotent(client):
    edition = make_edition(
        "nec-2027-clermont-ferrand",
        kind="national",
        title="Numérique en Commun[s] 2027",
        start_date=date(2027, 3, 16),
        end_date=date(2027, 3, 18),
    )
    speaker_user = make_member("intervenante@demo.example", edition, Membership.Role.SPEAKER)
    context = DemoContext(rng=random.Random(2025), objects={"national_edition": edition})
    demo.load_demo(context)

    sessions = edition.sessions.all()
    assert 95 <= sessions.count() <= 110
    assert edition.slots.count() == 14 and edition.rooms.count() == 10
    assert 220 <= edition.speakers.count() <= 280
    counts = {
        slug: sessions.filter(format_type__slug=slug).count()
        for slug in ("masterclass", "atelier", "retex", "regards-croises")
    }
    assert counts == {"masterclass": 11, "atelier": 26, "retex": 45, "regards-croises": 10}
    assert edition.tracks.count() == 3

    report = charter.edition_report(edition)
    assert 0.40 < report.share_women < 0.60 and report.share_women != 0.5
    assert 0.75 < report.share_co_designed < 0.95
    assert [c.session.status for c in report.blocking] == ["scheduled"]  # the all-male panel

    version = ScheduleVersion.objects.get(edition=edition)
    assert version.number == 1 and len(version.changelog["added"]) > 90
    assert schedule_changes(edition)["added"]  # the panel waits for the next version
    assert sessions.filter(status="published").count() > 90

    # real programme texts: no "1 initiatives", no lorem ipsum (regression)
    for session in sessions.filter(format_type__slug="pitch"):
        assert int(session.title.split()[2]) >= 3, session.title
    masterclass = sessions.filter(format_type__slug="masterclass").first()
    topic = masterclass.title.split(" : ", 1)[1].split(" ", 1)[1]  # "comprendre <topic>"
    assert topic in masterclass.summary and topic in masterclass.description
    assert "licence libre" in masterclass.description

    linked = Speaker.objects.get(user=speaker_user)
    assert linked.email == "intervenante@demo.example"

    # the grid has no conflict and the public programme shows it
    from nec.programme import timetable

    assert timetable.edition_conflicts(edition) == []
    response = client.get(reverse("programme:programme", args=[edition.slug]))
    assert (
        response.status_code == 200
        and "intelligence artificielle dans les services" not in response.content.decode()
    )

    demo.load_demo(DemoContext(rng=random.Random(2025), objects={"national_edition": edition}))
    assert edition.sessions.count() == sessions.count()
    assert Speaker.objects.filter(user=speaker_user).count() == 1
