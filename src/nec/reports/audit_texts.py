"""Labels of the reports audit codes for the journal (registered in `AppConfig.ready()`)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "reports.comment": _("Commentaire du bilan enregistré"),
    "reports.override": _("Chiffre du bilan corrigé"),
    "reports.override_removed": _("Correction d'un chiffre du bilan retirée"),
    "reports.published": _("Bilan publié"),
    "reports.typed_figure": _("Chiffre saisi dans le bilan"),
    "reports.typed_figure_removed": _("Chiffre saisi retiré du bilan"),
    "reports.unpublished": _("Bilan retiré de la publication"),
}
