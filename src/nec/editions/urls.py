"""URLs of the public edition pages and of the espace organisation's edition pages."""

from django.urls import path

from nec.editions import orga_views, views

app_name = "editions"

urlpatterns = [
    path("editions/", views.history, name="history"),
    path("editions/<slug:slug>/", views.detail, name="detail"),
    path("partenaires/", views.partners, name="partners"),
    # espace organisation (orga_views.py)
    path("orga/", orga_views.dashboard, name="orga_dashboard"),
    path("orga/nouvelle-edition/", orga_views.edition_create, name="orga_edition_create"),
    path("orga/journal/", orga_views.audit_all, name="orga_audit_all"),
    path("orga/<slug:edition>/", orga_views.edition_home, name="orga_edition"),
    path("orga/<slug:edition>/parametres/", orga_views.edition_settings, name="orga_settings"),
    path("orga/<slug:edition>/partenaires/", orga_views.partners, name="orga_partners"),
    path(
        "orga/<slug:edition>/partenaires/<id:pk>/retirer/",
        orga_views.partner_remove,
        name="orga_partner_remove",
    ),
    path("orga/<slug:edition>/equipe/", orga_views.members, name="orga_members"),
    path(
        "orga/<slug:edition>/equipe/<id:pk>/retirer/",
        orga_views.member_remove,
        name="orga_member_remove",
    ),
    path("orga/<slug:edition>/journal/", orga_views.audit_edition, name="orga_audit"),
]
