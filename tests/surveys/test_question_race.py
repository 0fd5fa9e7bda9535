"""The team changes a question's choices while people are answering it: every stored answer is
one the question, as it ends up, can take (PostgreSQL only: SQLite serialises every writer)."""

import pytest

from nec.surveys import services
from nec.surveys.models import ResponseAnswer, SurveyQuestion
from tests.concurrency import run_together, skip_unless_postgres
from tests.surveys.builders import past_edition, sent_survey

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

PEOPLE = 8


def test_answers_and_a_choice_change_at_the_same_moment():
    skip_unless_postgres()
    edition = past_edition("nec-course")
    survey, _session, _people, responses = sent_survey(edition, n=PEOPLE, with_session=False)
    meal = SurveyQuestion.objects.create(
        survey=survey,
        key="repas",
        label="Repas ?",
        kind="single",
        choices=[["oui", "Oui"], ["non", "Non"]],
        position=500,
    )

    def change():
        question = SurveyQuestion.objects.get(pk=meal.pk)
        question.choices = [["bon", "Bon"], ["mauvais", "Mauvais"]]
        return services.save_question(survey, question, actor=None)

    def answering(response):
        return lambda: services.save_response(response, {"repas": "oui"}, {})

    results = run_together([change, *(answering(r) for r in responses)])
    unexpected = [
        r for r in results if isinstance(r, Exception) and not isinstance(r, services.SurveyError)
    ]
    assert unexpected == []
    meal.refresh_from_db()
    values = {value for value, _label in meal.choices}
    stored = list(ResponseAnswer.objects.filter(question=meal).values_list("value", flat=True))
    assert all(value in values for value in stored)
    if isinstance(results[0], services.SurveyError):  # answers came first: choices kept
        assert values == {"oui", "non"} and stored
    else:  # the change came first: every later answer was refused, none counted
        assert values == {"bon", "mauvais"} and stored == []
