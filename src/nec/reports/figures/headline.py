"""Headline figures (registered, present, speakers, sessions and formats, private institutional
times, partners by role) and the data sources with their counts."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from nec.editions.models import Edition, Partnership
from nec.programme.models import Session, Speaker
from nec.registrations.models import Answer, Registration
from nec.reports.figures.base import Figure, Section
from nec.surveys.models import Response

ACTIVE = Session.ACTIVE_STATUSES


def registration_totals(edition: Edition) -> dict[str, int]:
    return Registration.objects.filter(
        edition=edition, status=Registration.Status.CONFIRMED
    ).aggregate(registered=Count("pk"), present=Count("pk", filter=Q(checked_in_at__isnull=False)))


def questionnaire_n(edition: Edition) -> int:
    """Confirmed registrations with at least one answer to the questionnaire."""
    return Registration.objects.filter(
        Exists(Answer.objects.filter(registration_id=OuterRef("pk"))),
        edition=edition,
        status=Registration.Status.CONFIRMED,
    ).count()


def survey_n(edition: Edition) -> tuple[int, int]:
    counts = Response.objects.filter(survey__edition=edition).aggregate(
        invited=Count("pk"), answered=Count("pk", filter=Q(submitted_at__isnull=False))
    )
    return counts["invited"], counts["answered"]


def headline(edition: Edition, totals: dict[str, int], light: bool = False) -> Section:
    registered, present = totals["registered"], totals["present"]
    figures = [
        Figure(
            "registered",
            _("Personnes inscrites"),
            registered or None,
            _(
                "Inscriptions confirmées (les annulées, en attente et non confirmées ne "
                "comptent pas)."
            ),
            n=registered,
            missing=_("Aucune inscription confirmée."),
        ),
        Figure(
            "present",
            _("Personnes présentes"),
            present or None,
            _("Inscriptions confirmées dont la présence a été pointée à l'accueil."),
            n=registered,
            missing=_("Aucune présence pointée à l'accueil."),
        ),
    ]
    sessions = Session.objects.filter(edition=edition, status__in=ACTIVE)
    counts = sessions.aggregate(
        public=Count("pk", filter=~Q(format_type__public=False)),
        private=Count("pk", filter=Q(format_type__public=False)),
    )
    figures.append(
        Figure(
            "sessions",
            _("Formats au programme"),
            counts["public"] or None,
            _("Sessions acceptées, placées ou publiées, hors temps privés institutionnels."),
            n=counts["public"],
            missing=_("Aucune session au programme."),
        )
    )
    if light:
        return Section("headline", _("Chiffres clés"), figures)
    figures.append(
        Figure(
            "private_times",
            _("Temps privés institutionnels"),
            counts["private"],
            _("Sessions dont le type de format n'est pas public."),
            n=counts["private"],
        )
    )
    speakers = (
        Speaker.objects.filter(edition=edition, session_roles__session__status__in=ACTIVE)
        .distinct()
        .count()
    )
    figures.append(
        Figure(
            "speakers",
            _("Intervenant·es"),
            speakers or None,
            _("Personnes distinctes intervenant dans au moins une session au programme."),
            n=speakers,
            missing=_("Aucun·e intervenant·e rattaché·e à une session."),
        )
    )
    roles = dict(
        Partnership.objects.filter(edition=edition)
        .order_by()
        .values("role")
        .annotate(n=Count("pk"))
        .values_list("role", "n")
    )
    total = sum(roles.values())
    figures.append(
        Figure(
            "partners",
            _("Partenaires"),
            total or None,
            _("Organisations partenaires de l'édition, tous rôles."),
            n=total,
            missing=_("Aucun partenariat enregistré."),
        )
    )
    for role, label in Partnership.Role.choices:
        if total:
            figures.append(
                Figure(
                    f"partners_{role}",
                    _("Partenaires : %(role)s") % {"role": label},
                    roles.get(role, 0),
                    _("Partenariats de l'édition ayant ce rôle."),
                    n=total,
                )
            )
    return Section("headline", _("Chiffres clés"), figures)


def sources(edition: Edition, totals: dict[str, int]) -> Section:
    invited, answered = survey_n(edition)
    q_n = questionnaire_n(edition)
    figures = [
        Figure(
            "source_questionnaire",
            _("Questionnaire d'inscription"),
            q_n or None,
            _("Personnes inscrites (confirmées) ayant répondu à au moins une question."),
            n=totals["registered"],
            missing=_("Aucune réponse au questionnaire d'inscription."),
        ),
        Figure(
            "source_survey",
            _("Enquête d'évaluation"),
            answered or None,
            _("Réponses envoyées à l'enquête d'évaluation."),
            n=invited,
            missing=_("L'enquête d'évaluation n'a pas encore de réponse."),
        ),
        Figure(
            "source_checkin",
            _("Pointage à l'accueil"),
            totals["present"] or None,
            _("Présences pointées à l'accueil."),
            n=totals["registered"],
            missing=_("Aucune présence pointée."),
        ),
    ]
    return Section("sources", _("Sources des données"), figures)
