"""URLs of the reports app."""

from django.urls import path

from nec.reports import views

app_name = "reports"

urlpatterns = [
    path("editions/<slug:edition>/bilan/", views.public, name="public"),
    path("editions/<slug:edition>/bilan.pdf", views.public_pdf, name="public_pdf"),
    path("editions/<slug:edition>/bilan/<slug:chart>.csv", views.public_csv, name="public_csv"),
    path("orga/<slug:edition>/bilan/", views.team, name="team"),
    path("orga/<slug:edition>/bilan/commentaire/", views.team_comment, name="team_comment"),
    path("orga/<slug:edition>/bilan/correction/", views.team_override, name="team_override"),
    path(
        "orga/<slug:edition>/bilan/correction/<slug:key>/retirer/",
        views.team_override_remove,
        name="team_override_remove",
    ),
    path("orga/<slug:edition>/bilan/chiffre/", views.team_typed, name="team_typed"),
    path(
        "orga/<slug:edition>/bilan/chiffre/<id:pk>/retirer/",
        views.team_typed_remove,
        name="team_typed_remove",
    ),
    path("orga/<slug:edition>/bilan/publication/", views.team_publish, name="team_publish"),
    path("orga/<slug:edition>/bilan.pdf", views.team_pdf, name="team_pdf"),
    path("orga/<slug:edition>/bilan/<slug:chart>.csv", views.team_csv, name="team_csv"),
]
