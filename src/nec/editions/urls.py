from django.urls import path

from nec.editions import views

app_name = "editions"

urlpatterns = [
    path("editions/", views.history, name="history"),
    path("editions/<slug:slug>/", views.detail, name="detail"),
    path("partenaires/", views.partners, name="partners"),
    path("orga/", views.orga_dashboard, name="orga_dashboard"),
]
