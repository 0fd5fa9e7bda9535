from django.urls import path  # noqa: F401

from nec.registrations import views  # noqa: F401

app_name = "registrations"

urlpatterns: list = []
