"""Wishes' read side: the team's "Demande par session" (counts, capacity, co-interest pairs and
clashes on a handmade dataset, sorting, access) and the participant's page of sessions to mark,
placed or not (wish on an unscheduled session, refusals, no booking button)."""

import pytest
from django.urls import reverse

from nec.editions.models import Edition, Membership
from nec.programme.models import FormatType, Session
from nec.programme.services.schedule import place_session
from nec.registrations.models import Registration
from nec.timetabling.demand import demand
from nec.timetabling.models import Wish
from tests.factories import (
    make_edition,
    make_grid,
    make_member,
    make_registration,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset(edition):
    """Rooms of 10 and 2 seats × 3 slots. A (big room) and B (small room) in slot 1, C (big
    room) in slot 2, D accepted but not placed, E cancelled. Wishes: p1 A B C (+ E), p2 A B,
    p3 A B D, p4 A C; p5, whose registration is cancelled, A B C."""
    (big, small), slots = make_grid(edition, rooms=2, slots=3, capacity=10)
    small.capacity = 2
    small.save()
    a = make_session(edition, "A — les communs")
    b = make_session(edition, "B — l'inclusion")
    c = make_session(edition, "C — la médiation")
    d = make_session(edition, "D — les territoires")
    e = make_session(edition, "E — annulée")
    place_session(a, slots[0], big, actor=None)
    place_session(b, slots[0], small, actor=None)
    place_session(c, slots[1], big, actor=None)
    Session.objects.filter(pk=e.pk).update(status=Session.Status.CANCELLED)
    people = [make_registration(edition) for _ in range(4)]
    people.append(make_registration(edition, status=Registration.Status.CANCELLED))
    wished = [(0, (a, b, c, e)), (1, (a, b)), (2, (a, b, d)), (3, (a, c)), (4, (a, b, c))]
    Wish.objects.bulk_create(
        [Wish(registration=people[i], session=s) for i, sessions in wished for s in sessions]
    )
    return {"sessions": (a, b, c, d, e), "people": people, "slots": slots, "rooms": (big, small)}


def _url(edition, name="demand"):
    return reverse(f"timetabling:{name}", kwargs={"edition": edition.slug})


def test_counts_capacity_and_co_interest_exactly(edition, other_edition, dataset):
    a, b, c, d, e = dataset["sessions"]
    other = make_session(other_edition, "Ailleurs")  # another edition's wishes never count
    Wish.objects.create(registration=make_registration(other_edition), session=other)
    figures = demand(edition)
    rows = {row.session.pk: row for row in figures.rows}
    assert set(rows) == {a.pk, b.pk, c.pk, d.pk}  # E is cancelled
    assert [(rows[s.pk].wishes, rows[s.pk].capacity) for s in (a, b, c, d)] == [
        (4, 10),
        (3, 2),
        (2, 10),
        (1, None),
    ]
    assert [rows[s.pk].percent for s in (a, b, c, d)] == [40, 150, 20, None]
    assert [rows[s.pk].over for s in (a, b, c, d)] == [False, True, False, False]
    assert not rows[d.pk].placed and rows[a.pk].placed
    assert (figures.people, figures.wishes, figures.over, figures.unplaced) == (4, 10, 1, 1)
    pairs = [
        ({p.first.session.pk, p.second.session.pk}, p.together, p.percent, p.clash)
        for p in figures.pairs
    ]
    assert pairs == [
        ({a.pk, b.pk}, 3, 100, True),  # both in slot 1: a clash
        ({a.pk, c.pk}, 2, 100, False),
        ({a.pk, d.pk}, 1, 100, False),  # D is not placed: no clash yet
        ({b.pk, d.pk}, 1, 100, False),
        ({b.pk, c.pk}, 1, 50, False),
    ]
    assert figures.pairs[0].first.session == a  # the more wished first
    assert figures.clashes == 1
    assert len(demand(edition, top=2).pairs) == 2


def test_team_page_sorts_and_highlights(client, edition, organiser, dataset):
    a, b, c, d, _e = dataset["sessions"]
    client.force_login(organiser)

    def order(tri):
        response = client.get(_url(edition), {"tri": tri} if tri else {})
        assert response.status_code == 200
        return [row.session.pk for row in response.context["demand"].rows]

    assert order(None) == order("demande") == order("n'importe quoi") == [a.pk, b.pk, c.pk, d.pk]
    assert order("ratio") == [b.pk, a.pk, c.pk, d.pk]
    assert order("titre") == [a.pk, b.pk, c.pk, d.pk]
    assert order("creneau") == [a.pk, b.pk, c.pk, d.pk]
    page = client.get(_url(edition), {"tri": "ratio"}).text
    assert "150 %" in page and "au-delà de la jauge" in page and "non placée" in page
    assert "au même moment" in page and 'aria-sort="descending"' in page
    assert "E — annulée" not in page
    assert client.get(reverse("editions:orga_edition", args=[edition.slug])).status_code == 200
    nav = client.get(_url(edition, "runs")).text
    assert _url(edition) in nav  # in the programme's sub-navigation


def test_team_page_access(client, edition, other_organiser, dataset):
    url = _url(edition)
    assert client.get(url).status_code == 302  # anonymous: sign in
    participant = dataset["people"][0]
    client.force_login(participant.user)
    assert client.get(url).status_code == 403
    speaker = make_member("intervenante@example.fr", edition, Membership.Role.SPEAKER)
    client.force_login(speaker)
    assert client.get(url).status_code == 403
    client.force_login(other_organiser)  # organiser of another (local) edition
    assert client.get(url).status_code == 403
    assert client.get(_url(Edition(slug="inconnue"))).status_code == 404
    assert client.post(url).status_code in (403, 405)


def test_participant_marks_an_unscheduled_session(client, edition, dataset):
    a, b, c, d, e = dataset["sessions"]
    hidden_format = FormatType.objects.create(
        edition=edition, name="Interne", slug="interne", public=False
    )
    make_session(edition, "Réunion interne", format_type=hidden_format)
    make_session(edition, "Proposée", status=Session.Status.PROPOSED)
    registration = make_registration(edition)
    client.force_login(registration.user)
    url = _url(edition, "wishes")
    page = client.get(url)
    assert page.status_code == 200
    text = page.text
    for session in (a, b, c, d):
        assert session.title in text.replace("&#x27;", "'")
    for title in ("E — annulée", "Réunion interne", "Proposée"):
        assert title not in text
    assert "Horaire à venir" in text
    assert "/reservations/" not in text  # never a booking button here
    response = client.post(
        reverse("timetabling:wish", kwargs={"edition": edition.slug, "pk": d.pk}),
        {"wanted": "1", "next": url},
    )
    assert response.status_code == 302 and response.url == url
    assert Wish.objects.filter(registration=registration, session=d).exists()
    after = client.get(url)
    assert 'aria-pressed="true"' in after.text and "1 session vous intéresse" in after.text
    assert demand(edition).rows[0].wishes == 4  # A, still the most wished
    assert {row.session.pk: row.wishes for row in demand(edition).rows}[d.pk] == 2


def test_not_registered_people_get_a_message(client, edition, other_edition, dataset):
    d = dataset["sessions"][3]
    url = _url(edition, "wishes")
    anonymous = client.get(url).text
    assert "connectez-vous" in anonymous and "?next=" in anonymous
    assert reverse("registrations:register", args=[edition.slug]) in anonymous
    assert "wish-form" not in anonymous
    stranger = make_user("curieuse@example.fr")
    client.force_login(stranger)
    page = client.get(url).text
    assert "pas inscrit·e à cette édition" in page and "wish-form" not in page
    response = client.post(
        reverse("timetabling:wish", kwargs={"edition": edition.slug, "pk": d.pk}),
        {"wanted": "1", "next": url},
        follow=True,
    )
    assert "Inscrivez-vous à l&#x27;édition" in response.text
    assert not Wish.objects.filter(registration__user=stranger).exists()
    cancelled = dataset["people"][4]
    client.force_login(cancelled.user)
    assert "inscription à cette édition est annulée" in client.get(url).text


def test_links_and_draft_edition(client, edition, dataset):
    page = client.get(edition.get_absolute_url()).text
    assert _url(edition, "wishes") in page
    draft = make_edition("brouillon", status=Edition.Status.DRAFT)
    make_session(draft, "Secrète")
    assert client.get(_url(draft, "wishes")).status_code == 404
    empty = make_edition("vide")
    assert _url(empty, "wishes") not in client.get(empty.get_absolute_url()).text


def test_private_sessions_and_past_editions_take_no_wishes(client, edition, dataset):
    internal = FormatType.objects.create(
        edition=edition, name="Interne", slug="interne2", public=False
    )
    meeting = make_session(edition, "Réunion interne", format_type=internal)
    registration = make_registration(edition)
    client.force_login(registration.user)
    response = client.post(
        reverse("timetabling:wish", kwargs={"edition": edition.slug, "pk": meeting.pk}),
        {"wanted": "1", "next": _url(edition, "wishes")},
        follow=True,
    )
    assert "pas ouverte au public" in response.text
    assert not Wish.objects.filter(session=meeting).exists()
    assert _url(edition, "wishes") in client.get(edition.get_absolute_url()).text
    Edition.objects.filter(pk=edition.pk).update(start_date="2020-01-01", end_date="2020-01-02")
    edition.refresh_from_db()
    assert _url(edition, "wishes") not in client.get(edition.get_absolute_url()).text
