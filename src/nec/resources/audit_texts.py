"""Labels of the resources audit codes for the journal (registered in `AppConfig.ready()`)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "resources.change": _("Ressource modifiée"),
    "resources.image_add": _("Image ajoutée à une ressource"),
    "resources.image_remove": _("Image retirée d'une ressource"),
    "resources.publish": _("Ressource publiée"),
    "resources.submit": _("Ressource envoyée pour relecture"),
    "resources.refuse": _("Ressource refusée"),
    "resources.request_changes": _("Modifications demandées sur une ressource"),
    "resources.collection_created": _("Collection de ressources créée"),
    "resources.collection_updated": _("Collection de ressources modifiée"),
    "resources.collection_deleted": _("Collection de ressources supprimée"),
    "resources.collection_item_added": _("Ressource ajoutée à une collection"),
    "resources.collection_item_removed": _("Ressource retirée d'une collection"),
    "resources.collection_item_moved": _("Ressource déplacée dans une collection"),
}
