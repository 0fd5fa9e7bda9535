"""The community app's configuration: its national action, its dashboard link, its "Mon
espace" link and its personal-data holder."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "nec.community"
    label = "community"
    verbose_name = _("Communauté")

    def ready(self):
        from nec.community.audit_texts import LABELS as AUDIT_LABELS
        from nec.editions.audit_labels import register as register_audit_labels

        register_audit_labels(AUDIT_LABELS)
        from nec.accounts import home_links, personal_data
        from nec.community.services import gdpr
        from nec.editions import orga_links
        from nec.editions.permissions import register_national_actions

        register_national_actions({"community.manage"})
        from anymail.signals import tracking

        from nec.community.services.provider_events import on_tracking

        tracking.connect(on_tracking, dispatch_uid="nec.community.provider_events")
        from nec.community.tasks import retention_task, start_due_mailings_task
        from nec.core import periodic

        periodic.register(
            "community.due_mailings",
            start_due_mailings_task,
            every="minute",
            label=_("Lancer les envois programmés, reprendre les envois interrompus"),
        )
        periodic.register(
            "community.retention",
            retention_task,
            every="day",
            label=_("Effacer les données arrivées au terme de leur conservation"),
        )
        orga_links.register(
            "community:index", _("Communauté : contacts et envois"), "community.manage"
        )
        home_links.register("community:my_data", _("Mes données personnelles"), order=90)
        personal_data.register(
            "community",
            _("Contacts et consentements"),
            export=gdpr.export_community,
            erase=gdpr.erase_community,
            order=20,
        )
