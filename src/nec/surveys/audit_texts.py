"""Labels of the surveys audit codes for the journal (registered in `AppConfig.ready()`)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "surveys.answered": _("Réponse à l'enquête enregistrée"),
    "surveys.reminded": _("Relance de l'enquête envoyée"),
    "surveys.sent": _("Enquête envoyée"),
    "surveys.settings": _("Réglages de l'enquête modifiés"),
    "surveys.answer_changed": _("Réponse à l'enquête modifiée"),
}
