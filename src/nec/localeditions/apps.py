"""The local-editions domain app: how to organise a NEC local, the local editions by région, and
the applications to organise one."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalEditionsConfig(AppConfig):
    name = "nec.localeditions"
    label = "localeditions"
    verbose_name = _("NEC locaux")

    def ready(self):
        from nec.editions.audit_labels import register as register_audit_labels
        from nec.localeditions.audit_texts import LABELS as AUDIT_LABELS

        register_audit_labels(AUDIT_LABELS)
        from nec.accounts import home_links
        from nec.core.images import delete_replaced_files
        from nec.editions import orga_links, orga_nav
        from nec.editions.models import Membership
        from nec.editions.permissions import register_actions, register_national_actions
        from nec.localeditions.home_panel import applications_panel
        from nec.localeditions.models import Agreement, Application, ApplicationAttachment
        from nec.localeditions.services.documentation import follow_sheet_publication
        from nec.localeditions.services.drafts import drafts_of
        from nec.resources import publication_hooks

        register_national_actions({"localeditions.instruct"})
        from nec.accounts import personal_data
        from nec.core import periodic
        from nec.localeditions import personal_data as local_data
        from nec.localeditions.tasks import purge_drafts, remind_overdue_milestones

        periodic.register(
            "localeditions.purge_drafts",
            purge_drafts,
            every="day",
            label=_("Effacer les brouillons de candidature oubliés depuis six mois"),
        )
        personal_data.register(
            "localeditions",
            _("Candidatures NEC local"),
            export=local_data.export_local_applications,
            erase=local_data.erase_local_applications,
            order=40,
        )

        periodic.register(
            "localeditions.overdue_milestones",
            remind_overdue_milestones,
            every="day",
            label=_("Relancer les étapes du rétroplanning en retard"),
        )
        register_actions({"localeditions.follow": {Membership.Role.ORGANISER}})
        orga_nav.register(
            "localeditions:followup",
            _("Suivi NEC local"),
            "localeditions.follow",
            5,
            kinds=("local",),
        )
        orga_nav.register(
            "localeditions:kit",
            _("Kit de communication"),
            "localeditions.follow",
            6,
            kinds=("local",),
        )
        orga_links.register(
            "localeditions:progress", _("Suivi des NEC locaux"), "localeditions.instruct"
        )
        orga_links.register(
            "localeditions:inbox", _("Candidatures NEC locaux"), "localeditions.instruct"
        )
        home_links.register(
            "localeditions:mine_list",
            _("Mes candidatures NEC local"),
            order=40,
            visible=lambda user: (
                Application.objects.filter(applicant=user).exists()
                or drafts_of(user.email).exists()
            ),
        )
        home_links.register_panel("localeditions.applications", applications_panel, order=7)
        delete_replaced_files(ApplicationAttachment, "file")
        delete_replaced_files(Agreement, "signed_copy")
        publication_hooks.register(follow_sheet_publication)
