"""Every change to a survey: creating it with its default questions, the team's editing of its
questions (within `question_rules`), its settings, sending the invitations (a background task
e-mails them), the one reminder, and saving a person's answers while the survey is open. Each runs
in a transaction and leaves an audit entry."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from nec.core import audit
from nec.editions.models import Edition
from nec.programme.models import Session
from nec.registrations.configuration import next_position, reorder
from nec.registrations.models import Booking, Registration
from nec.surveys.defaults import default_questions
from nec.surveys.models import Response, ResponseAnswer, SessionFeedback, Survey, SurveyQuestion
from nec.surveys.question_rules import fits, refusals


class SurveyError(Exception):
    """A refused change; `str(error)` is the French message to show."""


def get_survey(edition: Edition) -> Survey:
    """The edition's survey, created with the default questions the first time."""
    survey = Survey.objects.filter(edition=edition).first()
    if survey is not None:
        return survey
    with transaction.atomic():
        survey, created = Survey.objects.get_or_create(edition=edition)
        if created:
            _create_defaults(survey)
    return survey


def lock_survey(survey: Survey) -> Survey:
    """Lock the survey's row (inside a transaction): taken by every change of its questions and
    every saving of answers, so that an answer is never stored against a question being changed."""
    return Survey.objects.select_for_update().get(pk=survey.pk)


def _create_defaults(survey: Survey) -> None:
    SurveyQuestion.objects.bulk_create(
        SurveyQuestion(survey=survey, position=n * 10, **spec)
        for n, spec in enumerate(default_questions(), start=1)
    )


def save_question(survey: Survey, question: SurveyQuestion, *, actor) -> SurveyQuestion:
    """Add or change a question of the survey, refusing (SurveyError) what `question_rules`
    forbids, checked on the locked stored question."""
    creating = question.pk is None
    question.survey = survey
    with transaction.atomic():
        lock_survey(survey)
        if creating:
            before, answers = None, 0
            if not question.position:
                question.position = next_position(survey.questions.all())
        else:
            before = SurveyQuestion.objects.select_for_update().get(pk=question.pk, survey=survey)
            answers = before.answers.count()
        refused = refusals(before, question, answers)
        if refused:
            raise SurveyError(next(iter(refused.values())))
        question.full_clean()
        question.save()
        audit.record(
            actor,
            "surveys.question_added" if creating else "surveys.question_changed",
            question,
            edition=survey.edition,
            key=question.key,
            answers=answers,
        )
    return question


def delete_question(question: SurveyQuestion, *, actor) -> None:
    """Remove a question that has no answer yet (one with answers is kept: SurveyError)."""
    with transaction.atomic():
        lock_survey(question.survey)
        question = SurveyQuestion.objects.select_for_update().get(pk=question.pk)
        if question.answers.exists():
            raise SurveyError(
                "Cette question a déjà des réponses : elle ne peut plus être supprimée. "
                "Rendez-la facultative si vous ne voulez plus la poser avec insistance."
            )
        survey = question.survey
        audit.record(
            actor, "surveys.question_deleted", question, edition=survey.edition, key=question.key
        )
        question.delete()


def move_question(question: SurveyQuestion, direction: int, *, actor) -> None:
    """Move a question one place up (direction -1) or down (+1)."""
    with transaction.atomic():
        survey = question.survey
        if reorder(survey.questions.all(), question, direction):
            audit.record(
                actor, "surveys.question_moved", question, edition=survey.edition, by=direction
            )


def restore_defaults(survey: Survey, *, actor) -> None:
    """Replace the questions by the default ones, only while no one has answered."""
    with transaction.atomic():
        lock_survey(survey)
        if ResponseAnswer.objects.filter(question__survey=survey).exists():
            raise SurveyError(
                "Des personnes ont déjà répondu : rétablir les questions par défaut effacerait "
                "leurs réponses. Modifiez plutôt les questions une à une."
            )
        survey.questions.all().delete()
        _create_defaults(survey)
        audit.record(actor, "surveys.questions_restored", survey, edition=survey.edition)


def is_open(survey: Survey, now=None) -> bool:
    now = now or timezone.now()
    return survey.sent_at is not None and (survey.closes_at is None or now < survey.closes_at)


def update_settings(
    survey: Survey, *, audience: str, closes_at, actor, automatic: bool | None = None
) -> Survey:
    with transaction.atomic():
        survey.audience = audience
        survey.closes_at = closes_at
        if automatic is not None:
            survey.automatic = automatic
        survey.save(update_fields=["audience", "closes_at", "automatic"])
        audit.record(
            actor,
            "surveys.settings",
            survey,
            edition=survey.edition,
            audience=audience,
            automatic=survey.automatic,
        )
    return survey


def recipients(survey: Survey):
    """The registrations the survey is sent to, as the team chose."""
    people = Registration.objects.filter(
        edition=survey.edition, status=Registration.Status.CONFIRMED
    )
    if survey.audience == Survey.Audience.CHECKED_IN:
        people = people.filter(checked_in_at__isnull=False)
    return people


def send(survey: Survey, *, actor) -> int:
    """Invite every recipient not invited yet (the e-mails go out in a background task); returns
    how many were added."""
    from nec.surveys.tasks import send_invitations

    edition = survey.edition
    if edition.end_date and edition.end_date > timezone.localdate():
        raise SurveyError("L'enquête s'envoie après l'événement.")
    if survey.closes_at and survey.closes_at <= timezone.now():
        raise SurveyError("L'enquête est close : reportez sa date de clôture pour l'envoyer.")
    with transaction.atomic():
        already = Response.objects.filter(survey=survey).values("registration_id")
        new = recipients(survey).exclude(pk__in=already).values_list("pk", flat=True)
        added = Response.objects.bulk_create(
            [Response(survey=survey, registration_id=pk) for pk in new.iterator()], batch_size=1000
        )
        if survey.sent_at is None:
            survey.sent_at = timezone.now()
            survey.save(update_fields=["sent_at"])
        audit.record(actor, "surveys.sent", survey, edition=edition, invited=len(added))
    send_invitations.enqueue(survey.pk)
    return len(added)


def remind(survey: Survey, *, actor) -> None:
    """The one reminder, to the people who have not answered (sent in a background task)."""
    from nec.surveys.tasks import send_reminder

    if survey.sent_at is None:
        raise SurveyError("Envoyez d'abord l'enquête.")
    if survey.reminded_at is not None:
        raise SurveyError("La relance a déjà été envoyée (une seule relance).")
    if not is_open(survey):
        raise SurveyError("L'enquête est close.")
    with transaction.atomic():
        survey.reminded_at = timezone.now()
        survey.save(update_fields=["reminded_at"])
        audit.record(actor, "surveys.reminded", survey, edition=survey.edition)
    send_reminder.enqueue(survey.pk)


REMIND_AFTER = timedelta(days=7)
#: an edition ended longer ago than this is never sent automatically: the team decides
AUTOMATIC_WITHIN = timedelta(days=30)


def automatic_date(survey: Survey) -> date | None:
    """When the daily job will send this survey by itself (None: it will not)."""
    end = survey.edition.end_date
    today = timezone.localdate()
    if not survey.automatic or survey.sent_at is not None or end is None:
        return None
    if end < today - AUTOMATIC_WITHIN:
        return None
    return max(end + timedelta(days=1), today)


def run_automatic(today: date | None = None) -> dict[str, int]:
    """Daily: send the survey of every published edition that ended before `today` (its survey
    created with the defaults if needed), and remind once, a week after sending, who has not
    answered; each edition whose team turned the automatic sending off is left alone. An edition
    ended more than a month ago is never sent automatically (the team decides)."""
    today = today or timezone.localdate()
    done = {"sent": 0, "reminded": 0}
    ended = Edition.objects.filter(
        status=Edition.Status.PUBLISHED,
        end_date__lt=today,
        end_date__gte=today - AUTOMATIC_WITHIN,
    ).exclude(survey__automatic=False)
    for edition in ended.exclude(survey__sent_at__isnull=False):
        survey = get_survey(edition)
        if survey.closes_at and survey.closes_at <= timezone.now():
            continue
        if recipients(survey).exists():
            send(survey, actor=None)
            done["sent"] += 1
    due = Survey.objects.filter(
        automatic=True,
        sent_at__lte=timezone.now() - REMIND_AFTER,
        reminded_at__isnull=True,
        edition__end_date__gte=today - timedelta(days=60),
    ).select_related("edition")
    for survey in due:
        if is_open(survey):
            remind(survey, actor=None)
            done["reminded"] += 1
    return done


def feedback_sessions(registration: Registration):
    """The sessions a person booked (seat confirmed) or attended, in programme order."""
    return (
        Session.objects.filter(
            Q(bookings__registration=registration)
            & (
                Q(bookings__status=Booking.Status.CONFIRMED)
                | Q(bookings__attended_at__isnull=False)
            )
        )
        .distinct()
        .select_related("published_slot", "format_type")
        .order_by("published_slot__start", "title")
    )


def save_response(
    response: Response,
    answers: dict[str, Any],
    feedback: dict[int, tuple[int | None, str]],
) -> Response:
    """Store a person's answers (replacing earlier ones) while the survey is open. `answers`:
    question key -> stored value; `feedback`: session id -> (rating or None, comment)."""
    survey = response.survey
    if not is_open(survey):
        raise SurveyError("L'enquête est close : vos réponses ne peuvent plus être modifiées.")
    allowed_sessions = set(feedback_sessions(response.registration).values_list("pk", flat=True))
    with transaction.atomic():
        # The survey's row orders answers and the team's question changes: the questions read
        # below are those the answers are stored against, and a change waits for this to end.
        lock_survey(survey)
        questions = {q.key: q for q in survey.questions.all()}
        if any(
            value is not None and key in questions and not fits(questions[key], value)
            for key, value in answers.items()
        ):
            raise SurveyError(
                "Les questions de l'enquête viennent d'être modifiées : relisez vos réponses et "
                "renvoyez-les."
            )
        response = Response.objects.select_for_update().get(pk=response.pk)
        ResponseAnswer.objects.filter(response=response).delete()
        ResponseAnswer.objects.bulk_create(
            ResponseAnswer(response=response, question=questions[key], value=value)
            for key, value in answers.items()
            if key in questions and value is not None
        )
        SessionFeedback.objects.filter(response=response).delete()
        SessionFeedback.objects.bulk_create(
            SessionFeedback(response=response, session_id=pk, rating=rating, comment=comment)
            for pk, (rating, comment) in feedback.items()
            if pk in allowed_sessions and (rating or comment)
        )
        first = response.submitted_at is None
        response.submitted_at = response.submitted_at or timezone.now()
        response.save(update_fields=["submitted_at", "updated_at"])
        # The audit names the survey, not the person: answers stay anonymous to the team.
        audit.record(
            None,
            "surveys.answered" if first else "surveys.answer_changed",
            survey,
            edition=survey.edition,
        )
    return response
