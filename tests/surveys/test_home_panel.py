""" "Mon espace" shows the open surveys waiting for the person's answer (the e-mailed link may be
lost): not once answered, not once closed, not someone else's."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from nec.surveys import links
from tests.factories import make_user
from tests.surveys.builders import VALID_POST, past_edition, sent_survey

pytestmark = pytest.mark.django_db


def home(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("accounts:home")).content.decode()


def test_the_survey_waits_on_my_space_until_answered(client):
    survey, _session, people, responses = sent_survey(past_edition(title="NEC Passée"), n=2)
    me, other = people
    answer_url = reverse("surveys:answer", args=[links.token_for(responses[0])])
    html = home(client, me.user)
    assert "Votre avis est attendu" in html and "NEC Passée" in html
    assert answer_url in html
    assert reverse("surveys:answer", args=[links.token_for(responses[1])]) not in html
    # answered: it leaves the page
    assert client.post(answer_url, VALID_POST).status_code == 302
    assert "Votre avis est attendu" not in home(client, me.user)
    # closed: no longer asked
    survey.closes_at = timezone.now() - timedelta(minutes=1)
    survey.save(update_fields=["closes_at"])
    assert "Votre avis est attendu" not in home(client, other.user)


def test_nobody_invited_sees_nothing(client):
    sent_survey(past_edition(), n=1)
    assert "Votre avis est attendu" not in home(client, make_user("curieux@example.fr"))


def test_the_closing_date_is_given(client):
    survey, _session, people, _responses = sent_survey(past_edition(), n=1)
    survey.closes_at = timezone.now() + timedelta(days=20)
    survey.save(update_fields=["closes_at"])
    html = home(client, people[0].user)
    assert "Réponses jusqu'au" in html or "Réponses jusqu&#x27;au" in html
