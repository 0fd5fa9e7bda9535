"""URLs of the programme: the public programme, the espace organisation, the call for proposals
and partner offers, exports and import."""

from django.urls import path

from nec.programme import cfp_link_views, cfp_review_views, cfp_views, exchange_views, views
from nec.programme.orga_views import grid as orga_grid
from nec.programme.orga_views import publication as orga_publication
from nec.programme.orga_views import sessions as orga_sessions
from nec.programme.orga_views import setup as orga_setup

app_name = "programme"

ORGA = "orga/<slug:edition>/programme/"

urlpatterns: list = [
    # public programme (views.py)
    path("editions/<slug:edition>/programme/", views.programme, name="programme"),
    path(
        "editions/<slug:edition>/programme/sessions/<id:pk>/",
        views.session_detail,
        name="session",
    ),
    path(
        "editions/<slug:edition>/programme/sessions/<id:pk>/agenda.ics",
        views.session_ics,
        name="session_ics",
    ),
    path("editions/<slug:edition>/intervenants/", views.speakers, name="speakers"),
    path(
        "editions/<slug:edition>/intervenants/<slug:slug>/",
        views.speaker_detail,
        name="speaker",
    ),
    # espace organisation (orga_views/)
    path(ORGA, orga_sessions.session_list, name="orga_index"),
    path(ORGA + "formats-par-defaut/", orga_setup.format_types_defaults, name="orga_formats"),
    path(ORGA + "sessions/nouvelle/", orga_sessions.session_create, name="orga_session_create"),
    path(ORGA + "sessions/<id:pk>/", orga_sessions.session_detail, name="orga_session"),
    path(
        ORGA + "sessions/<id:pk>/statut/", orga_sessions.session_status, name="orga_session_status"
    ),
    path(
        ORGA + "sessions/<id:pk>/intervenants/",
        orga_sessions.session_speaker_add,
        name="orga_session_speaker_add",
    ),
    path(
        ORGA + "sessions/<id:pk>/intervenants/<id:speaker>/retirer/",
        orga_sessions.session_speaker_remove,
        name="orga_session_speaker_remove",
    ),
    path(ORGA + "intervenants/", orga_sessions.speaker_list, name="orga_speakers"),
    path(ORGA + "intervenants/nouveau/", orga_sessions.speaker_edit, name="orga_speaker_create"),
    path(ORGA + "intervenants/<id:pk>/", orga_sessions.speaker_edit, name="orga_speaker"),
    path(ORGA + "salles/", orga_setup.rooms, name="orga_rooms"),
    path(ORGA + "salles/<id:pk>/", orga_setup.rooms, name="orga_room"),
    path(ORGA + "salles/<id:pk>/supprimer/", orga_setup.room_delete, name="orga_room_delete"),
    path(ORGA + "creneaux/", orga_setup.slots, name="orga_slots"),
    path(ORGA + "creneaux/<id:pk>/", orga_setup.slots, name="orga_slot"),
    path(ORGA + "creneaux/<id:pk>/supprimer/", orga_setup.slot_delete, name="orga_slot_delete"),
    path(ORGA + "formats/", orga_setup.format_types, name="orga_formats_list"),
    path(ORGA + "formats/<id:pk>/", orga_setup.format_types, name="orga_format"),
    path(ORGA + "themes/", orga_setup.themes, name="orga_themes"),
    path(
        ORGA + "themes/<str:kind>/<id:pk>/supprimer/",
        orga_setup.theme_delete,
        name="orga_theme_delete",
    ),
    path(ORGA + "grille/", orga_grid.grid, name="orga_grid"),
    path(ORGA + "grille/placer/", orga_grid.place, name="orga_place"),
    path(ORGA + "grille/<id:pk>/retirer/", orga_grid.unplace, name="orga_unplace"),
    path(ORGA + "charte/", orga_publication.charter_dashboard, name="orga_charter"),
    path(ORGA + "publier/", orga_publication.publish, name="orga_publish"),
    # a speaker's own profile (views.py)
    path(
        "editions/<slug:edition>/mon-profil-intervenant/",
        views.my_speaker_profile,
        name="my_speaker_profile",
    ),
]

# --- exports and import (exchange_views.py) ---
urlpatterns += [
    path("schemas/programme.schema.json", exchange_views.programme_schema, name="programme_schema"),
    path(
        "editions/<slug:edition>/programme.ics",
        exchange_views.programme_ics,
        name="export_ics",
    ),
    path(
        "editions/<slug:edition>/programme.json",
        exchange_views.programme_json,
        name="export_json",
    ),
    path(
        "editions/<slug:edition>/schedule.xml",
        exchange_views.schedule_xml,
        name="export_schedule_xml",
    ),
    path(
        "editions/<slug:edition>/schedule.json",
        exchange_views.schedule_json,
        name="export_schedule_json",
    ),
    path(
        "editions/<slug:edition>/sessions.csv",
        exchange_views.sessions_csv,
        name="export_sessions_csv",
    ),
    path(
        "editions/<slug:edition>/intervenants.csv",
        exchange_views.speakers_csv,
        name="export_speakers_csv",
    ),
    path(
        "orga/<slug:edition>/programme/exports/",
        exchange_views.orga_exports,
        name="orga_exports",
    ),
    path(
        "orga/<slug:edition>/programme/exports/<str:kind>",
        exchange_views.orga_export,
        name="orga_export",
    ),
    path(
        "orga/<slug:edition>/programme/import/",
        exchange_views.import_schedule,
        name="import_schedule",
    ),
    path(
        "orga/<slug:edition>/programme/import/appliquer/",
        exchange_views.import_apply,
        name="import_apply",
    ),
]

# --- call for proposals, reviews, partner offers (cfp_views.py) ---
urlpatterns += [
    path(
        "editions/<slug:edition>/appel-a-propositions/",
        cfp_views.call_for_proposals,
        name="cfp_call",
    ),
    path(
        "editions/<slug:edition>/appel-a-propositions/merci/",
        cfp_views.call_thanks,
        name="cfp_thanks",
    ),
    path(
        "appel-a-propositions/confirmer/<str:token>/",
        cfp_link_views.confirm_proposal,
        name="cfp_confirm",
    ),
    path(
        "appel-a-propositions/invitation/<str:token>/",
        cfp_link_views.invitation,
        name="cfp_invitation",
    ),
    path("mes-propositions/", cfp_views.my_proposals, name="my_proposals"),
    path(
        "mes-propositions/<id:pk>/confirmer/",
        cfp_views.confirm_participation,
        name="confirm_participation",
    ),
    path("orga/<slug:edition>/programme/appel/", cfp_views.call_settings, name="cfp_settings"),
    path(
        "orga/<slug:edition>/programme/propositions/",
        cfp_review_views.proposals,
        name="cfp_proposals",
    ),
    path(
        "orga/<slug:edition>/programme/propositions/decision/",
        cfp_review_views.decide,
        name="cfp_decide",
    ),
    path(
        "orga/<slug:edition>/programme/propositions/<id:pk>/",
        cfp_review_views.proposal_detail,
        name="cfp_proposal",
    ),
    path("espace-partenaire/offres/", cfp_views.my_offers, name="my_offers"),
    path("espace-partenaire/offres/nouvelle/", cfp_views.offer_edit, name="offer_create"),
    path("espace-partenaire/offres/<id:pk>/modifier/", cfp_views.offer_edit, name="offer_edit"),
    path(
        "espace-partenaire/offres/<id:pk>/publier/", cfp_views.offer_publish, name="offer_publish"
    ),
    path("orga/<slug:edition>/offres/", cfp_views.offer_catalogue, name="offer_catalogue"),
    path("orga/<slug:edition>/offres/<id:pk>/utiliser/", cfp_views.offer_use, name="offer_use"),
]
