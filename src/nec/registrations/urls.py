"""URLs of the registrations app: registering, the personal space, session booking, and the
team's registration, booking and check-in pages in the espace organisation."""

from django.urls import path

from nec.registrations import (
    booking_views,
    checkin_views,
    participant_views,
    restart_views,
    team_views,
)

app_name = "registrations"

urlpatterns = [
    # Registering
    path("editions/<slug:edition>/inscription/", participant_views.register, name="register"),
    path("editions/<slug:edition>/inscription/envoyee/", participant_views.sent, name="sent"),
    path("inscription/confirmer/<str:token>/", participant_views.confirm, name="confirm"),
    path("inscription/reprendre/<str:token>/", restart_views.restart, name="restart"),
    # Personal space
    path("mon-espace/inscriptions/", participant_views.my_registrations, name="mine"),
    path("mon-espace/<slug:edition>/", participant_views.space, name="space"),
    path(
        "mon-espace/<slug:edition>/reponses/", participant_views.edit_answers, name="edit_answers"
    ),
    path("mon-espace/<slug:edition>/annuler/", participant_views.cancel, name="cancel"),
    path("mon-espace/<slug:edition>/agenda/", participant_views.agenda, name="agenda"),
    path(
        "mon-espace/<slug:edition>/calendrier/",
        participant_views.calendar_token,
        name="calendar_token",
    ),
    path("mon-espace/<slug:edition>/billet/", participant_views.ticket, name="ticket"),
    path("mon-espace/<slug:edition>/billet.pdf", participant_views.ticket_pdf, name="ticket_pdf"),
    path("agenda/<str:token>.ics", participant_views.calendar_feed, name="feed"),
    # Team
    path("orga/<slug:edition>/inscriptions/", team_views.team_list, name="orga_index"),
    path(
        "orga/<slug:edition>/inscriptions/export.csv", team_views.team_export_csv, name="team_csv"
    ),
    path(
        "orga/<slug:edition>/inscriptions/export.xlsx",
        team_views.team_export_xlsx,
        name="team_xlsx",
    ),
    path(
        "orga/<slug:edition>/inscriptions/chiffres/", team_views.team_figures, name="team_figures"
    ),
    path(
        "orga/<slug:edition>/inscriptions/questionnaire/",
        team_views.team_questionnaire,
        name="team_questionnaire",
    ),
    path(
        "orga/<slug:edition>/inscriptions/questionnaire/ajouter/",
        team_views.team_question,
        name="team_question_add",
    ),
    path(
        "orga/<slug:edition>/inscriptions/questionnaire/<id:pk>/",
        team_views.team_question,
        name="team_question",
    ),
    path(
        "orga/<slug:edition>/inscriptions/questionnaire/<id:pk>/supprimer/",
        team_views.team_question_delete,
        name="team_question_delete",
    ),
    path(
        "orga/<slug:edition>/inscriptions/questionnaire/<id:pk>/deplacer/",
        team_views.team_question_move,
        name="team_question_move",
    ),
    path("orga/<slug:edition>/inscriptions/<id:pk>/", team_views.team_detail, name="team_detail"),
    path(
        "orga/<slug:edition>/inscriptions/<id:pk>/action/",
        team_views.team_action,
        name="team_action",
    ),
    # Session booking
    path(
        "editions/<slug:edition>/reservations/",
        booking_views.booking_list,
        name="booking_list",
    ),
    path(
        "editions/<slug:edition>/reservations/<id:pk>/reserver/",
        booking_views.book_view,
        name="book",
    ),
    path(
        "editions/<slug:edition>/reservations/<id:pk>/liste-attente/",
        booking_views.waitlist_join_view,
        name="waitlist_join",
    ),
    path(
        "editions/<slug:edition>/reservations/<id:pk>/echanger/",
        booking_views.swap_view,
        name="booking_swap",
    ),
    path(
        "editions/<slug:edition>/reservations/<id:pk>/annuler/",
        booking_views.cancel_view,
        name="booking_cancel",
    ),
    path(
        "editions/<slug:edition>/reservations/proposition/<id:booking>/",
        booking_views.offer_view,
        name="offer",
    ),
    path(
        "orga/<slug:edition>/inscriptions/reservations/",
        booking_views.orga_bookings,
        name="orga_bookings",
    ),
    path(
        "orga/<slug:edition>/inscriptions/reservations/<id:pk>/",
        booking_views.orga_booking_session,
        name="orga_booking_session",
    ),
    # Check-in
    path("orga/<slug:edition>/accueil/", checkin_views.checkin_page, name="checkin"),
]
