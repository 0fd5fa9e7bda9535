"""Reviews of proposals: scores, averages, filters, bulk decisions with their mails."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from nec.core.models import AuditEntry
from nec.editions.models import Membership
from nec.programme.models import Proposal, Review, Session
from nec.programme.services.reviews import DEFAULT_TEMPLATES, review_proposal
from tests.factories import (
    add_speaker,
    make_catalogue,
    make_edition,
    make_member,
    make_proposed,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(edition):
    atelier, retex, theme, track = make_catalogue(edition)
    s1 = make_proposed(edition, "Atelier inclusion", atelier, track=track)
    s1.themes.add(theme)
    s2 = make_proposed(edition, "Retex médiation", retex)
    s3 = make_proposed(edition, "Retex communs", retex)
    for s in (s1, s2, s3):
        Proposal.objects.create(session=s, edition=edition)
    speaker_user = make_user("camille@example.org", first_name="Camille")
    add_speaker(s1, "Camille Martin", email="camille@example.org", user=speaker_user)
    add_speaker(s1, "Louis Bernard", email="louis@example.org")
    add_speaker(s2, "Inès Petit", email="ines@example.org")
    reviewer = make_member("relecture@example.org", edition, Membership.Role.REVIEWER)
    reviewer2 = make_member("relecture2@example.org", edition, Membership.Role.REVIEWER)
    organiser = make_member("orga@example.org", edition, Membership.Role.ORGANISER)
    return {
        "sessions": (s1, s2, s3),
        "reviewer": reviewer,
        "reviewer2": reviewer2,
        "organiser": organiser,
        "atelier": atelier,
        "theme": theme,
        "track": track,
    }


def detail_url(edition, session):
    return reverse("programme:cfp_proposal", kwargs={"edition": edition.slug, "pk": session.pk})


def list_url(edition):
    return reverse("programme:cfp_proposals", kwargs={"edition": edition.slug})


def test_reviewer_scores_and_updates(client, edition, setup):
    s1 = setup["sessions"][0]
    client.force_login(setup["reviewer"])
    response = client.post(detail_url(edition, s1), {"score": "4", "comment": "Très pertinent"})
    assert response.status_code == 302
    response = client.post(detail_url(edition, s1), {"score": "5", "comment": "Excellent"})
    review = Review.objects.get()
    assert (review.score, review.comment) == (5, "Excellent")
    actions = list(AuditEntry.objects.values_list("action", flat=True).order_by("id"))
    assert actions == ["programme.review_created", "programme.review_changed"]


def test_averages_and_counts_with_several_reviewers(client, edition, setup):
    s1, s2, _s3 = setup["sessions"]
    review_proposal(s1, 4, "", actor=setup["reviewer"])
    review_proposal(s1, 5, "", actor=setup["reviewer2"])
    review_proposal(s2, 2, "", actor=setup["reviewer2"])
    client.force_login(setup["reviewer"])
    rows = {r.title: r for r in client.get(list_url(edition)).context["rows"]}
    assert rows["Atelier inclusion"].review_count == 2
    assert rows["Atelier inclusion"].review_avg == pytest.approx(4.5)
    assert rows["Atelier inclusion"].my_score == 4
    assert rows["Retex communs"].review_count == 0
    detail = client.get(detail_url(edition, s1)).content.decode()
    assert "Moyenne 4,5 / 5 sur 2 notes" in detail


def test_filters(client, edition, setup):
    s1, s2, s3 = setup["sessions"]
    review_proposal(s1, 5, "", actor=setup["reviewer"])
    review_proposal(s2, 2, "", actor=setup["reviewer2"])
    client.force_login(setup["reviewer"])

    def titles(**params):
        return sorted(r.title for r in client.get(list_url(edition), params).context["rows"])

    assert titles(format_type=setup["atelier"].pk) == ["Atelier inclusion"]
    assert titles(theme=setup["theme"].pk) == ["Atelier inclusion"]
    assert titles(track=setup["track"].pk) == ["Atelier inclusion"]
    assert titles(min_average="3") == ["Atelier inclusion"]
    assert titles(not_reviewed_by_me="on") == ["Retex communs", "Retex médiation"]
    assert titles(status="accepted") == []
    assert len(titles(min_average="9")) == 3  # invalid filter: ignored, form shows the error


def test_score_out_of_range_is_refused(client, edition, setup):
    s1 = setup["sessions"][0]
    client.force_login(setup["reviewer"])
    response = client.post(detail_url(edition, s1), {"score": "7", "comment": ""})
    assert response.status_code == 400
    assert 'id="id_score_error"' in response.content.decode()
    assert not Review.objects.exists()
    with pytest.raises(ValidationError):
        review_proposal(s1, 0, actor=setup["reviewer"])


def test_reviewer_of_another_edition_gets_403(client, edition, setup):
    other = make_edition("nec-local-tours")
    foreign = make_proposed(other, "Proposition d'une autre édition")
    client.force_login(setup["reviewer"])
    response = client.post(detail_url(other, foreign), {"score": "3", "comment": ""})
    assert response.status_code == 403
    assert client.get(list_url(other)).status_code == 403
    # the other edition's proposal through this edition's URL does not exist here
    response = client.post(
        reverse("programme:cfp_proposal", kwargs={"edition": edition.slug, "pk": foreign.pk}),
        {"score": "3"},
    )
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        review_proposal(foreign, 3, actor=setup["reviewer"])
    assert not Review.objects.exists()


def test_anonymous_is_sent_to_login(client, edition, setup):
    response = client.get(list_url(edition))
    assert response.status_code == 302
    assert "/compte/connexion/" in response["Location"]


def decide_url(edition):
    return reverse("programme:cfp_decide", kwargs={"edition": edition.slug})


def test_bulk_accept_with_edited_template(client, edition, setup):
    s1, s2, s3 = setup["sessions"]
    client.force_login(setup["organiser"])
    preview = client.post(decide_url(edition), {"sessions": [s1.pk, s2.pk], "decision": "accept"})
    assert preview.status_code == 200
    body = preview.content.decode()
    assert "est retenue" in body  # default subject, editable
    assert "Atelier inclusion" in body
    assert Session.objects.filter(status="proposed").count() == 3  # preview writes nothing
    assert not mail.outbox
    response = client.post(
        decide_url(edition),
        {
            "sessions": [s1.pk, s2.pk],
            "decision": "accept",
            "subject": "Bravo : « {titre} »",
            "body": "Bonjour {prenom}, « {titre} » est retenue pour {edition}. {lien}",
            "confirm": "1",
        },
    )
    assert response.status_code == 302
    s1.refresh_from_db()
    s2.refresh_from_db()
    s3.refresh_from_db()
    assert (s1.status, s2.status, s3.status) == ("accepted", "accepted", "proposed")
    assert Proposal.objects.get(session=s1).decided_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == [
        "camille@example.org",
        "ines@example.org",
        "louis@example.org",
    ]
    camille = next(m for m in mail.outbox if m.to == ["camille@example.org"])
    assert camille.subject == "Bravo : « Atelier inclusion »"
    assert camille.body.startswith("Bonjour Camille, « Atelier inclusion » est retenue pour NEC")
    assert "/mes-propositions/" in camille.body
    louis = next(m for m in mail.outbox if m.to == ["louis@example.org"])
    assert louis.body.startswith("Bonjour Louis Bernard,")
    assert AuditEntry.objects.filter(action="programme.proposal_accepted").count() == 2
    assert AuditEntry.objects.filter(action="programme.proposals_decided").count() == 1


def test_bulk_decline(client, edition, setup):
    s3 = setup["sessions"][2]
    client.force_login(setup["organiser"])
    subject, body = DEFAULT_TEMPLATES["decline"]
    client.post(
        decide_url(edition),
        {
            "sessions": [s3.pk],
            "decision": "decline",
            "subject": subject,
            "body": body,
            "confirm": "1",
        },
    )
    s3.refresh_from_db()
    assert s3.status == "declined"
    assert AuditEntry.objects.filter(action="programme.proposal_declined").count() == 1


def test_unknown_placeholder_is_refused_and_nothing_changes(client, edition, setup):
    s1 = setup["sessions"][0]
    client.force_login(setup["organiser"])
    response = client.post(
        decide_url(edition),
        {
            "sessions": [s1.pk],
            "decision": "accept",
            "subject": "Sujet {titre",
            "body": "Bonjour {prénom}",
            "confirm": "1",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Accolade mal fermée" in page
    assert "Champs inconnus" in page
    s1.refresh_from_db()
    assert s1.status == "proposed"
    assert not mail.outbox


@pytest.mark.parametrize("body", ["{titre:d}", "Bonjour {titre:>300000}", "{titre.__class__}"])
def test_a_format_spec_cannot_crash_or_inflate_the_mail(client, edition, setup, body):
    """`str.format` used to give a 500 on `{titre:d}` and a 300 KB page on `{titre:>300000}`."""
    s1 = setup["sessions"][0]
    client.force_login(setup["organiser"])
    data = {"sessions": [s1.pk], "decision": "accept", "subject": "Sujet", "body": body}
    for step in ({"preview": "1"}, {"confirm": "1"}):  # the preview, then the sending
        response = client.post(decide_url(edition), {**data, **step})
        assert response.status_code == 400
        assert "Champs inconnus" in response.content.decode()
        assert len(response.content) < 100_000
    s1.refresh_from_db()
    assert s1.status == "proposed"
    assert not mail.outbox


def test_already_decided_is_refused(client, edition, setup):
    s1, s2, _ = setup["sessions"]
    s1.status = Session.Status.ACCEPTED
    s1.save()
    subject, body = DEFAULT_TEMPLATES["decline"]
    client.force_login(setup["organiser"])
    response = client.post(
        decide_url(edition),
        {
            "sessions": [s1.pk, s2.pk],
            "decision": "decline",
            "subject": subject,
            "body": body,
            "confirm": "1",
        },
    )
    assert response.status_code == 400
    assert "Déjà décidées" in response.content.decode()
    s2.refresh_from_db()
    assert s2.status == "proposed"


def test_reviewer_cannot_decide(client, edition, setup):
    client.force_login(setup["reviewer"])
    response = client.post(
        decide_url(edition), {"sessions": [setup["sessions"][0].pk], "decision": "accept"}
    )
    assert response.status_code == 403


def test_other_edition_sessions_are_ignored_in_bulk(client, edition, setup):
    other = make_edition("nec-local-tours")
    foreign = make_proposed(other, "Ailleurs")
    client.force_login(setup["organiser"])
    response = client.post(decide_url(edition), {"sessions": [foreign.pk], "decision": "accept"})
    assert response.status_code == 302  # nothing selected in this edition
    foreign.refresh_from_db()
    assert foreign.status == "proposed"


def test_reviewer_cannot_score_their_own_proposal(client, edition, setup):
    s1 = setup["sessions"][0]
    add_speaker(s1, "Relectrice Intervenante", user=setup["reviewer"])
    client.force_login(setup["reviewer"])
    response = client.post(detail_url(edition, s1), {"score": "5", "comment": ""})
    assert response.status_code == 400
    assert "vous ne pouvez pas la noter" in response.content.decode()
    assert not Review.objects.exists()
