"""URLs of the site-wide public pages."""

from django.urls import path

from nec.site import views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("charte/", views.charter, name="charter"),
    path("mentions-legales/", views.legal_notice, name="legal"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("donnees-personnelles/", views.privacy, name="privacy"),
]
