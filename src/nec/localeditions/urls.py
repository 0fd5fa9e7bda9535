"""Public URLs of the local editions."""

from django.urls import path

from nec.localeditions import views

app_name = "localeditions"

urlpatterns = [
    path("nec-locaux/", views.index, name="index"),
]
