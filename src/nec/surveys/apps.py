"""The surveys app's configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "nec.surveys"
    label = "surveys"
    verbose_name = _("Enquêtes")

    def ready(self) -> None:
        from nec.editions.audit_labels import register as register_audit_labels
        from nec.surveys.audit_texts import LABELS as AUDIT_LABELS

        register_audit_labels(AUDIT_LABELS)
        from nec.accounts.home_links import register_panel
        from nec.core import periodic
        from nec.editions import audit_labels
        from nec.editions.orga_nav import register
        from nec.editions.permissions import ORGANISER, register_actions
        from nec.surveys.home_panel import surveys_to_answer_panel
        from nec.surveys.periodic import send_automatic_surveys

        register_actions({"surveys.manage": {ORGANISER}})
        periodic.register(
            "surveys.automatic",
            send_automatic_surveys,
            every="day",
            label=_("Envoyer l'enquête le lendemain de l'événement, relancer une semaine après"),
        )
        register(
            "surveys:team", _("Enquête d'évaluation"), "surveys.manage", 60, group="participants"
        )
        register_panel("surveys.to_answer", surveys_to_answer_panel, order=4)
        register(
            "surveys:team_questions",
            _("Questions de l'enquête"),
            "surveys.manage",
            61,
            group="participants",
        )
        audit_labels.register(
            {
                "surveys.question_added": _("Question ajoutée à l'enquête"),
                "surveys.question_changed": _("Question de l'enquête modifiée"),
                "surveys.question_deleted": _("Question retirée de l'enquête"),
                "surveys.question_moved": _("Question de l'enquête déplacée"),
                "surveys.questions_restored": _("Questions par défaut de l'enquête rétablies"),
            }
        )
