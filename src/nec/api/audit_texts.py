"""Readable labels of this app's audit codes, for the journal and the edition's home (registered
in `AppConfig.ready()`; `tests/editions/test_audit_labels.py` checks that no code is missing)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "api.registrations_read": _("Inscriptions lues par l'API"),
    "api.token_create": _("Jeton d'API créé"),
    "api.token_revoke": _("Jeton d'API révoqué"),
}
