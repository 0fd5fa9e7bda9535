"""Read queries of the surveys: the response rate and the anonymous figures of each question
(breakdowns over fewer than `MIN_GROUP` answers are hidden)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from nec.registrations.models import Question
from nec.registrations.questionnaire_fields import choices_of
from nec.surveys.aggregates import MIN_GROUP, distribution, number_summary, pct, session_ratings
from nec.surveys.models import Response, ResponseAnswer, SessionFeedback, Survey


def response_rate(survey: Survey) -> dict[str, Any]:
    counts = Response.objects.filter(survey=survey).aggregate(
        invited=Count("pk"), answered=Count("pk", filter=Q(submitted_at__isnull=False))
    )
    return {**counts, "rate": pct(counts["answered"], counts["invited"])}


def submitted_count(survey: Survey | int) -> int:
    """The people who sent the survey (or survey id): the base of a multiple choice's shares,
    on the team page and in the bilan."""
    return Response.objects.filter(survey=survey, submitted_at__isnull=False).count()


def question_figures(survey: Survey) -> list[dict[str, Any]]:
    """One entry per question: its rows (None when hidden: fewer than MIN_GROUP answers), or for
    a free-text question its texts (shown without names, hidden under MIN_GROUP)."""
    result = []
    submitted = None  # people who sent the survey, counted once for every multiple choice
    for question in survey.questions.all():
        answers = ResponseAnswer.objects.filter(
            question=question, response__submitted_at__isnull=False
        )
        entry: dict[str, Any] = {"question": question, "rows": None, "texts": None}
        if question.kind == Question.Kind.TEXT:
            n = answers.count()
            entry["answered"] = n
            if n >= MIN_GROUP:
                entry["texts"] = list(answers.order_by("?").values_list("value", flat=True)[:50])
        elif question.kind == Question.Kind.NUMBER:
            summary = number_summary(answers, threshold=5)
            entry["answered"] = summary["answered"]
            entry["summary"] = summary if summary["answered"] >= MIN_GROUP else None
        else:
            dist = distribution(answers)
            if question.kind == Question.Kind.MULTIPLE and dist.answered:
                # several choices: shares of everyone who sent the survey, as the bilan says
                if submitted is None:
                    submitted = submitted_count(survey)
                dist.answered = submitted
            entry["answered"] = dist.answered
            if dist.answered >= MIN_GROUP:
                entry["rows"] = dist.rows(choices_of(question))
        entry["hidden"] = entry["answered"] < MIN_GROUP
        result.append(entry)
    return result


def best_sessions(survey: Survey, limit: int = 10) -> list[dict[str, Any]]:
    feedback = SessionFeedback.objects.filter(
        response__survey=survey, response__submitted_at__isnull=False
    )
    return session_ratings(feedback)[:limit]
