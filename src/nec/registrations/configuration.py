"""The team's set-up of an edition's registrations: its settings (opening, capacity, booking
dates, waiting-list mode) and its questionnaire (add, change, delete and order questions)."""

from typing import Any

from django.db import models, transaction

from nec.accounts.models import User
from nec.core import audit
from nec.editions.models import Edition
from nec.registrations.confirmation import promote_waiting
from nec.registrations.edition_settings import lock_settings
from nec.registrations.models import Question, RegistrationSettings

# ---------------------------------------------------------------------------------------------
# Settings


def update_settings(edition: Edition, *, actor: User | None, **values: Any) -> RegistrationSettings:
    """Change the edition's settings (audited); more room lets people in from the waiting list."""
    with transaction.atomic():
        row = lock_settings(edition)
        before = {name: getattr(row, name) for name in values}
        for name, value in values.items():
            setattr(row, name, value)
        row.full_clean()
        row.save()
        changed = {k: [before[k], v] for k, v in values.items() if before[k] != v}
        audit.record(actor, "registrations.settings_changed", row, edition=edition, **changed)
        # More room: let people in from the waiting list.
        promote_waiting(edition, actor=actor)
    return row


# ---------------------------------------------------------------------------------------------
# Questionnaire


def next_position(questions: models.QuerySet) -> int:
    """The position after the last of `questions` (the questions of one questionnaire)."""
    last = questions.order_by("-position").values_list("position", flat=True).first()
    return (last or 0) + 10


def reorder(questions: models.QuerySet, question, direction: int) -> bool:
    """Swap `question` with its neighbour above (direction -1) or below (+1) among `questions`
    (one questionnaire, any model with a `position`), renumbering them by tens. Call inside a
    transaction; returns False when there is no neighbour that way."""
    rows = list(questions.select_for_update().order_by("position", "id"))
    index = next(i for i, q in enumerate(rows) if q.pk == question.pk)
    other = index + direction
    if other < 0 or other >= len(rows):
        return False
    rows[index], rows[other] = rows[other], rows[index]
    for position, item in enumerate(rows, start=1):
        if item.position != position * 10:
            item.position = position * 10
            item.save(update_fields=["position"])
    return True


def save_question(edition: Edition, question: Question, *, actor: User | None) -> Question:
    """Create or update a question of the edition's questionnaire."""
    creating = question.pk is None
    question.edition = edition
    if creating and not question.position:
        question.position = next_position(edition.questions.all())
    with transaction.atomic():
        question.full_clean()
        question.save()
        audit.record(
            actor,
            "registrations.question_added" if creating else "registrations.question_changed",
            question,
            edition=edition,
            key=question.key,
        )
    return question


def delete_question(question: Question, *, actor: User | None) -> int:
    """Delete a question and its answers; returns how many answers went with it."""
    with transaction.atomic():
        answers = question.answers.count()
        audit.record(
            actor,
            "registrations.question_deleted",
            question,
            edition=question.edition,
            key=question.key,
            answers=answers,
        )
        question.delete()
    return answers


def move_question(question: Question, direction: int, *, actor: User | None) -> None:
    """Swap the question with its neighbour above (direction -1) or below (+1)."""
    with transaction.atomic():
        if not reorder(question.edition.questions.all(), question, direction):
            return
        audit.record(
            actor, "registrations.question_moved", question, edition=question.edition, by=direction
        )
