"""URLs of the resources app: the public library, the contribution pages of an edition in the
espace organisation and the national team's moderation."""

from django.urls import path

from nec.resources.feed import NewResourcesFeed
from nec.resources.views import collections_admin, moderation, orga, public

app_name = "resources"

ORGA = "orga/<slug:edition>/ressources/"
CURATE = "orga/ressources/collections/"

urlpatterns = [
    path("ressources/", public.library, name="library"),
    path("ressources/flux.atom", NewResourcesFeed(), name="feed"),
    path("ressources/<id:pk>/", public.detail, name="detail"),
    path("ressources/<id:pk>/paquet.zip", public.resource_package, name="package"),
    path("ressources/collections/<slug:slug>/", public.collection, name="collection"),
    path(
        "ressources/collections/<slug:slug>/paquet.zip",
        public.collection_package,
        name="collection_package",
    ),
    path(ORGA, orga.resource_list, name="orga_list"),
    path(ORGA + "proposer/", orga.resource_create, name="orga_create"),
    path(ORGA + "fiche-documentation/", orga.documentation_sheet, name="orga_documentation"),
    path(ORGA + "<id:pk>/", orga.resource_edit, name="orga_edit"),
    path(ORGA + "<id:pk>/photos/", orga.resource_photos, name="orga_photos"),
    path("orga/ressources/moderation/", moderation.inbox, name="moderation"),
    path("orga/ressources/moderation/<id:pk>/", moderation.review, name="review"),
    path(CURATE, collections_admin.collection_list, name="orga_collections"),
    path(CURATE + "nouvelle/", collections_admin.collection_create, name="orga_collection_create"),
    path(CURATE + "<id:pk>/", collections_admin.collection_edit, name="orga_collection_edit"),
    path(CURATE + "<id:pk>/ajouter/", collections_admin.collection_add, name="orga_collection_add"),
    path(
        CURATE + "<id:pk>/ressources/<id:item>/retirer/",
        collections_admin.collection_remove,
        name="orga_collection_remove",
    ),
    path(
        CURATE + "<id:pk>/ressources/<id:item>/deplacer/",
        collections_admin.collection_move,
        name="orga_collection_move",
    ),
    path(
        CURATE + "<id:pk>/supprimer/",
        collections_admin.collection_delete,
        name="orga_collection_delete",
    ),
]
