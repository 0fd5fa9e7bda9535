"""Bad input on the survey's pages: a rating out of range on the personal link, a closing date
that is no date on the team page; nothing is stored and the page says so."""

import pytest
from django.urls import reverse

from nec.surveys import links
from nec.surveys.models import Response, SessionFeedback, Survey
from tests.surveys.builders import VALID_POST, past_edition, sent_survey

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rating", ["9", "0", "cinq"])
def test_a_rating_out_of_range_is_refused(client, rating):
    _survey, session, _people, responses = sent_survey(past_edition(), n=1)
    url = reverse("surveys:answer", args=[links.token_for(responses[0])])
    page = client.post(url, {**VALID_POST, f"rating_{session.pk}": rating})
    assert page.status_code == 400
    assert "Très belle édition" in page.content.decode()
    assert not Response.objects.get(pk=responses[0].pk).submitted_at
    assert not SessionFeedback.objects.exists()


def test_a_closing_date_that_is_no_date_is_refused(client, organiser, edition):
    client.force_login(organiser)
    url = f"/orga/{edition.slug}/enquete/"
    client.get(url)
    page = client.post(url, {"audience": "registered", "closes_at": "demain", "automatic": "on"})
    assert page.status_code == 400
    survey = Survey.objects.get(edition=edition)
    assert survey.audience == Survey.Audience.CHECKED_IN and survey.closes_at is None
    page = client.post(url, {"audience": "nobody", "closes_at": ""})
    assert page.status_code == 400
    assert Survey.objects.get(edition=edition).audience == Survey.Audience.CHECKED_IN


def test_answers_refused_by_the_service_are_kept_with_the_reason(client, monkeypatch):
    """The questions changed between the form and the saving: the page says so (400) and keeps
    what was typed; nothing is stored."""
    _survey, _session, _people, responses = sent_survey(past_edition(), n=1)
    url = reverse("surveys:answer", args=[links.token_for(responses[0])])
    monkeypatch.setattr("nec.surveys.services.fits", lambda question, value: False)
    page = client.post(url, VALID_POST)
    assert page.status_code == 400
    html = page.content.decode()
    assert "viennent d&#x27;être modifiées" in html and "Très belle édition" in html
    assert not Response.objects.get(pk=responses[0].pk).submitted_at
