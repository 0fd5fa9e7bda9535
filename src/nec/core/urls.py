"""URLs the core answers itself (the favicon)."""

from django.urls import path

from nec.core import views

app_name = "core"

urlpatterns = [
    path("favicon.ico", views.favicon, name="favicon"),
]
