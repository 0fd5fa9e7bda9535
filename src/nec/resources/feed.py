"""The Atom feed of newly published resources (django.contrib.syndication needs no installing)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from nec.resources.attribution import attribution
from nec.resources.selectors import public_resources

ITEMS = 30


class NewResourcesFeed(Feed):
    feed_type = Atom1Feed
    title = _("Numérique en Commun[s] — nouvelles ressources")
    subtitle = _("Les dernières ressources publiées dans la bibliothèque, sous licence libre.")

    def link(self):
        return reverse("resources:library")

    def items(self):
        return (
            public_resources()
            .select_related("edition")
            .prefetch_related("authors")
            .order_by("-published_at", "-pk")[:ITEMS]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"{item.summary}\n\n{attribution(item)}"

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return ", ".join(a.name for a in item.authors.all()) or None
