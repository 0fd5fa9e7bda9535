"""Labels of the community audit codes for the journal (registered in `AppConfig.ready()`)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "community.consent_withdrawn": _("Consentement retiré"),
    "community.contact_bouncing": _("Adresse signalée en échec de distribution"),
    "community.contact_erased": _("Contact effacé"),
    "community.contacts_imported": _("Contacts importés"),
    "community.contacts_synced": _("Contacts synchronisés"),
    "community.mailing_done": _("Envoi terminé"),
    "community.mailing_paused": _("Envoi mis en pause"),
    "community.mailing_resumed": _("Envoi repris"),
    "community.mailing_resumed_after_crash": _("Envoi repris après une interruption"),
    "community.mailing_saved": _("Envoi enregistré"),
    "community.mailing_scheduled": _("Envoi programmé"),
    "community.mailing_test_sent": _("Envoi de test adressé"),
    "community.newsletter_confirmed": _("Abonnement à la lettre d'information confirmé"),
    "community.newsletter_requested": _("Abonnement à la lettre d'information demandé"),
    "community.preferences_saved": _("Préférences de contact enregistrées"),
    "community.recipients_uncertain": _("Envois à l'issue incertaine repérés"),
    "community.retention_run": _("Durées de conservation appliquées"),
    "community.segment_saved": _("Segment enregistré"),
    "community.uncertain_resent": _("Envois à l'issue incertaine renvoyés"),
}
