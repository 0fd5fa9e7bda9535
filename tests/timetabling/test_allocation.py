"""Fair seat allocation: the algorithm (capacities, no overlaps, determinism, the fairness
criterion where first-come-first-served fails it), the rankings and the closing on the real
database (bookings through the registrations' service, e-mails), bad input and access rules."""

import random
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from nec.core.models import AuditEntry
from nec.programme.models import Session
from nec.registrations.models import Booking, Registration
from nec.timetabling import allocation_services as services
from nec.timetabling.allocation import (
    Problem,
    allocate_fair,
    compare,
    satisfaction,
    simulate_fcfs,
)
from nec.timetabling.models import AllocationWindow, Ranking
from tests.factories import make_bookable_session, make_registration, make_slot

# --------------------------------------------------------------------------- the algorithm


def generated(seed: int, people: int = 300) -> Problem:
    """5 slots (slot 4 overlaps slots 2 and 3), 4 sessions each, some people already seated."""
    rng = random.Random(seed)
    sessions = {slot: [slot * 10 + n for n in range(4)] for slot in range(5)}
    capacity = {s: rng.randint(5, 60) for slots in sessions.values() for s in slots}
    choices = {}
    for person in range(people):
        wanted = []
        for slot in rng.sample(range(5), rng.randint(1, 4)):
            picks = rng.sample(sessions[slot], rng.randint(1, 3))
            wanted += [(slot, s, rank + 1) for rank, s in enumerate(picks)]
        choices[person] = wanted
    conflicts = {
        0: frozenset({0}),
        1: frozenset({1}),
        2: frozenset({2, 4}),
        3: frozenset({3, 4}),
        4: frozenset({2, 3, 4}),
    }
    blocked = {person: {0} for person in range(0, people, 17)}
    return Problem(choices=choices, capacity=capacity, conflicts=conflicts, blocked=blocked)


def check_feasible(problem: Problem, seats: dict) -> None:
    taken = {}
    for person, held in seats.items():
        busy = set()
        for slot in problem.blocked.get(person, ()):
            busy |= problem.overlapping(slot)
        for choice in held:
            assert choice in problem.choices[person]  # only what the person ranked
            assert choice[0] not in busy  # no overlap
            busy |= problem.overlapping(choice[0])
            taken[choice[1]] = taken.get(choice[1], 0) + 1
    for session, count in taken.items():
        assert count <= problem.capacity[session]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_capacities_and_no_overlaps_hold(seed):
    problem = generated(seed)
    result = allocate_fair(problem, seed)
    check_feasible(problem, result.seats)
    assert sorted(result.order) == sorted(problem.choices)
    check_feasible(problem, simulate_fcfs(problem, result.order))


def test_same_seed_same_allocation():
    problem = generated(7)
    first, again = allocate_fair(problem, 42), allocate_fair(generated(7), 42)
    assert first.order == again.order and first.seats == again.seats
    assert allocate_fair(problem, 43).order != first.order


def crafted() -> Problem:
    """Person "A" ranks first the only seat of three sessions in three slots; "B", "C", "D" each
    want one of them and nothing else."""
    return Problem(
        choices={
            1: [(1, 11, 1), (2, 21, 1), (3, 31, 1)],
            2: [(1, 11, 1)],
            3: [(2, 21, 1)],
            4: [(3, 31, 1)],
        },
        capacity={11: 1, 21: 1, 31: 1},
    )


def test_fairness_where_first_come_first_served_fails():
    problem = crafted()
    fcfs = satisfaction(problem, simulate_fcfs(problem, [1, 2, 3, 4]))
    assert fcfs["three_firsts"] == 1 and fcfs["nothing"] == 0.75 and not fcfs["fair"]
    for seed in range(20):
        seats = allocate_fair(problem, seed).seats
        check_feasible(problem, seats)
        figures = satisfaction(problem, seats)
        assert figures["fair"] and figures["three_firsts"] == 0
    table = compare(problem, 1, runs=20)
    assert table["fair"]["nothing"] < table["fcfs"]["worst_nothing"]
    assert table["fcfs"]["fair_runs"] < 20


def test_nobody_empty_handed_while_a_seat_they_ranked_sits_with_a_double_holder():
    """The repair: "B" ranked only X, which "A" took in round 1; A holds two seats, so X goes
    to B whatever the order."""
    problem = Problem(
        choices={1: [(1, 11, 1), (2, 21, 1)], 2: [(1, 11, 1)]},
        capacity={11: 1, 21: 5},
    )
    problem.choices[1] = [(1, 11, 1), (2, 21, 2)]  # A prefers X: it takes it in round 1
    for seed in range(10):
        seats = allocate_fair(problem, seed).seats
        check_feasible(problem, seats)
        assert seats[2] == [(1, 11, 1)] and seats[1] == [(2, 21, 2)]


def test_the_fair_allocation_leaves_fewer_people_with_nothing():
    problem = generated(3, people=400)
    table = compare(problem, 3, runs=5)
    assert table["fair"]["nothing"] <= table["fcfs"]["nothing"]
    assert table["fair"]["fair"]


# --------------------------------------------------------------------------- the database


@pytest.fixture
def programme(edition):
    """Slot 10:00 with "X" (1 seat) and "Y" (5 seats); slot 14:00 with "Z" (1 seat)."""
    morning, afternoon = make_slot(edition, hour=10), make_slot(edition, hour=14)
    x = make_bookable_session(edition, "X", capacity=1, slot=morning)
    y = make_bookable_session(edition, "Y", capacity=5, slot=morning)
    z = make_bookable_session(edition, "Z", capacity=1, slot=afternoon)
    return {"x": x, "y": y, "z": z}


def open_now(edition, organiser, **shift):
    now = timezone.now()
    return services.open_window(
        edition,
        actor=organiser,
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=1),
    )


def test_rank_close_books_and_mails(
    client, edition, organiser, programme, mailoutbox, django_capture_on_commit_callbacks
):
    x, y, z = programme["x"], programme["y"], programme["z"]
    open_now(edition, organiser)
    people = [make_registration(edition) for _ in range(3)]
    client.force_login(people[0].user)
    page = reverse("timetabling:allocation_rank", kwargs={"edition": edition.slug})
    response = client.post(page, {f"rang-{x.pk}": "1", f"rang-{y.pk}": "2", f"rang-{z.pk}": "1"})
    assert response.status_code == 302
    assert services.my_rankings(people[0]) == {x.pk: 1, y.pk: 2, z.pk: 1}
    for person in people[1:]:
        services.save_rankings(person, {x.pk: 1, y.pk: 2, z.pk: 1}, actor=person.user)
    client.force_login(organiser)
    team = reverse("timetabling:allocation", kwargs={"edition": edition.slug})
    assert "3 personnes ont classé" in client.get(team).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("timetabling:allocation_close", kwargs={"edition": edition.slug})
        )
    assert response.status_code == 302
    window = AllocationWindow.objects.get(edition=edition)
    assert window.status == AllocationWindow.Status.ALLOCATED
    seats = Booking.objects.filter(status=Booking.Status.CONFIRMED)
    assert seats.filter(session=x).count() == 1 and seats.filter(session=z).count() == 1
    assert seats.filter(session=y).count() == 2  # the two without X get their second choice
    for person in people:  # one seat per slot at most, everyone got something
        mine = seats.filter(registration=person)
        assert 1 <= mine.count() <= 2
        assert mine.filter(session__in=[x, y]).count() == 1
    # nobody holds both first choices while someone else got nothing
    assert window.results["fair"]["fair"] and window.results["fair"]["nothing"] == 0
    assert window.results["seats_given"] == 4 and window.results["missed"] == 0
    results = [m for m in mailoutbox if "Vos places attribuées" in m.subject]
    assert sorted(m.to[0] for m in results) == sorted(p.email for p in people)
    assert len(mailoutbox) == len(results)  # one e-mail per person, not one per seat
    assert AuditEntry.objects.filter(action="timetabling.allocation_done").count() == 1
    assert AuditEntry.objects.filter(action="registrations.booking_manual").count() == 4
    html = client.get(team).content.decode()
    assert "Premier arrivé, premier servi" in html and "respecté par l" in html
    # then normal booking continues: a second close is refused
    with pytest.raises(ValidationError, match="déjà été attribuées"):
        services.close_window(edition, actor=organiser)


def test_closing_an_unopened_window_is_refused(client, edition, organiser, programme):
    with pytest.raises(ValidationError, match="Aucune fenêtre"):
        services.close_window(edition, actor=organiser)
    client.force_login(organiser)
    close = reverse("timetabling:allocation_close", kwargs={"edition": edition.slug})
    response = client.post(close, follow=True)
    assert "Aucune fenêtre de classement" in response.content.decode()
    now = timezone.now()
    services.open_window(
        edition, actor=organiser, opens_at=now + timedelta(days=1), closes_at=now + timedelta(2)
    )
    response = client.post(close, follow=True)
    assert "pas encore ouverte" in response.content.decode()
    assert AllocationWindow.objects.get().status == AllocationWindow.Status.OPEN
    assert not Booking.objects.exists()


def test_window_dates_must_be_in_order(client, edition, organiser):
    client.force_login(organiser)
    team = reverse("timetabling:allocation", kwargs={"edition": edition.slug})
    response = client.post(team, {"opens_at": "2027-03-02T10:00", "closes_at": "2027-03-01T10:00"})
    assert response.status_code == 400
    assert "après l&#x27;ouverture" in response.content.decode()
    assert not AllocationWindow.objects.exists()
    response = client.post(team, {"opens_at": "2027-03-01T10:00", "closes_at": "2027-03-02T10:00"})
    assert response.status_code == 302 and AllocationWindow.objects.count() == 1


def test_ranking_outside_the_window_is_refused(client, edition, organiser, programme):
    person = make_registration(edition)
    x = programme["x"]
    with pytest.raises(ValidationError, match="n'attribue pas"):
        services.save_rankings(person, {x.pk: 1}, actor=person.user)
    now = timezone.now()
    window = services.open_window(
        edition, actor=organiser, opens_at=now + timedelta(hours=2), closes_at=now + timedelta(3)
    )
    with pytest.raises(ValidationError, match="ouvriront le"):
        services.save_rankings(person, {x.pk: 1}, actor=person.user)
    AllocationWindow.objects.filter(pk=window.pk).update(
        opens_at=now - timedelta(days=2), closes_at=now - timedelta(days=1)
    )
    client.force_login(person.user)
    page = reverse("timetabling:allocation_rank", kwargs={"edition": edition.slug})
    response = client.post(page, {f"rang-{x.pk}": "1"})
    assert response.status_code == 400
    assert "Les classements sont clos" in response.content.decode()
    assert not Ranking.objects.exists()


def test_bad_rankings_are_refused_and_nothing_is_saved(client, edition, organiser, programme):
    x, y, z = programme["x"], programme["y"], programme["z"]
    open_now(edition, organiser)
    person = make_registration(edition)
    services.save_rankings(person, {z.pk: 1}, actor=person.user)
    with pytest.raises(ValidationError, match="même rang"):
        services.save_rankings(person, {x.pk: 1, y.pk: 1}, actor=person.user)
    with pytest.raises(ValidationError, match="du 1er au 3e"):
        services.save_rankings(person, {x.pk: 4}, actor=person.user)
    Session.objects.filter(pk=y.pk).update(status=Session.Status.CANCELLED)
    with pytest.raises(ValidationError, match="annulée"):
        services.save_rankings(person, {y.pk: 1}, actor=person.user)
    assert services.my_rankings(person) == {z.pk: 1}  # the earlier choices are kept
    client.force_login(person.user)
    page = reverse("timetabling:allocation_rank", kwargs={"edition": edition.slug})
    for data in (
        {f"rang-{x.pk}": "1", f"rang-{z.pk}": "x"},
        {"rang-99999999999999999999999": "1"},
        {f"rang-{x.pk}": "9" * 30},
        {"rang-123456789": "1"},
    ):
        response = client.post(page, data)
        assert response.status_code == 400
    assert services.my_rankings(person) == {z.pk: 1}
    pending = make_registration(edition, status=Registration.Status.PENDING)
    with pytest.raises(ValidationError, match="confirmée"):
        services.save_rankings(pending, {x.pk: 1}, actor=pending.user)


def test_a_participant_sees_only_their_own_rankings(client, edition, organiser, programme):
    x = programme["x"]
    open_now(edition, organiser)
    alice, bob = make_registration(edition), make_registration(edition)
    services.save_rankings(alice, {x.pk: 1}, actor=alice.user)
    page = reverse("timetabling:allocation_rank", kwargs={"edition": edition.slug})
    client.force_login(bob.user)
    html = client.get(page).content.decode()
    assert "selected" not in html and f'name="rang-{x.pk}"' in html
    client.force_login(alice.user)
    assert client.get(page).content.decode().count("selected") == 1
    client.logout()
    response = client.get(page)
    assert response.status_code == 302 and "connexion" in response.url


def test_only_the_edition_team_reaches_the_team_page(
    client, edition, other_organiser, organiser, programme
):
    open_now(edition, organiser)
    client.force_login(other_organiser)
    for name in ("timetabling:allocation", "timetabling:allocation_close"):
        url = reverse(name, kwargs={"edition": edition.slug})
        assert client.post(url).status_code == 403
    assert AllocationWindow.objects.get().status == AllocationWindow.Status.OPEN


def test_someone_whose_choices_were_all_full_beforehand_does_not_break_the_criterion():
    problem = Problem(
        choices={1: [(1, 11, 1), (2, 21, 1), (3, 31, 1)], 2: [(4, 41, 1)], 3: [(1, 12, 1)]},
        capacity={11: 5, 21: 5, 31: 5, 41: 0, 12: 1},
        blocked={3: {1}},  # already seated at that time
    )
    figures = satisfaction(problem, allocate_fair(problem, 1).seats)
    assert figures["three_firsts"] == 1 and figures["unreachable"] == 2
    assert figures["deprived"] == 0 and figures["fair"]


def test_closing_runs_once_and_freezes_the_rankings(edition, organiser, programme):
    x = programme["x"]
    open_now(edition, organiser)
    person = make_registration(edition)
    services.save_rankings(person, {x.pk: 1}, actor=person.user)
    window = services.request_close(edition, actor=organiser)
    assert window.status == AllocationWindow.Status.CLOSING
    with pytest.raises(ValidationError, match="clos"):
        services.save_rankings(person, {}, actor=person.user)
    with pytest.raises(ValidationError, match="déjà été attribuées"):
        services.open_window(
            edition,
            actor=organiser,
            opens_at=timezone.now(),
            closes_at=timezone.now() + timedelta(days=1),
        )
    services.close_window(edition, actor=organiser)
    with pytest.raises(ValidationError, match="déjà été attribuées"):
        services.request_close(edition, actor=organiser)
    assert Booking.objects.filter(registration=person, session=x).count() == 1


def test_ranking_after_the_close_says_the_seats_are_still_to_come(edition, organiser, programme):
    x = programme["x"]
    person = make_registration(edition)
    window = open_now(edition, organiser)
    now = timezone.now()
    AllocationWindow.objects.filter(pk=window.pk).update(closes_at=now - timedelta(minutes=1))
    with pytest.raises(ValidationError, match="seront bientôt attribuées"):
        services.save_rankings(person, {x.pk: 1}, actor=person.user)
    services.request_close(edition, actor=organiser)  # closing: still to come
    with pytest.raises(ValidationError, match="seront bientôt attribuées"):
        services.save_rankings(person, {x.pk: 1}, actor=person.user)
    assert not Ranking.objects.exists()
