from django.urls import path

from nec.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("charte/", views.charter, name="charter"),
    path("mentions-legales/", views.legal_notice, name="legal"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("donnees-personnelles/", views.privacy, name="privacy"),
    path("favicon.ico", views.favicon, name="favicon"),
]
