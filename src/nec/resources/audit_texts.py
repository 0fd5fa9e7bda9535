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
}
