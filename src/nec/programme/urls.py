from django.urls import path  # noqa: F401

from nec.programme import views  # noqa: F401

app_name = "programme"

urlpatterns: list = []
