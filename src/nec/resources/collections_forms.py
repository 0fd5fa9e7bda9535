"""Forms of the national team's collections: a collection's title, slug, description and
publication, and the search for published resources to add to it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from nec.core.forms import Form, mark_optional


class CollectionForm(Form):
    title = forms.CharField(label=_("Titre"), max_length=200)
    slug = forms.CharField(
        label=_("Identifiant d'URL"),
        required=False,
        max_length=120,
        help_text=_(
            "Lettres sans accent, chiffres et tirets, par exemple « mediation-numerique ». "
            "Laissé vide, il est calculé à partir du titre."
        ),
    )
    description = forms.CharField(
        label=_("Présentation"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    published = forms.BooleanField(
        label=_("Publiée (visible dans la bibliothèque)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_optional(self, skip=["published"])

    @staticmethod
    def initial_from(collection) -> dict:
        return {
            "title": collection.title,
            "slug": collection.slug,
            "description": collection.description,
            "published": collection.published,
        }


class ResourceSearchForm(Form):
    q = forms.CharField(label=_("Rechercher une ressource publiée"), required=False, max_length=200)
