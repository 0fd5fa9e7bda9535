"""Labels of the timetabling audit codes for the journal (registered in `AppConfig.ready()`)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "timetabling.proposal_applied": _("Grille proposée appliquée"),
    "timetabling.run_started": _("Calcul de grille lancé"),
    "timetabling.run_stop_requested": _("Arrêt du calcul de grille demandé"),
    "timetabling.wish_added": _("Intérêt pour une session noté"),
    "timetabling.wish_removed": _("Intérêt pour une session retiré"),
}
