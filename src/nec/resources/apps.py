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
        from nec.editions import audit_labels, orga_links, orga_nav
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
        register_national_actions({"resources.moderate"})
        register_national_actions({"resources.curate"})
        orga_nav.register("resources:orga_list", _("Ressources"), "resources.contribute", 70)
        orga_links.register(
            "resources:moderation", _("Modération des ressources"), "resources.moderate"
        )
        orga_links.register(
            "resources:orga_collections", _("Collections de ressources"), "resources.curate"
        )
        audit_labels.register(
            {
                "resources.collection_created": _("Collection de ressources créée"),
                "resources.collection_updated": _("Collection de ressources modifiée"),
                "resources.collection_deleted": _("Collection de ressources supprimée"),
                "resources.collection_item_added": _("Ressource ajoutée à une collection"),
                "resources.collection_item_removed": _("Ressource retirée d'une collection"),
                "resources.collection_item_moved": _("Ressource déplacée dans une collection"),
            }
        )
        delete_replaced_files(ResourceImage, "image", "thumbnail")
