"""URLs of the surveys app."""

from django.urls import path

from nec.surveys import question_views, views

app_name = "surveys"

urlpatterns = [
    path("enquete/<str:token>/", views.answer, name="answer"),
    path("orga/<slug:edition>/enquete/", views.team, name="team"),
    path("orga/<slug:edition>/enquete/envoyer/", views.team_send, name="team_send"),
    path("orga/<slug:edition>/enquete/relancer/", views.team_remind, name="team_remind"),
    path("orga/<slug:edition>/enquete/questions/", question_views.questions, name="team_questions"),
    path(
        "orga/<slug:edition>/enquete/questions/ajouter/",
        question_views.question,
        name="team_question_add",
    ),
    path(
        "orga/<slug:edition>/enquete/questions/retablir/",
        question_views.restore,
        name="team_questions_restore",
    ),
    path(
        "orga/<slug:edition>/enquete/questions/<id:pk>/",
        question_views.question,
        name="team_question",
    ),
    path(
        "orga/<slug:edition>/enquete/questions/<id:pk>/supprimer/",
        question_views.question_delete,
        name="team_question_delete",
    ),
    path(
        "orga/<slug:edition>/enquete/questions/<id:pk>/deplacer/",
        question_views.question_move,
        name="team_question_move",
    ),
]
