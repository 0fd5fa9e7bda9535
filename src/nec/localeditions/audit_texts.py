"""Labels of the localeditions audit codes for the journal (registered in `AppConfig.ready()`)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "localeditions.accepted": _("Candidature acceptée"),
    "localeditions.agreement_drafted": _("Convention préparée"),
    "localeditions.agreement_paid": _("Subvention versée"),
    "localeditions.agreement_sent": _("Convention envoyée"),
    "localeditions.agreement_signed": _("Convention signée reçue"),
    "localeditions.application_anonymised": _("Candidature anonymisée"),
    "localeditions.application_confirmed": _("Candidature confirmée"),
    "localeditions.application_submitted": _("Candidature déposée"),
    "localeditions.committee_recorded": _("Comité de suivi enregistré"),
    "localeditions.documentation_step_done": _("Étape de documentation faite (fiche publiée)"),
    "localeditions.documentation_step_reopened": _(
        "Étape de documentation rouverte (fiche retirée)"
    ),
    "localeditions.draft_erased": _("Brouillon de candidature effacé"),
    "localeditions.draft_saved": _("Brouillon de candidature enregistré"),
    "localeditions.information_completed": _("Candidature complétée"),
    "localeditions.information_requested": _("Renseignements demandés"),
    "localeditions.internal_note_saved": _("Note interne enregistrée"),
    "localeditions.interview_proposed": _("Entretien proposé"),
    "localeditions.message_posted": _("Message échangé sur une candidature"),
    "localeditions.milestone_added": _("Étape ajoutée au rétroplanning"),
    "localeditions.milestone_updated": _("Étape du rétroplanning modifiée"),
    "localeditions.milestones_generated": _("Rétroplanning créé"),
    "localeditions.milestones_reminded": _("Rappel des étapes envoyé"),
    "localeditions.refused": _("Candidature refusée"),
}
