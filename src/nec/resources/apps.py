"""The resources app's configuration: its actions, links in the espace organisation and the
cleanup of stored photos."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "nec.resources"
    label = "resources"
    verbose_name = _("Ressources")

    def ready(self) -> None:
        from nec.editions.audit_labels import register as register_audit_labels
        from nec.resources.audit_texts import LABELS as AUDIT_LABELS

        register_audit_labels(AUDIT_LABELS)
        from nec.core.images import delete_replaced_files
        from nec.editions import orga_links, orga_nav
        from nec.editions.permissions import (
            ORGANISER,
            PARTNER,
            SPEAKER,
            register_actions,
            register_national_actions,
        )
        from nec.resources.models import ResourceImage

        register_actions(
            {
                "resources.contribute": {ORGANISER, PARTNER, SPEAKER},
                "resources.document": {ORGANISER},
            }
        )
        register_national_actions({"resources.moderate", "resources.curate"})
        orga_nav.register("resources:orga_list", _("Ressources"), "resources.contribute", 70)
        orga_links.register(
            "resources:moderation", _("Modération des ressources"), "resources.moderate"
        )
        orga_links.register(
            "resources:orga_collections", _("Collections de ressources"), "resources.curate"
        )
        delete_replaced_files(ResourceImage, "image", "thumbnail")
