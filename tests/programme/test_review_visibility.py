"""Reviewing as in pretalx: the others' scores hidden until one has scored, the walk from one
proposal to the next following the list's filters, and the decision from a proposal's page."""

from urllib.parse import urlencode

import pytest
from django.core import mail
from django.urls import reverse

from nec.core.models import AuditEntry
from nec.editions.models import Membership
from nec.programme.models import Proposal, Review, Session
from nec.programme.services.reviews import DEFAULT_TEMPLATES, review_proposal
from tests.factories import add_speaker, make_catalogue, make_member, make_proposed

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(edition):
    atelier, retex, _theme, _track = make_catalogue(edition)
    sessions = []
    for title, format_type in (
        ("Atelier inclusion", atelier),
        ("Retex médiation", retex),
        ("Retex communs", retex),
        ("Atelier sobriété", atelier),
    ):
        session = make_proposed(edition, title, format_type)
        Proposal.objects.create(session=session, edition=edition)
        add_speaker(session, f"Intervenante {title}", email=f"{len(sessions)}@example.org")
        sessions.append(session)
    reviewer = make_member("relecture@example.org", edition, Membership.Role.REVIEWER)
    other = make_member("relecture2@example.org", edition, Membership.Role.REVIEWER)
    organiser = make_member("orga@example.org", edition, Membership.Role.ORGANISER)
    return {
        "sessions": sessions,
        "reviewer": reviewer,
        "other": other,
        "organiser": organiser,
        "atelier": atelier,
    }


def detail_url(edition, session, **query):
    url = reverse("programme:cfp_proposal", kwargs={"edition": edition.slug, "pk": session.pk})
    return url + ("?" + urlencode(query) if query else "")


def list_url(edition):
    return reverse("programme:cfp_proposals", kwargs={"edition": edition.slug})


def decide_url(edition):
    return reverse("programme:cfp_decide", kwargs={"edition": edition.slug})


# --- scores hidden until one has scored ---------------------------------------------------------


def test_the_others_scores_are_hidden_until_the_reviewer_has_scored(client, edition, setup):
    first = setup["sessions"][0]
    review_proposal(first, 2, "Trop vague", actor=setup["other"])
    client.force_login(setup["reviewer"])

    page = client.get(detail_url(edition, first)).content.decode()
    assert "Moyenne" not in page and "Trop vague" not in page and "relecture2" not in page
    assert "1 note déjà donnée" in page
    row = next(r for r in client.get(list_url(edition)).context["rows"] if r.pk == first.pk)
    assert not row.scores_visible
    listing = client.get(list_url(edition)).content.decode()
    assert "après votre note" in listing and "2,0" not in listing

    response = client.post(detail_url(edition, first), {"score": "4", "comment": ""})
    assert response.status_code == 302
    page = client.get(detail_url(edition, first)).content.decode()
    assert "Moyenne 3,0 / 5 sur 2 notes." in page and "Trop vague" in page
    row = next(r for r in client.get(list_url(edition)).context["rows"] if r.pk == first.pk)
    assert row.scores_visible and row.review_avg == pytest.approx(3.0)


def test_the_minimal_average_filter_does_not_reveal_hidden_averages(client, edition, setup):
    first, second, *_ = setup["sessions"]
    review_proposal(first, 5, "", actor=setup["other"])
    review_proposal(second, 5, "", actor=setup["other"])
    review_proposal(second, 4, "", actor=setup["reviewer"])
    client.force_login(setup["reviewer"])
    rows = client.get(list_url(edition), {"min_average": "4"}).context["rows"]
    assert [r.title for r in rows] == ["Retex médiation"]  # the one they scored
    client.force_login(setup["organiser"])
    rows = client.get(list_url(edition), {"min_average": "4"}).context["rows"]
    assert sorted(r.title for r in rows) == ["Atelier inclusion", "Retex médiation"]


@pytest.mark.parametrize("who", ["organiser", "national"])
def test_whoever_may_decide_always_sees_the_scores(client, edition, setup, national, who):
    first = setup["sessions"][0]
    review_proposal(first, 2, "Trop vague", actor=setup["other"])
    client.force_login(setup[who] if who == "organiser" else national)
    page = client.get(detail_url(edition, first)).content.decode()
    assert "Moyenne 2,0 / 5 sur 1 note." in page and "Trop vague" in page
    rows = client.get(list_url(edition)).context["rows"]
    assert all(r.scores_visible for r in rows)


# --- previous / next ------------------------------------------------------------------------


def walk_titles(response) -> dict[str, str]:
    return {link["label"]: link["title"] for link in response.context["walk_links"]}


def test_next_and_previous_follow_the_list_order(client, edition, setup):
    client.force_login(setup["reviewer"])
    order = [r.title for r in client.get(list_url(edition)).context["rows"]]
    by_title = {s.title: s for s in setup["sessions"]}
    middle = by_title[order[1]]
    response = client.get(detail_url(edition, middle))
    assert walk_titles(response) == {"Précédente": order[0], "Suivante": order[2]}
    # once the next is scored, "next to score" skips it
    review_proposal(by_title[order[2]], 3, "", actor=setup["reviewer"])
    response = client.get(detail_url(edition, middle))
    assert walk_titles(response) == {
        "Précédente": order[0],
        "Suivante": order[2],
        "Suivante à noter": order[3],
    }
    assert response.context["walk"].position == 2 and response.context["walk"].total == 4
    # the first has no previous, the last no next
    assert "Précédente" not in walk_titles(client.get(detail_url(edition, by_title[order[0]])))
    assert "Suivante" not in walk_titles(client.get(detail_url(edition, by_title[order[-1]])))


def test_next_follows_the_filters_of_the_list_and_skips_what_i_scored(client, edition, setup):
    client.force_login(setup["reviewer"])
    atelier = setup["atelier"]
    query = urlencode({"format_type": atelier.pk})
    listing = client.get(list_url(edition), {"format_type": atelier.pk})
    order = [r.title for r in listing.context["rows"]]
    assert sorted(order) == ["Atelier inclusion", "Atelier sobriété"]
    # the list's links carry its filters
    assert f"?{urlencode({'from': query})}" in listing.content.decode()
    by_title = {s.title: s for s in setup["sessions"]}
    response = client.get(detail_url(edition, by_title[order[0]], **{"from": query}))
    assert walk_titles(response) == {"Suivante": order[1]}
    # "save and go on" goes to the next one still to score, keeping the filters
    response = client.post(
        detail_url(edition, by_title[order[0]], **{"from": query}),
        {"score": "3", "comment": "", "save_next": "1"},
    )
    assert response["Location"] == detail_url(edition, by_title[order[1]], **{"from": query})
    response = client.post(
        response["Location"], {"score": "5", "comment": "", "save_next": "1"}, follow=True
    )
    assert response.redirect_chain[-1][0] == list_url(edition)
    assert "Vous avez noté toutes les propositions en attente" in response.content.decode()
    assert Review.objects.filter(reviewer=setup["reviewer"]).count() == 2


@pytest.mark.parametrize(
    "bad_from",
    [
        "format_type=999999999999999999999",
        "min_average=abc",
        "x" * 5000,
        "%ff%fe",
        "theme=1&theme=2",
    ],
)
def test_a_malformed_from_is_ignored(client, edition, setup, bad_from):
    client.force_login(setup["reviewer"])
    response = client.get(detail_url(edition, setup["sessions"][0], **{"from": bad_from}))
    assert response.status_code == 200
    assert response.context["walk"].total >= 1


# --- the decision from the proposal's page ----------------------------------------------------


def test_the_organiser_accepts_from_the_proposal_page(client, edition, setup):
    first = setup["sessions"][0]
    client.force_login(setup["organiser"])
    page = client.get(detail_url(edition, first)).content.decode()
    assert "En attente de décision." in page and 'name="decision" value="accept"' in page
    back = detail_url(edition, first)
    preview = client.post(
        decide_url(edition), {"sessions": first.pk, "decision": "accept", "back": back}
    )
    assert preview.status_code == 200
    assert "est retenue" in preview.content.decode()
    assert f'name="back" value="{back}"' in preview.content.decode()
    subject, body = DEFAULT_TEMPLATES["accept"]
    response = client.post(
        decide_url(edition),
        {
            "sessions": first.pk,
            "decision": "accept",
            "subject": subject,
            "body": body,
            "back": back,
            "confirm": "1",
        },
    )
    assert response.status_code == 302 and response["Location"] == back
    first.refresh_from_db()
    assert first.status == Session.Status.ACCEPTED
    assert [m.to for m in mail.outbox] == [["0@example.org"]]
    assert AuditEntry.objects.filter(action="programme.proposal_accepted").count() == 1
    page = client.get(back).content.decode()
    assert "Proposition acceptée le" in page and 'value="accept"' not in page


def test_accepting_twice_is_refused_with_a_message(client, edition, setup):
    first = setup["sessions"][0]
    first.status = Session.Status.ACCEPTED
    first.save()
    client.force_login(setup["organiser"])
    back = detail_url(edition, first)
    response = client.post(
        decide_url(edition),
        {"sessions": first.pk, "decision": "decline", "back": back},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == back
    assert "Déjà décidées : Atelier inclusion." in response.content.decode()
    first.refresh_from_db()
    assert first.status == Session.Status.ACCEPTED and not mail.outbox


def test_a_reviewer_may_not_decide_and_sees_no_decision_buttons(client, edition, setup):
    first = setup["sessions"][0]
    client.force_login(setup["reviewer"])
    assert 'value="accept"' not in client.get(detail_url(edition, first)).content.decode()
    response = client.post(decide_url(edition), {"sessions": first.pk, "decision": "accept"})
    assert response.status_code == 403
    first.refresh_from_db()
    assert first.status == Session.Status.PROPOSED


def test_unknown_proposal_is_a_404_or_a_message(client, edition, setup):
    client.force_login(setup["organiser"])
    missing = reverse("programme:cfp_proposal", kwargs={"edition": edition.slug, "pk": 424242})
    assert client.get(missing).status_code == 404
    response = client.post(
        decide_url(edition), {"sessions": "424242", "decision": "accept"}, follow=True
    )
    assert "Sélectionnez au moins une proposition." in response.content.decode()
    response = client.post(
        decide_url(edition),
        {"sessions": setup["sessions"][0].pk, "decision": "peut-être"},
        follow=True,
    )
    assert "Choisissez « accepter » ou « refuser »." in response.content.decode()


def test_a_foreign_back_address_is_not_followed(client, edition, setup):
    first = setup["sessions"][0]
    client.force_login(setup["organiser"])
    response = client.post(
        decide_url(edition),
        {"sessions": "424242", "decision": "accept", "back": "https://evil.example/"},
    )
    assert response["Location"] == list_url(edition)
    first.refresh_from_db()
    assert first.status == Session.Status.PROPOSED


def test_a_decision_taken_meanwhile_is_not_taken_again(edition, setup):
    """Two organisers confirming the same proposal: the second, holding a stale copy, is told
    it is already decided and nobody gets a second e-mail."""
    from django.core.exceptions import ValidationError

    from nec.programme.services.reviews import decide_proposals

    first = setup["sessions"][0]
    stale = Session.objects.get(pk=first.pk)
    subject, body = DEFAULT_TEMPLATES["accept"]
    decide_proposals(edition, [first], "accept", subject, body, actor=setup["organiser"])
    assert len(mail.outbox) == 1
    with pytest.raises(ValidationError, match="Déjà décidées"):
        decide_proposals(edition, [stale], "decline", subject, body, actor=setup["organiser"])
    first.refresh_from_db()
    assert first.status == Session.Status.ACCEPTED and len(mail.outbox) == 1
