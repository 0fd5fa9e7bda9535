"""The shared word search used by the offers, registrations and check-in lists."""

import pytest

from nec.accounts.models import User
from nec.core.search import MAX_SEARCH_WORDS, every_word, normalise, search_words

pytestmark = pytest.mark.django_db


def test_every_word_must_be_found_in_one_of_the_fields():
    camille = User.objects.create_user(
        "c.martin@example.fr", first_name="Camille", last_name="Martin"
    )
    User.objects.create_user("louis@example.fr", first_name="Louis", last_name="Martin")

    def found(text):
        return set(User.objects.filter(every_word(text, "first_name", "last_name", "email")))

    assert found("camille MARTIN") == {camille}  # each word in its own field, case ignored
    assert found("c.martin camille") == {camille}
    assert len(found("martin")) == 2
    assert found("camille dupont") == set()  # one word missing everywhere: no match
    assert len(found("  ")) == 2  # no word: no condition


def test_a_pasted_essay_is_cut_to_a_query_the_database_accepts():
    """~1 200 words used to build an expression tree too large for SQLite (a 500)."""
    camille = User.objects.create_user("c.martin@example.fr", first_name="Camille")
    essay = " ".join(f"mot{n}" for n in range(1200))
    assert list(User.objects.filter(every_word(essay, "first_name", "email"))) == []
    assert list(User.objects.filter(every_word("x" * 100_000, "first_name", "email"))) == []
    padded = "camille" + " " * 100_000
    assert list(User.objects.filter(every_word(padded, "first_name", "email"))) == [camille]
    assert len(search_words(essay)) == MAX_SEARCH_WORDS
    assert search_words("a a a b") == ["a", "b"]


def test_normalise_drops_accents_and_case_and_survives_nothing():
    assert normalise("Données ÉCOLE") == "donnees ecole"
    assert normalise(None) == "" and normalise("") == ""
    assert search_words(normalise("Médiation\x00numérique")) == ["mediation", "numerique"]
