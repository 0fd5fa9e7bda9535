"""Satisfaction, from the evaluation survey's submitted answers (anonymous; any figure over
fewer than 5 answers is hidden)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nec.editions.models import Edition
from nec.registrations.questionnaire_fields import choices_of
from nec.reports.figures.base import Chart, Section, share_figure
from nec.surveys.aggregates import MIN_GROUP, distribution
from nec.surveys.defaults import LIKED
from nec.surveys.models import ResponseAnswer, SurveyQuestion
from nec.surveys.selectors import submitted_count

# Translators: "%" is a percent sign. xgettext:no-python-format
HOW = gettext_lazy("Enquête d'évaluation ; % des personnes ayant répondu à la question.")

#: (figure key, label, question key, values counted)
SHARES = [
    ("objectives_met", gettext_lazy("Objectifs atteints"), "objectives_met", ["oui"]),
    (
        "liked",
        gettext_lazy("Ont aimé l'édition (de « bien » à « géniale »)"),
        "appreciation",
        list(LIKED),
    ),
    ("great", gettext_lazy("La trouvent « géniale »"), "appreciation", ["geniale"]),
    ("programme_relevant", gettext_lazy("Programme pertinent"), "programme_relevant", ["oui"]),
    ("visit_prepared", gettext_lazy("Ont préparé leur venue"), "visit_prepared", ["oui"]),
    (
        "survey_with_colleagues",
        gettext_lazy("Venu·es avec des collègues (enquête)"),
        "with_colleagues",
        ["oui"],
    ),
    (
        "reference_event",
        gettext_lazy("NEC est l'événement de référence"),
        "reference_event",
        ["oui"],
    ),
    ("liked_city", gettext_lazy("Ont aimé la ville et le lieu"), "liked_city", ["oui"]),
]
LIGHT = {"objectives_met", "liked", "great", "programme_relevant"}


def satisfaction(edition: Edition, light: bool = False) -> Section:
    section = Section("satisfaction", _("Satisfaction"))
    questions = {q.key: q for q in SurveyQuestion.objects.filter(survey__edition=edition)}
    if not questions:
        section.missing = _("Pas d'enquête d'évaluation pour cette édition.")
        return section
    submitted = ResponseAnswer.objects.filter(
        question__survey__edition=edition, response__submitted_at__isnull=False
    )
    dists = {
        key: distribution(submitted.filter(question=q))
        for key, q in questions.items()
        if key in {s[2] for s in SHARES} | {"objectives"}
    }
    for key, label, question_key, values in SHARES:
        if light and key not in LIGHT:
            continue
        section.figures.append(
            share_figure(
                key,
                label,
                dists.get(question_key),
                values,
                HOW,
                minimum=MIN_GROUP,
                missing=_("L'enquête ne pose pas cette question."),
            )
        )
    for key, title in (
        ("objectives", _("Objectifs des participant·es (plusieurs réponses)")),
        ("appreciation", _("Appréciation générale")),
    ):
        if light and key == "objectives":
            continue
        dist, question = dists.get(key), questions.get(key)
        if key == "objectives" and dist is not None and dist.answered:
            # several choices: the share is of everyone who sent the survey, as published
            dist.answered = submitted_count(question.survey_id)
        if question is None or dist is None or dist.answered < MIN_GROUP:
            section.charts.append(
                Chart(key, title, [], HOW, missing=_("Moins de 5 réponses : répartition masquée."))
            )
        else:
            how = (
                HOW
                if key != "objectives"
                else _(
                    # Translators: "%" is a percent sign. xgettext:no-python-format
                    "Enquête d'évaluation ; % des personnes ayant envoyé l'enquête, "
                    "plusieurs choix "
                    "possibles (le total dépasse 100 %)."
                )
            )
            section.charts.append(
                Chart(key, title, dist.rows(choices_of(question)), how, n=dist.answered)
            )
    return section
