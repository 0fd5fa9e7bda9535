"""French plural rules in templates: 0 and 1 take the singular."""

from django.template import Context, Template
from django.utils import translation


def test_french_uses_the_singular_for_zero_and_one():
    """French says "0 conflit" (n > 1 is plural), unlike the English rule gettext falls back to
    when the source language has no catalogue of its own."""
    template = Template(
        "{% load i18n %}{% blocktranslate count counter=n %}{{ counter }} conflit"
        "{% plural %}{{ counter }} conflits{% endblocktranslate %}"
    )
    with translation.override("fr"):
        rendered = [template.render(Context({"n": n})) for n in (0, 1, 2)]
    assert rendered == ["0 conflit", "1 conflit", "2 conflits"]
