"""The charter engine: the programme rules of the NEC charter, checked on sessions and editions.

Pure functions over already-loaded objects, reused by the espace organisation, the publishing
service and (later) the reports. One hard rule today: no panel made only of men can be published
(a session with two or more speakers who ALL declared "homme"). Genders are self-declared and
optional: a speaker who did not answer (or chose not to) is counted apart and never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nec.editions.models import Edition
from nec.programme.models import Session, SessionSpeaker, Speaker

ERROR = "error"
WARNING = "warning"

#: target share of women among speakers whose gender is declared
PARITY_TARGET = 0.5

#: genders that count as "declared" for the parity share
DECLARED = (Speaker.Gender.FEMME, Speaker.Gender.HOMME, Speaker.Gender.NON_BINAIRE)


@dataclass(frozen=True)
class Issue:
    level: str  # ERROR blocks publication, WARNING is shown only
    code: str
    message: str

    @property
    def is_blocking(self) -> bool:
        return self.level == ERROR


def _speakers_of(session: Session) -> list[Speaker]:
    """The session's speakers, using a `speaker_roles` prefetch when there is one."""
    return [role.speaker for role in session.speaker_roles.all()]


def is_undeclared(speaker: Speaker) -> bool:
    return speaker.gender not in DECLARED


def session_issues(session: Session) -> list[Issue]:
    """What the charter says about one session (errors first)."""
    speakers = _speakers_of(session)
    issues: list[Issue] = []
    if len(speakers) >= 2 and all(s.gender == Speaker.Gender.HOMME for s in speakers):
        issues.append(
            Issue(
                ERROR,
                "all_male_panel",
                _(
                    "Panel exclusivement masculin : les %(count)d intervenant·es de « %(title)s » "
                    "se sont tous déclarés hommes. La charte interdit de publier un tel panel ; "
                    "invitez au moins une intervenante ou un·e intervenant·e non-binaire."
                )
                % {"count": len(speakers), "title": session.title},
            )
        )
    undeclared = sum(1 for s in speakers if is_undeclared(s))
    if undeclared and len(speakers) >= 2:
        issues.append(
            Issue(
                WARNING,
                "undeclared_gender",
                ngettext(
                    "%(count)d intervenant·e n'a pas déclaré de genre : la parité de cette "
                    "session ne peut pas être vérifiée entièrement.",
                    "%(count)d intervenant·es n'ont pas déclaré de genre : la parité de cette "
                    "session ne peut pas être vérifiée entièrement.",
                    undeclared,
                )
                % {"count": undeclared},
            )
        )
    return issues


def blocking_issues(sessions: Iterable[Session]) -> list[tuple[Session, Issue]]:
    """The hard rule violations among `sessions` (prefetch speaker_roles__speaker)."""
    return [
        (session, issue)
        for session in sessions
        for issue in session_issues(session)
        if issue.is_blocking
    ]


def without_blocking_issues(queryset: QuerySet[Session]) -> QuerySet[Session]:
    """`queryset` without the sessions breaking a hard rule, as a database filter (the same
    rule as `session_issues`: two or more speakers who all declared "homme")."""
    roles = SessionSpeaker.objects.filter(session=OuterRef("pk")).order_by()
    speakers = Subquery(
        roles.values("session").annotate(n=Count("pk")).values("n")[:1],
        output_field=IntegerField(),
    )
    return queryset.alias(
        charter_speakers=Coalesce(speakers, 0),
        charter_not_man=Exists(roles.exclude(speaker__gender=Speaker.Gender.HOMME)),
    ).exclude(charter_speakers__gte=2, charter_not_man=False)


def with_speakers(queryset: QuerySet[Session]) -> QuerySet[Session]:
    """`queryset` with what the charter needs prefetched."""
    return queryset.select_related("format_type").prefetch_related(
        Prefetch(
            "speaker_roles",
            queryset=SessionSpeaker.objects.select_related("speaker"),
        ),
        "partners",
    )


def programme_sessions(edition: Edition) -> QuerySet[Session]:
    """The sessions that make the programme of `edition` (accepted, placed or published)."""
    return with_speakers(
        Session.objects.filter(edition=edition, status__in=Session.ACTIVE_STATUSES)
    ).order_by("title")


@dataclass
class SessionCheck:
    session: Session
    issues: list[Issue]

    @property
    def blocking(self) -> bool:
        return any(issue.is_blocking for issue in self.issues)


@dataclass
class CharterReport:
    """The charter figures of an edition's programme."""

    sessions: int = 0
    speakers: int = 0
    women: int = 0
    men: int = 0
    non_binary: int = 0
    undeclared: int = 0
    participatory: int = 0
    with_format: int = 0
    co_designed: int = 0
    checks: list[SessionCheck] = field(default_factory=list)

    @property
    def declared(self) -> int:
        return self.women + self.men + self.non_binary

    @property
    def share_women(self) -> float | None:
        """Women among speakers who declared a gender (undeclared ones are counted apart)."""
        return self.women / self.declared if self.declared else None

    @property
    def parity_reached(self) -> bool:
        return self.share_women is not None and self.share_women >= PARITY_TARGET

    @property
    def share_participatory(self) -> float | None:
        return self.participatory / self.with_format if self.with_format else None

    @property
    def share_co_designed(self) -> float | None:
        return self.co_designed / self.sessions if self.sessions else None

    @property
    def blocking(self) -> list[SessionCheck]:
        return [check for check in self.checks if check.blocking]

    @property
    def warnings(self) -> list[SessionCheck]:
        return [check for check in self.checks if not check.blocking]

    @property
    def can_publish(self) -> bool:
        return not self.blocking


def report(sessions: Iterable[Session]) -> CharterReport:
    """Charter figures over `sessions` (use `programme_sessions(edition)`); each speaker counts
    once however many sessions they speak in."""
    result = CharterReport()
    speakers: dict[int, Speaker] = {}
    for session in sessions:
        result.sessions += 1
        if session.format_type_id:
            result.with_format += 1
            if session.format_type.participatory:
                result.participatory += 1
        if session.partners.all():
            result.co_designed += 1
        for speaker in _speakers_of(session):
            speakers[speaker.pk] = speaker
        issues = session_issues(session)
        if issues:
            result.checks.append(SessionCheck(session, issues))
    result.speakers = len(speakers)
    for speaker in speakers.values():
        if speaker.gender == Speaker.Gender.FEMME:
            result.women += 1
        elif speaker.gender == Speaker.Gender.HOMME:
            result.men += 1
        elif speaker.gender == Speaker.Gender.NON_BINAIRE:
            result.non_binary += 1
        else:
            result.undeclared += 1
    result.checks.sort(key=lambda check: (not check.blocking, check.session.title))
    return result


def edition_report(edition: Edition) -> CharterReport:
    return report(programme_sessions(edition))
