"""Registration figures: counts, no-show rate, answer shares, session fill, filters."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nec.programme.models import FormatType, Room, Session, TimeSlot
from nec.registrations import stats
from nec.registrations.models import Answer, Booking, Registration

pytestmark = pytest.mark.django_db


def person(edition, n, status="confirmed", checked_in=False, **answers):
    registration = Registration.objects.create(
        edition=edition,
        email=f"p{n}@example.fr",
        first_name=f"P{n}",
        last_name="Test",
        status=status,
        checked_in_at=timezone.now() if checked_in else None,
    )
    questions = {q.key: q for q in edition.questions.all()}
    for key, value in answers.items():
        Answer.objects.create(registration=registration, question=questions[key], value=value)
    return registration


def test_registration_counts_and_no_show_rate(edition):
    for n in range(6):
        person(edition, n, checked_in=n < 4)
    person(edition, 10, status="pending")
    person(edition, 11, status="waiting")
    person(edition, 12, status="cancelled")
    counts = stats.registration_counts(edition)
    assert counts["confirmed"] == 6
    assert counts["pending"] == 1 and counts["waiting"] == 1 and counts["cancelled"] == 1
    assert counts["total"] == 9
    assert counts["checked_in"] == 4
    assert counts["no_show_rate"] == pytest.approx(33.3)


def test_no_show_rate_is_none_before_check_in(edition):
    person(edition, 1)
    assert stats.registration_counts(edition)["no_show_rate"] is None


def test_answer_counts_single_multiple_boolean_departement(edition):
    person(edition, 1, sector="public", objectives=["decouvrir", "rencontrer"], first_time=True)
    person(edition, 2, sector="public", objectives=["decouvrir"], first_time=False)
    person(edition, 3, sector="private", objectives=[], first_time=True, departement="2B")
    person(edition, 4, sector="private", first_time=True, departement="2B")
    # not counted: cancelled
    person(edition, 5, status="cancelled", sector="public", first_time=False)
    sector = stats.answer_counts(edition.questions.get(key="sector"))
    assert sector.asked == 4 and sector.answered == 4
    assert [(r.value, r.count, r.pct) for r in sector.rows] == [
        ("public", 2, 50.0),
        ("private", 2, 50.0),
    ]
    objectives = stats.answer_counts(edition.questions.get(key="objectives"))
    assert objectives.answered == 2  # an empty list is no answer
    by_value = {r.value: (r.count, r.pct) for r in objectives.rows}
    assert by_value == {
        "decouvrir": (2, 100.0),
        "rencontrer": (1, 50.0),
        "apprendre": (0, 0.0),
    }
    first = stats.answer_counts(edition.questions.get(key="first_time"))
    assert {r.value: r.count for r in first.rows} == {"oui": 3, "non": 1}
    assert {r.value: r.pct for r in first.rows} == {"oui": 75.0, "non": 25.0}
    departement = stats.answer_counts(edition.questions.get(key="departement"))
    assert [(r.value, r.label, r.count) for r in departement.rows] == [
        ("2B", "2B – Haute-Corse", 2)
    ]
    assert stats.share(edition, "sector", "public") == 50.0
    assert stats.share(edition, "first_time", True) == 75.0
    assert stats.share(edition, "nope", "x") is None


def test_questionnaire_figures_can_leave_out_team_only(edition):
    all_keys = [f.question.key for f in stats.questionnaire_figures(edition)]
    public_keys = [
        f.question.key for f in stats.questionnaire_figures(edition, include_team_only=False)
    ]
    assert "audience" in all_keys and "departement" in all_keys
    assert "accessibility" not in all_keys  # a text question has no counts
    edition.questions.filter(key="sector").update(team_only=True)
    public_keys = [
        f.question.key for f in stats.questionnaire_figures(edition, include_team_only=False)
    ]
    assert "sector" not in public_keys


def test_session_figures_from_bookings(edition):
    start = timezone.now() + timedelta(days=30)
    slot = TimeSlot.objects.create(edition=edition, start=start, end=start + timedelta(hours=1))
    room = Room.objects.create(edition=edition, name="Salle A", capacity=4)
    placed = {"room": room, "slot": slot, "published_room": room, "published_slot": slot}
    full = Session.objects.create(edition=edition, title="Complète", status="published", **placed)
    half = Session.objects.create(
        edition=edition, title="À moitié", capacity_override=10, status="published", **placed
    )
    Session.objects.create(edition=edition, title="Proposée", status="proposed")
    # placed in the grid but not published yet: nobody can book it (regression: it counted as
    # an empty session in the average fill rate, unlike the bookings page)
    Session.objects.create(
        edition=edition, title="Placée", room=room, slot=slot, status="scheduled"
    )
    free = Session.objects.create(edition=edition, title="Plénière", status="published")
    # a private institutional time is published (for the team) but never booked online, so it
    # must not count as an empty session in the fill rate either
    private = FormatType.objects.create(
        edition=edition, name="Temps privé", slug="temps-prive", public=False
    )
    Session.objects.create(
        edition=edition, title="Comité", status="published", format_type=private, **placed
    )
    people = [person(edition, n) for n in range(12)]
    now = timezone.now()
    for n in range(3):
        Booking.objects.create(
            session=full, registration=people[n], status="confirmed", attended_at=now
        )
    Booking.objects.create(session=full, registration=people[3], status="offered")
    Booking.objects.create(session=full, registration=people[4], status="waiting")
    Booking.objects.create(session=full, registration=people[5], status="waiting")
    Booking.objects.create(session=full, registration=people[6], status="cancelled")
    for n in range(5):
        Booking.objects.create(session=half, registration=people[n + 6], status="confirmed")
    rows = {row.session.title: row for row in stats.session_rows(edition)}
    assert set(rows) == {"Complète", "À moitié", "Plénière"}
    a = rows["Complète"]
    assert (a.capacity, a.booked, a.offered, a.waiting, a.attended) == (4, 3, 1, 2, 3)
    assert a.is_full and a.places_left == 0
    assert a.fill_rate == 75.0
    assert a.no_show_rate == 0.0
    b = rows["À moitié"]
    assert (b.capacity, b.booked, b.waiting, b.attended) == (10, 5, 0, 0)
    assert not b.is_full and b.places_left == 5 and b.fill_rate == 50.0
    assert b.no_show_rate is None
    c = rows["Plénière"]
    assert c.capacity is None and c.fill_rate is None and not c.is_full
    summary = stats.sessions_summary(edition)
    assert summary["sessions"] == 3
    assert summary["full"] == 1
    assert summary["average_fill_rate"] == 62.5
    assert summary["booked"] == 8 and summary["waiting"] == 2 and summary["attended"] == 3
    assert summary["capacity"] == 14
    assert summary["no_show_rate"] == 0.0
    assert free.pk  # open-access session listed without capacity


def test_filter_registrations(edition):
    person(edition, 1, sector="public", objectives=["decouvrir"], first_time=True)
    person(edition, 2, sector="private", objectives=["apprendre"], first_time=False)
    person(edition, 3, status="pending", sector="private", accessibility="Fauteuil roulant")
    assert stats.filter_registrations(edition).count() == 3
    assert stats.filter_registrations(edition, answers={"sector": "private"}).count() == 2
    assert (
        stats.filter_registrations(edition, answers={"sector": "private"}, status="pending")
        .get()
        .email
        == "p3@example.fr"
    )
    assert stats.filter_registrations(edition, answers={"objectives": "apprendre"}).count() == 1
    assert stats.filter_registrations(edition, answers={"first_time": "non"}).count() == 1
    assert stats.filter_registrations(edition, answers={"accessibility": "fauteuil"}).count() == 1
    assert stats.filter_registrations(edition, text="p2@").count() == 1
    assert stats.filter_registrations(edition, answers={"unknown": "x"}).count() == 3
