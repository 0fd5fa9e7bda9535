"""Organisers' e-mail texts: `{name}` placeholders filled by substitution only."""

import pytest
from django.core.exceptions import ValidationError

from nec.core.placeholders import check_placeholders, fill_placeholders

ALLOWED = ["prenom", "titre", "edition"]


def test_known_placeholders_are_filled_and_missing_values_are_empty():
    text = "Bonjour {prenom}, « {titre} » pour {edition}."
    assert fill_placeholders(text, {"prenom": "Inès", "titre": "Atelier"}, ALLOWED) == (
        "Bonjour Inès, « Atelier » pour ."
    )


@pytest.mark.parametrize(
    "text",
    ["{titre:d}", "{titre:>300000}", "{titre!r}", "{titre.__class__}", "{inconnu}", "{}"],
)
def test_format_specs_and_unknown_names_are_refused_with_a_message(text):
    with pytest.raises(ValidationError) as error:
        fill_placeholders(text, {"titre": "x"}, ALLOWED)
    assert "Champs inconnus" in error.value.messages[0]
    assert "{titre}" in error.value.messages[0]  # the message lists what may be used


@pytest.mark.parametrize("text", ["Bonjour {prenom", "Bonjour prenom}", "{{titre}}"])
def test_stray_braces_are_refused(text):
    with pytest.raises(ValidationError) as error:
        check_placeholders(text, ALLOWED)
    assert "Accolade" in error.value.messages[0]


def test_a_value_is_inserted_as_is_never_reinterpreted():
    assert fill_placeholders("{titre}", {"titre": "{prenom}"}, ALLOWED) == "{prenom}"
