"""URLs of the local editions: the public page, the application form and its confirmation
link, and the national team's inbox of applications."""

from django.urls import path

from nec.localeditions import application_views, views

app_name = "localeditions"

urlpatterns = [
    path("nec-locaux/", views.index, name="index"),
    path("nec-locaux/candidater/", application_views.apply, name="apply"),
    path("nec-locaux/candidater/envoyee/", application_views.apply_sent, name="apply_sent"),
    path(
        "nec-locaux/candidater/confirmer/<str:token>/",
        application_views.confirm,
        name="confirm",
    ),
    path("orga/candidatures/", application_views.inbox, name="inbox"),
    path("orga/candidatures/<id:pk>/", application_views.detail, name="detail"),
]
