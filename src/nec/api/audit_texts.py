"""Labels of the api audit codes for the journal (registered in `AppConfig.ready()`)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "api.registrations_read": _("Inscriptions lues par l'API"),
    "api.token_create": _("Jeton d'API créé"),
    "api.token_revoke": _("Jeton d'API révoqué"),
}
