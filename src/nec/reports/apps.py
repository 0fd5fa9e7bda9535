"""The reports app's configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _published(edition) -> bool:
    from nec.reports.models import Report

    return Report.objects.filter(edition=edition, published_at__isnull=False).exists()


class ReportsConfig(AppConfig):
    name = "nec.reports"
    label = "reports"
    verbose_name = _("Bilans")

    def ready(self) -> None:
        from nec.editions.audit_labels import register as register_audit_labels
        from nec.reports.audit_texts import LABELS as AUDIT_LABELS

        register_audit_labels(AUDIT_LABELS)
        from nec.editions import edition_links
        from nec.editions.orga_nav import register
        from nec.editions.permissions import ORGANISER, register_actions
        from nec.reports.documentation import sheet_initial
        from nec.resources import documentation_sources

        register_actions({"reports.manage": {ORGANISER}, "reports.publish": {ORGANISER}})
        documentation_sources.register("reports", sheet_initial)
        register("reports:team", _("Bilan"), "reports.manage", 61)
        edition_links.register(
            "reports:public",
            _("Lire le bilan"),
            visible=_published,
            order=80,
        )
