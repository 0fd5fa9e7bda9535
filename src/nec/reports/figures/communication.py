"""Communication and comparison: mailing figures (from the community app through
`reports.mailing` when it has them, else typed in), social networks and streams typed in by the
team with their source, and this edition beside the earlier ones of the history."""

from __future__ import annotations

from django.utils.translation import gettext as _

from nec.editions.history import comparison as history_comparison
from nec.editions.models import Edition
from nec.reports.figures.base import Figure, Section
from nec.reports.mailing import mailing_figures
from nec.reports.models import Report, TypedFigure


def communication(edition: Edition, report: Report | None) -> Section:
    section = Section("communication", _("Communication"))
    typed = list(report.typed_figures.all()) if report else []
    from_community = mailing_figures(edition)
    if from_community:
        typed = [t for t in typed if t.topic != TypedFigure.Topic.MAILING]
        for n, item in enumerate(from_community):
            section.figures.append(
                Figure(
                    f"mailing_{n}",
                    item["label"],
                    item["value"],
                    _("Statistiques d'envoi (%(source)s).") % {"source": item["source"]},
                    unit=item.get("unit", ""),
                )
            )
    for item in typed:
        value = float(item.value)
        section.figures.append(
            Figure(
                f"typed_{item.pk}",
                _("%(topic)s : %(label)s")
                % {"topic": item.get_topic_display().capitalize(), "label": item.label},
                int(value) if value.is_integer() else value,
                _("Saisi par l'équipe. Source : %(source)s") % {"source": item.source},
                unit=item.unit,
            )
        )
    if not section.figures:
        section.missing = _(
            "Aucun chiffre de communication : l'équipe peut saisir les chiffres "
            "d'e-mailing, de réseaux sociaux et de retransmission avec leur source."
        )
    return section


def comparison(edition: Edition, computed: dict[str, float | int | None]) -> Section:
    """The history's figures of the earlier national editions, and this one's computed ones."""
    section = Section("comparison", _("Comparaison avec les éditions précédentes"))
    earlier = list(
        Edition.objects.filter(kind=edition.kind, year__lt=edition.year)
        .exclude(pk=edition.pk)
        .order_by("year")
    )
    if not earlier:
        section.missing = _("Aucune édition précédente dans l'historique.")
        return section
    table = history_comparison(earlier)
    section.extra["table"] = table
    section.extra["computed"] = computed
    section.extra["earlier_reports"] = list(
        Report.objects.filter(edition__in=earlier, published_at__isnull=False)
        .select_related("edition")
        .order_by("edition__year")
    )
    return section
