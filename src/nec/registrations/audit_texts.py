"""Labels of the registrations audit codes for the journal (registered in `AppConfig.ready()`)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "registrations.anonymised": _("Inscription anonymisée"),
    "registrations.booking_manual": _("Réservation faite par l'équipe"),
    "registrations.booking_sent_back": _(
        "Réservations remises en liste d'attente après un changement de salle"
    ),
    "registrations.booking_swapped": _("Réservation échangée contre une autre"),
    "registrations.calendar_token_issued": _("Lien d'agenda créé"),
    "registrations.calendar_token_revoked": _("Lien d'agenda désactivé"),
    "registrations.cancelled": _("Inscription annulée"),
    "registrations.capacity_changed": _("Jauge d'une session modifiée"),
    "registrations.confirmed": _("Inscription confirmée"),
    "registrations.offer_accepted": _("Place proposée acceptée"),
    "registrations.question_added": _("Question ajoutée au questionnaire d'inscription"),
    "registrations.question_deleted": _("Question retirée du questionnaire d'inscription"),
    "registrations.question_moved": _("Question du questionnaire d'inscription déplacée"),
    "registrations.reminder_sent": _("Rappel envoyé"),
    "registrations.reopened": _("Inscription reprise après une annulation"),
    "registrations.restart_requested": _("Nouveau lien d'inscription demandé"),
    "registrations.session_attended": _("Présence à une session enregistrée"),
    "registrations.started": _("Inscription commencée, à confirmer"),
    "registrations.updated": _("Inscription modifiée"),
    "registrations.waitlist_joined": _("Inscription sur une liste d'attente"),
    "registrations.waitlist_left": _("Sortie d'une liste d'attente"),
    "registrations.booked": _("Place réservée"),
    "registrations.booking_cancelled": _("Réservation annulée"),
    "registrations.confirmation_resent": _("Lien de confirmation renvoyé"),
    "registrations.question_changed": _("Question du questionnaire d'inscription modifiée"),
}
