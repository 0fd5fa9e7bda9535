"""The one query module for registration and booking figures.

The team's pages, the exports and the edition report all read their figures here, so that a
number means the same thing everywhere:

- `registration_counts(edition)`: registered, pending, confirmed, waiting, cancelled, checked
  in, no-show rate;
- `answer_counts(question)` / `questionnaire_figures(edition)`: how many people gave each answer
  of a choice-like question (single, multiple, yes/no, département), with percentages;
- `session_rows(edition)` / `sessions_summary(edition)`: per session capacity, booked, offered,
  waiting, attended, fill rate, full; average fill rate, sessions full, no-show rate;
- `filter_registrations(edition, ...)`: the registrations matching answers, status and a text.

Percentages are floats in [0, 100], rounded to one decimal; None when the base is zero.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from nec.core.search import every_word
from nec.editions.models import Edition
from nec.editions.regions import DEPARTEMENT_REGION, REGIONS
from nec.programme.models import Session
from nec.registrations.models import Answer, Booking, Question, Registration
from nec.registrations.questionnaire_fields import choice_label, choices_of, shown

#: The registrations that count as "registered" in figures: confirmed ones.
COUNTED = (Registration.Status.CONFIRMED,)
CHOICE_KINDS = (
    Question.Kind.SINGLE,
    Question.Kind.MULTIPLE,
    Question.Kind.BOOLEAN,
    Question.Kind.DEPARTEMENT,
)
#: Sessions that appear in the per-session figures (besides any session holding bookings):
#: only published sessions can be booked (registrations.booking), so an accepted or placed one
#: would only drag the average fill rate down — and differ from the bookings page.
BOOKABLE_SESSION_STATUSES = (Session.Status.PUBLISHED,)


def pct(part: int | float, whole: int | float) -> float | None:
    if not whole:
        return None
    return round(100 * part / whole, 1)


# ---------------------------------------------------------------------------------------------
# Registrations


def registration_counts(edition: Edition) -> dict[str, Any]:
    """Counts by status, check-ins and the no-show rate (confirmed people not checked in, once
    check-in has started; None before)."""
    by_status = dict(
        Registration.objects.filter(edition=edition)
        .order_by()
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    confirmed = by_status.get(Registration.Status.CONFIRMED, 0)
    checked_in = Registration.objects.filter(
        edition=edition, status=Registration.Status.CONFIRMED, checked_in_at__isnull=False
    ).count()
    newsletter = Registration.objects.filter(
        edition=edition, status__in=COUNTED, newsletter_consent=True
    ).count()
    return {
        "pending": by_status.get(Registration.Status.PENDING, 0),
        "confirmed": confirmed,
        "waiting": by_status.get(Registration.Status.WAITING, 0),
        "cancelled": by_status.get(Registration.Status.CANCELLED, 0),
        "total": sum(by_status.values()),
        "registered": confirmed,
        "checked_in": checked_in,
        "no_show_rate": pct(confirmed - checked_in, confirmed) if checked_in else None,
        "newsletter": newsletter,
    }


@dataclass
class AnswerRow:
    value: str
    label: str
    count: int
    pct: float | None


@dataclass
class QuestionFigures:
    question: Question
    #: people asked (counted registrations), people who answered
    asked: int
    answered: int
    rows: list[AnswerRow] = field(default_factory=list)

    @property
    def label(self) -> str:
        return shown(self.question.label)

    @property
    def multiple(self) -> bool:
        return self.question.kind == Question.Kind.MULTIPLE

    @property
    def by_region(self) -> list[AnswerRow]:
        """For the département question: the same people per région (a table of 18 rows rather
        than up to 101), most frequent first; other answers are left out."""
        if self.question.kind != Question.Kind.DEPARTEMENT:
            return []
        counts: Counter[str] = Counter()
        for row in self.rows:
            region = DEPARTEMENT_REGION.get(row.value)
            if region:
                counts[region] += row.count
        return [
            AnswerRow(code, REGIONS[code], count, pct(count, self.answered))
            for code, count in counts.most_common()
        ]


def _key(value: Any) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    return str(value)


def answer_counts(
    question: Question, statuses: Iterable[str] = COUNTED, *, registrations: QuerySet | None = None
) -> QuestionFigures:
    """People per answer of a choice-like question, among registrations in `statuses` (or the
    given `registrations`). Percentages are of the people who answered; for a multiple-choice
    question they add up to more than 100."""
    if registrations is None:
        registrations = Registration.objects.filter(
            edition_id=question.edition_id, status__in=list(statuses)
        )
    values = list(
        Answer.objects.filter(question=question, registration__in=registrations).values_list(
            "value", flat=True
        )
    )
    counter: Counter[str] = Counter()
    answered = 0
    for value in values:
        if value in (None, "", []):
            continue
        answered += 1
        for item in value if isinstance(value, list) else [value]:
            counter[_key(item)] += 1
    rows = []
    known = choices_of(question)
    for value, label in known:
        if question.kind == Question.Kind.DEPARTEMENT and not counter.get(value):
            continue  # 101 départements: only list those that occur
        rows.append(AnswerRow(value, label, counter.get(value, 0), pct(counter[value], answered)))
    known_values = {v for v, _label in known}
    for value, count in counter.most_common():
        if value not in known_values:  # answers to choices since removed
            rows.append(AnswerRow(value, value, count, pct(count, answered)))
    if question.kind == Question.Kind.DEPARTEMENT:
        rows.sort(key=lambda row: -row.count)
    return QuestionFigures(question, registrations.count(), answered, rows)


def questionnaire_figures(
    edition: Edition, *, include_team_only: bool = True, statuses: Iterable[str] = COUNTED
) -> list[QuestionFigures]:
    """`answer_counts` for every choice-like question of the edition, in order."""
    questions = edition.questions.filter(kind__in=CHOICE_KINDS)
    if not include_team_only:
        questions = questions.filter(team_only=False)
    return [answer_counts(question, statuses) for question in questions]


def share(edition: Edition, key: str, value: Any, statuses: Iterable[str] = COUNTED):
    """Percentage of the people who answered question `key` with `value` (e.g. sector=public);
    None when the question does not exist or nobody answered."""
    question = edition.questions.filter(key=key).first()
    if question is None:
        return None
    figures = answer_counts(question, statuses)
    wanted = _key(value)
    return next((row.pct for row in figures.rows if row.value == wanted), 0.0)


# ---------------------------------------------------------------------------------------------
# Sessions


@dataclass
class SessionFigures:
    session: Session
    capacity: int | None
    booked: int  # confirmed seats
    offered: int  # seats offered to the waiting list, held until the offer ends
    waiting: int
    attended: int

    @property
    def taken(self) -> int:
        return self.booked + self.offered

    @property
    def places_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(0, self.capacity - self.taken)

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.taken >= self.capacity

    @property
    def fill_rate(self) -> float | None:
        return pct(self.booked, self.capacity) if self.capacity else None

    @property
    def no_show_rate(self) -> float | None:
        """Booked people who did not come, once attendance was taken at this session."""
        return pct(self.booked - self.attended, self.booked) if self.attended else None


def session_rows(edition: Edition, sessions: QuerySet | None = None) -> list[SessionFigures]:
    """Per-session booking figures, in programme order, from Booking rows."""
    if sessions is None:
        sessions = Session.objects.filter(edition=edition)
    sessions = (
        sessions.select_related("published_room", "published_slot", "format_type", "track")
        .annotate(
            n_booked=Count("bookings", filter=Q(bookings__status=Booking.Status.CONFIRMED)),
            n_offered=Count("bookings", filter=Q(bookings__status=Booking.Status.OFFERED)),
            n_waiting=Count("bookings", filter=Q(bookings__status=Booking.Status.WAITING)),
            n_attended=Count(
                "bookings",
                filter=Q(
                    bookings__status=Booking.Status.CONFIRMED, bookings__attended_at__isnull=False
                ),
            ),
            n_all=Count("bookings"),
        )
        # Same sessions as the booking pages: published public ones (private institutional times
        # are not booked online), plus any session that still holds bookings.
        .filter(
            (Q(status__in=BOOKABLE_SESSION_STATUSES) & ~Q(format_type__public=False))
            | Q(n_all__gt=0)
        )
        .order_by("published_slot__start", "published_room__position", "title")
    )
    return [
        SessionFigures(
            session=s,
            capacity=s.capacity,
            booked=s.n_booked,
            offered=s.n_offered,
            waiting=s.n_waiting,
            attended=s.n_attended,
        )
        for s in sessions
    ]


def sessions_summary(edition: Edition, rows: list[SessionFigures] | None = None) -> dict:
    """Edition-wide session figures: sessions, full sessions, average fill rate (mean of the
    fill rates of sessions with a capacity), seats booked, waiting, attended, no-show rate."""
    rows = session_rows(edition) if rows is None else rows
    with_capacity = [row for row in rows if row.capacity]
    rates = [row.fill_rate for row in with_capacity if row.fill_rate is not None]
    booked = sum(row.booked for row in rows)
    attended = sum(row.attended for row in rows)
    tracked = [row for row in rows if row.attended]
    tracked_booked = sum(row.booked for row in tracked)
    return {
        "sessions": len(rows),
        "sessions_with_capacity": len(with_capacity),
        "full": sum(1 for row in rows if row.is_full),
        "average_fill_rate": round(sum(rates) / len(rates), 1) if rates else None,
        "capacity": sum(row.capacity for row in with_capacity),
        "booked": booked,
        "offered": sum(row.offered for row in rows),
        "waiting": sum(row.waiting for row in rows),
        "attended": attended,
        "no_show_rate": pct(tracked_booked - attended, tracked_booked) if tracked else None,
    }


# ---------------------------------------------------------------------------------------------
# Filtering registrations (team list, exports)


def _matches(value: Any, wanted: str) -> bool:
    if value is None:
        return False
    if isinstance(value, list):
        return wanted in [_key(v) for v in value]
    return _key(value) == wanted


def filter_registrations(
    edition: Edition,
    *,
    answers: dict[str, str] | None = None,
    status: str = "",
    text: str = "",
    base: QuerySet | None = None,
) -> QuerySet:
    """Registrations of the edition whose answer to each question key in `answers` equals the
    value (a choice value, "oui"/"non", a département code; for a multiple-choice question:
    one of the chosen values; for text: contains it), with `status` if given and `text` in the
    name, e-mail or organisation."""
    qs = base if base is not None else Registration.objects.filter(edition=edition)
    if status:
        qs = qs.filter(status=status)
    if text:
        qs = qs.filter(every_word(text, "first_name", "last_name", "email", "organisation"))
    questions = {q.key: q for q in edition.questions.all()}
    for key, wanted in (answers or {}).items():
        question = questions.get(key)
        if question is None or wanted in (None, ""):
            continue
        pairs = Answer.objects.filter(question=question).values_list("registration_id", "value")
        if question.kind in (Question.Kind.TEXT, Question.Kind.NUMBER):
            ids = [rid for rid, value in pairs if wanted.lower() in str(value).lower()]
        else:
            ids = [rid for rid, value in pairs if _matches(value, str(wanted))]
        qs = qs.filter(pk__in=ids)
    return qs


def answer_table(registrations: QuerySet, questions: list[Question]) -> dict[int, dict[str, str]]:
    """registration id -> {question key: readable answer}, for lists and exports."""
    by_id = {q.pk: q for q in questions}
    table: dict[int, dict[str, str]] = {}
    rows = Answer.objects.filter(
        registration__in=registrations, question_id__in=list(by_id)
    ).values_list("registration_id", "question_id", "value")
    for rid, qid, value in rows:
        question = by_id[qid]
        table.setdefault(rid, {})[question.key] = choice_label(question, value)
    return table
