"""The team's editor of the survey's questions (the registration questionnaire's editor on the
survey): wording, adding a question then answering it, the rules once answers exist, the bilan's
questions, order, restoring the defaults, bad input, permissions."""

import pytest
from django.test import Client
from django.urls import reverse

from nec.core.models import AuditEntry
from nec.reports.figures import compute
from nec.surveys import links, services
from nec.surveys.models import ResponseAnswer, SurveyQuestion
from tests.factories import make_member
from tests.surveys.builders import VALID_POST, past_edition, sent_survey

pytestmark = pytest.mark.django_db

MEAL = {
    "label": "Le repas vous a-t-il plu ?",
    "key": "repas",
    "help_text": "Le déjeuner du premier jour.",
    "kind": "single",
    "choices_text": "oui | Oui, beaucoup\nbof | Moyennement\nnon | Non",
    "required": "on",
    "condition_text": "",
}


def url(name, edition, *args):
    return reverse(f"surveys:{name}", args=[edition.slug, *args])


def team_client(edition):
    client = Client()
    client.force_login(make_member(f"orga-{edition.slug}@example.fr", edition))
    return client


def edit_post(question, **changes):
    """The edit form of `question` as the page shows it, with `changes`."""
    data = {
        "label": question.label,
        "key": question.key,
        "help_text": question.help_text,
        "kind": question.kind,
        "choices_text": "\n".join(f"{v} | {label}" for v, label in question.choices),
        "condition_text": "",
    }
    if question.required:
        data["required"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def answer(response, **extra):
    page = Client().post(
        reverse("surveys:answer", args=[links.token_for(response)]), {**VALID_POST, **extra}
    )
    assert page.status_code == 302, page.content.decode()[:2000]


def test_edit_the_wording_of_a_default_question():
    edition = past_edition()
    client = team_client(edition)
    page = client.get(url("team_questions", edition))
    html = page.content.decode()
    assert page.status_code == 200 and "lue par le bilan" in html
    assert "Ce qui peut changer" in html
    question = services.get_survey(edition).questions.get(key="appreciation")
    edit = url("team_question", edition, question.pk)
    assert client.get(edit).status_code == 200
    page = client.post(
        edit, edit_post(question, label="Qu'avez-vous pensé de cette édition ?", help_text="Une")
    )
    assert page.status_code == 302
    question.refresh_from_db()
    assert question.label == "Qu'avez-vous pensé de cette édition ?"
    assert question.help_text == "Une" and question.choices[-1] == ["geniale", "Géniale"]
    assert AuditEntry.objects.filter(action="surveys.question_changed").exists()


def test_add_a_question_then_answer_it_through_the_personal_link():
    edition = past_edition()
    client = team_client(edition)
    page = client.post(url("team_question_add", edition), MEAL)
    assert page.status_code == 302
    survey = services.get_survey(edition)
    meal = survey.questions.get(key="repas")
    assert meal.choices == [["oui", "Oui, beaucoup"], ["bof", "Moyennement"], ["non", "Non"]]
    assert meal.position > survey.questions.exclude(pk=meal.pk).last().position
    assert AuditEntry.objects.filter(action="surveys.question_added").exists()
    _survey, _session, _people, responses = sent_survey(edition, n=5)
    form = Client().get(reverse("surveys:answer", args=[links.token_for(responses[0])]))
    assert 'name="q_repas"' in form.content.decode()
    # required: an answer without it is refused, what was typed is kept
    missing = Client().post(
        reverse("surveys:answer", args=[links.token_for(responses[0])]), VALID_POST
    )
    assert missing.status_code == 400 and "Très belle édition" in missing.content.decode()
    for response in responses:
        answer(response, q_repas="bof")
    assert ResponseAnswer.objects.filter(question=meal, value="bof").count() == 5
    html = client.get(url("team", edition)).content.decode()
    assert "Le repas vous a-t-il plu ?" in html and "Moyennement" in html
    # the bilan is unaffected by the added question
    assert compute(edition).figures()["liked"].value == 100


def test_a_question_with_answers_keeps_its_kind_and_choices():
    edition = past_edition()
    client = team_client(edition)
    client.post(url("team_question_add", edition), MEAL)
    _survey, _session, _people, responses = sent_survey(edition, n=1)
    answer(responses[0], q_repas="oui")
    meal = SurveyQuestion.objects.get(key="repas", survey__edition=edition)
    edit = url("team_question", edition, meal.pk)
    assert "a déjà 1 réponse" in client.get(edit).content.decode()
    typed = "oui | Oui\nnon | Non"
    page = client.post(edit, edit_post(meal, choices_text=typed, label="Repas ?"))
    html = page.content.decode()
    assert page.status_code == 400
    assert "ses choix ne peuvent plus changer" in html
    assert "Repas ?" in html and "oui | Oui\nnon | Non" in html  # what was typed is kept
    page = client.post(edit, edit_post(meal, kind="text", choices_text=""))
    assert page.status_code == 400 and "son type ne peut plus changer" in page.content.decode()
    meal.refresh_from_db()
    assert meal.kind == "single" and len(meal.choices) == 3 and meal.label == MEAL["label"]
    # the wording, the help text and "required" may still change
    page = client.post(edit, edit_post(meal, label="Et le repas ?", help_text="", required=None))
    assert page.status_code == 302
    meal.refresh_from_db()
    assert meal.label == "Et le repas ?" and not meal.required and len(meal.choices) == 3
    # no removal: the page says why, a forced POST is refused
    delete = url("team_question_delete", edition, meal.pk)
    assert "ne peut plus être supprimée" in client.get(delete).content.decode()
    assert client.post(delete).status_code == 400
    assert SurveyQuestion.objects.filter(pk=meal.pk).exists()
    # the service refuses it too
    meal.choices = [["x", "X"], ["y", "Y"]]
    with pytest.raises(services.SurveyError):
        services.save_question(meal.survey, meal, actor=None)


def test_a_question_without_answers_can_change_or_go():
    edition = past_edition()
    client = team_client(edition)
    client.post(url("team_question_add", edition), MEAL)
    meal = SurveyQuestion.objects.get(key="repas", survey__edition=edition)
    edit = url("team_question", edition, meal.pk)
    page = client.post(edit, edit_post(meal, kind="multiple", choices_text="a | A\nb | B"))
    assert page.status_code == 302
    meal.refresh_from_db()
    assert meal.kind == "multiple" and meal.choices == [["a", "A"], ["b", "B"]]
    assert client.post(url("team_question_delete", edition, meal.pk)).status_code == 302
    assert not SurveyQuestion.objects.filter(pk=meal.pk).exists()
    assert AuditEntry.objects.filter(action="surveys.question_deleted").exists()


def test_the_bilan_questions_keep_their_key_kind_and_values():
    edition = past_edition()
    client = team_client(edition)
    question = services.get_survey(edition).questions.get(key="appreciation")
    edit = url("team_question", edition, question.pk)
    page = client.post(edit, edit_post(question, key="avis"))
    assert page.status_code == 400 and "par sa clé « appreciation »" in page.content.decode()
    page = client.post(edit, edit_post(question, choices_text="bien | Bien\nmal | Mal"))
    assert page.status_code == 400 and "« geniale »" in page.content.decode()
    # labels may change while no one has answered
    relabelled = question.choices[:-1] + [["geniale", "Formidable"]]
    choices_text = "\n".join(f"{v} | {label}" for v, label in relabelled)
    assert client.post(edit, edit_post(question, choices_text=choices_text)).status_code == 302
    question.refresh_from_db()
    assert question.choices[-1] == ["geniale", "Formidable"]
    # a new question cannot take a bilan key with another kind
    question.delete()
    page = client.post(
        url("team_question_add", edition), {**MEAL, "key": "appreciation", "kind": "text"}
    )
    assert page.status_code == 400 and "son type reste" in page.content.decode()


def test_reorder_the_questions():
    edition = past_edition()
    client = team_client(edition)
    survey = services.get_survey(edition)
    keys = list(survey.questions.values_list("key", flat=True))
    second = survey.questions.get(key=keys[1])
    client.post(url("team_question_move", edition, second.pk), {"direction": "up"})
    assert list(survey.questions.values_list("key", flat=True))[:2] == [keys[1], keys[0]]
    client.post(url("team_question_move", edition, second.pk), {"direction": "down"})
    client.post(url("team_question_move", edition, second.pk), {"direction": "down"})
    assert list(survey.questions.values_list("key", flat=True))[:3] == [keys[0], keys[2], keys[1]]
    last = survey.questions.get(key=keys[-1])
    client.post(url("team_question_move", edition, last.pk), {"direction": "down"})  # no-op
    assert list(survey.questions.values_list("key", flat=True))[-1] == keys[-1]
    assert AuditEntry.objects.filter(action="surveys.question_moved").count() == 3


def test_restore_the_defaults_until_someone_answers():
    edition = past_edition()
    client = team_client(edition)
    survey = services.get_survey(edition)
    defaults = list(survey.questions.values_list("key", "label"))
    client.post(url("team_question_add", edition), MEAL)
    client.post(url("team_question_delete", edition, survey.questions.get(key="liked_city").pk))
    first = survey.questions.get(key="objectives")
    client.post(url("team_question", edition, first.pk), edit_post(first, label="Pourquoi ?"))
    page = client.post(url("team_questions_restore", edition), follow=True)
    assert "questions par défaut sont rétablies" in page.content.decode()
    assert list(survey.questions.values_list("key", "label")) == defaults
    assert AuditEntry.objects.filter(action="surveys.questions_restored").exists()
    _survey, _session, _people, responses = sent_survey(edition, n=1)
    answer(responses[0])
    html = client.get(url("team_questions", edition)).content.decode()
    assert "ne peuvent plus être rétablies" in html
    page = client.post(url("team_questions_restore", edition), follow=True)
    assert "ont déjà répondu" in page.content.decode()
    assert ResponseAnswer.objects.filter(response=responses[0]).count() == len(defaults)


def test_bad_input_keeps_what_was_typed():
    edition = past_edition()
    client = team_client(edition)
    page = client.post(
        url("team_question_add", edition),
        {"label": "Le café était-il bon ?", "kind": "single", "choices_text": "Très"},
    )
    html = page.content.decode()
    assert page.status_code == 400
    assert (
        "au moins 2 choix" in html
        and "Le café était-il bon ?" in html
        and "Très</textarea>" in html
    )
    page = client.post(url("team_question_add", edition), {**MEAL, "key": "free_text"})
    assert page.status_code == 400 and "déjà cette clé" in page.content.decode()
    page = client.post(url("team_question_add", edition), {**MEAL, "label": ""})
    assert page.status_code == 400
    assert not SurveyQuestion.objects.filter(survey__edition=edition, key="repas").exists()


def test_answer_refused_when_the_question_changed_meanwhile():
    """A person's form was built before the team changed a question (no answers yet): their
    value, no longer a choice, is refused instead of counted; nothing is saved."""
    edition = past_edition()
    client = team_client(edition)
    client.post(url("team_question_add", edition), MEAL)
    _survey, _session, _people, responses = sent_survey(edition, n=1)
    meal = SurveyQuestion.objects.get(key="repas", survey__edition=edition)
    meal.choices = [["a", "A"], ["b", "B"]]
    services.save_question(meal.survey, meal, actor=None)
    with pytest.raises(services.SurveyError, match="viennent d'être modifiées"):
        services.save_response(responses[0], {"repas": "oui", "appreciation": "bien"}, {})
    assert not ResponseAnswer.objects.filter(response=responses[0]).exists()


def test_in_the_orga_nav_and_linked_from_the_survey_page():
    edition = past_edition()
    client = team_client(edition)
    html = client.get(url("team", edition)).content.decode()
    assert url("team_questions", edition) in html
    assert "Modifier les questions de l&#x27;enquête" in html or "Modifier les questions" in html
    html = client.get(url("team_questions", edition)).content.decode()
    assert 'aria-current="page">Questions de l' in html


def test_permissions(client, other_edition, other_organiser):
    edition = past_edition()
    question = services.get_survey(edition).questions.first()
    pages = [
        url("team_questions", edition),
        url("team_question_add", edition),
        url("team_question", edition, question.pk),
        url("team_question_delete", edition, question.pk),
    ]
    for page in pages:
        assert client.get(page).status_code == 302  # anonymous: sign in
    # the organiser of another (local) edition
    client.force_login(other_organiser)
    for page in pages:
        assert client.get(page).status_code == 403
    for page in (url("team_question_move", edition, question.pk), pages[2], pages[3]):
        assert client.post(page, {"label": "Piraté", "direction": "up"}).status_code == 403
    assert client.post(url("team_questions_restore", edition)).status_code == 403
    # through their own edition, a question of this survey is not found
    own = reverse("surveys:team_question", args=[other_edition.slug, question.pk])
    assert client.get(own).status_code == 404
    own_move = reverse("surveys:team_question_move", args=[other_edition.slug, question.pk])
    assert client.post(own_move, {"direction": "down"}).status_code == 404
    question.refresh_from_db()
    assert question.label != "Piraté"
    # the welcome staff of the edition has no access either
    volunteer = make_member("accueil@example.fr", edition, role="staff")
    client.force_login(volunteer)
    assert client.get(pages[0]).status_code == 403
