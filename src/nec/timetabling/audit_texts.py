"""Labels of the timetabling audit codes for the journal (registered in `AppConfig.ready()`)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "timetabling.allocation_done": _("Places attribuées équitablement"),
    "timetabling.allocation_requested": _("Clôture des classements demandée"),
    "timetabling.allocation_window_set": _("Fenêtre de classement enregistrée"),
    "timetabling.proposal_applied": _("Grille proposée appliquée"),
    "timetabling.rankings_saved": _("Choix de sessions classés"),
    "timetabling.run_started": _("Calcul de grille lancé"),
    "timetabling.run_stop_requested": _("Arrêt du calcul de grille demandé"),
    "timetabling.unavailability_set": _("Indisponibilités d'une session enregistrées"),
    "timetabling.wish_added": _("Intérêt pour une session noté"),
    "timetabling.wish_removed": _("Intérêt pour une session retiré"),
}
