"""The registration questionnaire: default questions, tracks, every kind of field."""

import pytest
from django import forms

from nec.programme.models import Track
from nec.registrations.forms import RegistrationForm
from nec.registrations.models import Question
from nec.registrations.questionnaire import (
    DEPARTEMENTS,
    audience_categories,
    ensure_default_questionnaire,
)
from nec.registrations.questionnaire_fields import build_field
from tests.factories import make_edition

pytestmark = pytest.mark.django_db


def test_departements_cover_france_including_corsica_and_overseas():
    codes = [code for code, _name in DEPARTEMENTS]
    assert len(codes) == len(set(codes)) == 101
    assert {"2A", "2B", "971", "972", "973", "974", "976"} <= set(codes)
    assert "20" not in codes


def test_audience_categories_come_from_the_2022_report():
    categories = audience_categories()
    assert len(categories) == 8
    assert sum(pct for _v, _l, pct in categories) == 100
    assert categories[-1][1] == "Aucun de ceux-là"


def test_default_questionnaire_is_complete_and_idempotent():
    edition = make_edition("q-test")
    questions = ensure_default_questionnaire(edition)
    keys = [q.key for q in questions]
    assert keys == [
        "audience",
        "sector",
        "public_kind",
        "structure_type",
        "departement",
        "first_time",
        "with_colleagues",
        "objectives",
        "track",
        "accessibility",
    ]
    by_key = {q.key: q for q in questions}
    assert by_key["public_kind"].condition == {"sector": "public"}
    assert by_key["accessibility"].team_only
    assert by_key["objectives"].kind == Question.Kind.MULTIPLE
    assert [label for _v, label in by_key["track"].choices][0].startswith("Accompagner")
    by_key["sector"].delete()
    assert len(ensure_default_questionnaire(edition)) == 10
    assert len(ensure_default_questionnaire(edition)) == 10


def test_track_question_uses_the_editions_tracks():
    edition = make_edition("q-tracks")
    Track.objects.create(edition=edition, name="Parcours A")
    Track.objects.create(edition=edition, name="Parcours B")
    ensure_default_questionnaire(edition)
    labels = [label for _v, label in edition.questions.get(key="track").choices]
    assert labels == ["Parcours A", "Parcours B"]


@pytest.mark.parametrize(
    ("kind", "field_class", "raw", "stored"),
    [
        ("single", forms.ChoiceField, "a", "a"),
        ("multiple", forms.MultipleChoiceField, ["a", "b"], ["a", "b"]),
        ("text", forms.CharField, "bonjour", "bonjour"),
        ("number", forms.IntegerField, "12", 12),
        ("boolean", forms.ChoiceField, "non", False),
        ("departement", forms.ChoiceField, "974", "974"),
    ],
)
def test_every_kind_builds_a_field_and_stores_a_value(kind, field_class, raw, stored):
    edition = make_edition(f"k-{kind}")
    question = Question.objects.create(
        edition=edition,
        key="q",
        label="Question",
        kind=kind,
        choices=[["a", "A"], ["b", "B"]],
        required=True,
    )
    assert isinstance(build_field(question), field_class)
    data = {"first_name": "A", "last_name": "B", "email": "a@example.fr", "q_q": raw}
    form = RegistrationForm(data, questions=[question])
    assert form.is_valid(), form.errors
    assert form.stored_answers() == {"q": stored}
    empty = RegistrationForm({**data, "q_q": ""}, questions=[question])
    assert not empty.is_valid() and "q_q" in empty.errors


def test_number_question_refuses_text():
    edition = make_edition("k-num")
    question = Question.objects.create(edition=edition, key="n", label="N", kind="number")
    data = {"first_name": "A", "last_name": "B", "email": "a@example.fr", "q_n": "douze"}
    form = RegistrationForm(data, questions=[question])
    assert not form.is_valid() and "q_n" in form.errors
