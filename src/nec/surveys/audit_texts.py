"""Readable labels of this app's audit codes, for the journal and the edition's home (registered
in `AppConfig.ready()`; `tests/editions/test_audit_labels.py` checks that no code is missing)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "surveys.answered": _("Réponse à l'enquête enregistrée"),
    "surveys.reminded": _("Relance de l'enquête envoyée"),
    "surveys.sent": _("Enquête envoyée"),
    "surveys.settings": _("Réglages de l'enquête modifiés"),
    "surveys.answer_changed": _("Réponse à l'enquête modifiée"),
}
