"""The evaluation survey: sending after the event, the personal link, answers editable until
closing, per-session feedback, the team page's rate and anonymity threshold."""

import re
from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nec.surveys import links, services
from nec.surveys.models import Response, ResponseAnswer, SessionFeedback
from tests.factories import make_member, make_registration
from tests.surveys.builders import VALID_POST, past_edition, sent_survey

pytestmark = pytest.mark.django_db


def test_default_questions_cover_the_reports():
    survey = services.get_survey(past_edition())
    keys = set(survey.questions.values_list("key", flat=True))
    assert {
        "objectives",
        "objectives_met",
        "appreciation",
        "programme_relevant",
        "visit_prepared",
        "with_colleagues",
        "formats_attended",
        "reference_event",
        "liked_city",
        "free_text",
    } <= keys
    appreciation = survey.questions.get(key="appreciation")
    assert appreciation.choices[-1] == ["geniale", "Géniale"]


def test_sent_to_checked_in_people_only_with_personal_links():
    edition = past_edition()
    make_registration(edition)  # registered, never came
    survey, _session, people, responses = sent_survey(edition, n=3)
    assert len(responses) == 3
    assert {r.registration_id for r in responses} == {p.pk for p in people}
    assert len(mail.outbox) == 3
    assert all(r.invited_at for r in Response.objects.filter(survey=survey))
    link = re.search(r"https?://\S+/enquete/\S+/", mail.outbox[0].body).group(0)
    page = Client().get(urlparse(link).path)
    assert page.status_code == 200 and "Enquête d'évaluation" in page.content.decode()


def test_all_registered_when_the_team_chooses_it():
    edition = past_edition()
    make_registration(edition)
    survey = services.get_survey(edition)
    services.update_settings(survey, audience="registered", closes_at=None, actor=None)
    assert services.send(survey, actor=None) == 1


def test_not_sent_before_the_event(edition):
    with pytest.raises(services.SurveyError):
        services.send(services.get_survey(edition), actor=None)


def test_one_reminder_to_people_who_did_not_answer(client):
    survey, session, _people, responses = sent_survey(past_edition(), n=2)
    client.post(reverse("surveys:answer", args=[links.token_for(responses[0])]), VALID_POST)
    mail.outbox.clear()
    services.remind(survey, actor=None)
    assert [m.to for m in mail.outbox] == [[responses[1].registration.email]]
    with pytest.raises(services.SurveyError):
        services.remind(survey, actor=None)


def test_answer_through_link_then_edit(client):
    survey, session, _people, responses = sent_survey(past_edition(), n=1)
    url = reverse("surveys:answer", args=[links.token_for(responses[0])])
    page = client.get(url)
    assert page.status_code == 200
    assert "Atelier communs" in page.content.decode()  # per-session feedback offered
    post = {**VALID_POST, f"rating_{session.pk}": "5", f"comment_{session.pk}": "Passionnant"}
    assert client.post(url, post).status_code == 302
    response = Response.objects.get(pk=responses[0].pk)
    assert response.submitted_at
    stored = dict(
        ResponseAnswer.objects.filter(response=response).values_list("question__key", "value")
    )
    assert stored["appreciation"] == "geniale"
    assert stored["objectives_met"] is True
    assert stored["formats_attended"] == 6
    feedback = SessionFeedback.objects.get(response=response)
    assert (feedback.rating, feedback.comment) == (5, "Passionnant")
    client.post(url, {**post, "q_appreciation": "bien"})
    assert (
        ResponseAnswer.objects.get(response=response, question__key="appreciation").value == "bien"
    )
    assert (
        ResponseAnswer.objects.filter(response=response, question__key="appreciation").count() == 1
    )


def test_missing_required_answer_keeps_what_was_typed(client):
    _survey, _session, _people, responses = sent_survey(past_edition(), n=1)
    url = reverse("surveys:answer", args=[links.token_for(responses[0])])
    post = {**VALID_POST, "q_appreciation": ""}
    page = client.post(url, post)
    assert page.status_code == 400
    assert "Très belle édition" in page.content.decode()
    assert not Response.objects.get(pk=responses[0].pk).submitted_at


def test_feedback_on_a_session_not_booked_is_ignored(client):
    edition = past_edition()
    survey, session, _people, responses = sent_survey(edition, n=1)
    other = make_registration(edition)
    response = services.save_response(responses[0], {"appreciation": "bien"}, {999999: (5, "x")})
    assert not SessionFeedback.objects.filter(response=response).exists()
    assert other.pk


def test_after_closing_answers_are_read_only(client):
    survey, _session, _people, responses = sent_survey(past_edition(), n=1)
    url = reverse("surveys:answer", args=[links.token_for(responses[0])])
    client.post(url, VALID_POST)
    survey.closes_at = timezone.now() - timedelta(minutes=1)
    survey.save()
    page = client.get(url)
    html = page.content.decode()
    assert "L'enquête est close" in html
    assert "Géniale" in html  # the answers stay readable
    assert "<form" not in html.split("</header>")[-1].split("<footer")[0]
    client.post(url, {**VALID_POST, "q_appreciation": "moyenne"})
    assert ResponseAnswer.objects.get(question__key="appreciation").value == "geniale"
    with pytest.raises(services.SurveyError):
        services.save_response(responses[0], {"appreciation": "moyenne"}, {})


@pytest.mark.parametrize("mangle", [lambda t: t[:-2] + "xx", lambda t: t[:10], lambda t: "abc"])
def test_tampered_link_is_404(client, mangle):
    _survey, _session, _people, responses = sent_survey(past_edition(), n=1)
    url = reverse("surveys:answer", args=[mangle(links.token_for(responses[0]))])
    assert client.get(url).status_code == 404


def test_team_page_rate_and_anonymity_threshold(client):
    edition = past_edition()
    organiser = make_member("orga-survey@example.fr", edition)
    survey, _session, people, responses = sent_survey(edition, n=6)
    for response in responses[:4]:
        client.post(reverse("surveys:answer", args=[links.token_for(response)]), VALID_POST)
    client.force_login(organiser)
    html = client.get(reverse("surveys:team", args=[edition.slug])).content.decode()
    assert "66,7 %" in html or "66.7 %" in html
    assert "Moins de 5 réponses" in html
    assert "Très belle édition" not in html
    assert people[0].last_name not in html.split("<main")[-1] or people[0].last_name == "Test"
    client.logout()
    client.post(reverse("surveys:answer", args=[links.token_for(responses[4])]), VALID_POST)
    client.force_login(organiser)
    html = client.get(reverse("surveys:team", args=[edition.slug])).content.decode()
    assert "Très belle édition" in html
    assert "83,3 %" in html or "83.3 %" in html


def test_team_page_is_scoped(client, other_organiser):
    edition = past_edition()
    client.force_login(other_organiser)
    assert client.get(reverse("surveys:team", args=[edition.slug])).status_code == 403
    assert client.post(reverse("surveys:team_send", args=[edition.slug])).status_code == 403


def test_send_and_remind_buttons(client):
    edition = past_edition()
    organiser = make_member("orga-s2@example.fr", edition)
    sent_survey(edition, n=0, with_session=False)
    client.force_login(organiser)
    page = client.post(reverse("surveys:team_send", args=[edition.slug]), follow=True)
    assert page.status_code == 200
    page = client.post(reverse("surveys:team_remind", args=[edition.slug]), follow=True)
    assert "Relance envoyée" in page.content.decode()
    page = client.post(reverse("surveys:team_remind", args=[edition.slug]), follow=True)
    assert "déjà été envoyée" in page.content.decode()
