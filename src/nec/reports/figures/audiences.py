"""Audiences, from the registration questionnaire of confirmed registrations: categories,
public / private sector and the public sector's breakdown, first-timers, colleagues, geography."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nec.editions.models import Edition
from nec.editions.regions import REGIONS
from nec.registrations.models import Answer, Registration
from nec.registrations.questionnaire_fields import choices_of
from nec.reports.figures.base import Chart, Section, rows_from, share_figure
from nec.reports.geography import DEPARTEMENT_REGION
from nec.surveys.aggregates import Distribution, distribution

#: the questions the audience figures read
FIGURE_QUESTIONS = [
    "audience",
    "sector",
    "public_kind",
    "first_time",
    "with_colleagues",
    "departement",
]
QUESTIONNAIRE = gettext_lazy(
    # Translators: "%" is a percent sign. xgettext:no-python-format
    "Questionnaire d'inscription, inscriptions confirmées ; % des personnes ayant répondu."
)


#: beyond this many registrations left out, a subquery is cheaper than a literal list
MAX_LISTED_EXCLUSIONS = 2000


def _answers(edition: Edition):
    """Answers of the edition's confirmed registrations. The (few) other registrations are
    excluded rather than every answer joined to its registration."""
    not_counted = Registration.objects.filter(edition=edition).exclude(
        status=Registration.Status.CONFIRMED
    )
    # read once and given as a list: as a subquery, PostgreSQL scans the edition's registrations
    # again for each of the questions' queries
    listed = list(not_counted.values_list("pk", flat=True)[: MAX_LISTED_EXCLUSIONS + 1])
    if len(listed) > MAX_LISTED_EXCLUSIONS:
        return Answer.objects.exclude(registration_id__in=not_counted.values("pk"))
    return Answer.objects.exclude(registration_id__in=listed) if listed else Answer.objects.all()


def questionnaire_distributions(edition: Edition) -> dict[str, Distribution]:
    """question key -> Distribution of each figure's question: one grouped query per question
    (read through the question's index; one pass grouped by question and value would have to
    sort every answer of the edition)."""
    answers = _answers(edition)
    return {
        key: distribution(answers.filter(question_id=pk))
        for pk, key in edition.questions.filter(key__in=FIGURE_QUESTIONS).values_list("pk", "key")
    }


def _question(edition: Edition, key: str):
    return edition.questions.filter(key=key).first()


def _chart(edition, dists, key, title, how) -> Chart:
    question = _question(edition, key)
    if question is None:
        return Chart(
            key,
            title,
            [],
            how,
            missing=_("Le questionnaire d'inscription ne pose pas cette question."),
        )
    dist = dists.get(key, Distribution(0))
    if not dist.answered:
        return Chart(key, title, [], how, missing=_("Aucune réponse à cette question."))
    return Chart(key, title, dist.rows(choices_of(question)), how, n=dist.answered)


def audiences(edition: Edition, light: bool = False) -> Section:
    section = Section("audiences", _("Publics"))
    dists = questionnaire_distributions(edition)
    section.charts.append(
        _chart(edition, dists, "audience", _("Catégories de public"), QUESTIONNAIRE)
    )
    sector = dists.get("sector")
    section.figures.append(
        share_figure(
            "public_sector",
            _("Secteur public"),
            sector,
            ["public"],
            QUESTIONNAIRE,
            missing=_("Pas de réponse sur le secteur."),
        )
    )
    section.figures.append(
        share_figure(
            "private_sector",
            _("Secteur privé"),
            sector,
            ["private"],
            QUESTIONNAIRE,
            missing=_("Pas de réponse sur le secteur."),
        )
    )
    public_kind = dists.get("public_kind")
    how_public = _(
        "Parmi les personnes du secteur public ayant répondu (questionnaire d'inscription)."
    )
    section.figures.append(
        share_figure(
            "public_collectivites",
            _("Secteur public : collectivités"),
            public_kind,
            ["collectivite"],
            how_public,
        )
    )
    section.figures.append(
        share_figure(
            "public_etat",
            _("Secteur public : ministères et agences de l'État"),
            public_kind,
            ["etat"],
            how_public,
        )
    )
    first = dists.get("first_time")
    section.figures.append(
        share_figure("first_timers", _("Primo-participant·es"), first, ["oui"], QUESTIONNAIRE)
    )
    if not light:
        colleagues = dists.get("with_colleagues")
        section.figures.append(
            share_figure(
                "with_colleagues",
                _("Venu·es avec des collègues"),
                colleagues,
                ["oui"],
                QUESTIONNAIRE,
            )
        )
    section.charts.append(_regions(edition, dists))
    return section


def _regions(edition: Edition, dists) -> Chart:
    how = _(
        # Translators: "%" is a percent sign. xgettext:no-python-format
        "Département de la structure (questionnaire d'inscription), regroupé par région ; "
        "% des personnes ayant répondu."
    )
    title = _("Origine géographique par région")
    if _question(edition, "departement") is None:
        return Chart(
            "regions",
            title,
            [],
            how,
            kind="map",
            missing=_("Le questionnaire d'inscription ne demande pas le département."),
        )
    dist = dists.get("departement", Distribution(0))
    if not dist.answered:
        return Chart(
            "regions", title, [], how, kind="map", missing=_("Aucune réponse sur le département.")
        )
    by_region: dict[str, int] = {}
    for dep, n in dist.counts.items():
        region = DEPARTEMENT_REGION.get(dep, "")
        by_region[region] = by_region.get(region, 0) + n
    unknown = _("Autre ou inconnu")
    counts = sorted(
        ((REGIONS.get(code, unknown), n, code) for code, n in by_region.items()),
        key=lambda item: -item[1],
    )
    rows = rows_from([(label, n) for label, n, _code in counts], dist.answered)
    for row, (_label, _n, code) in zip(rows, counts, strict=True):
        row["code"] = code
    return Chart("regions", title, rows, how, n=dist.answered, kind="map")
