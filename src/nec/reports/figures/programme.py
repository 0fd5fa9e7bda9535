"""Programme (share by track and theme, count by format, co-designed with partners, women among
speakers) and attendance (fill rate over the simultaneous slots, full sessions, no-shows, people
who attended more than 5 formats, best-rated sessions)."""

from __future__ import annotations

from django.db.models import Count, F, IntegerField, Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nec.editions.models import Edition
from nec.programme.models import Session, Speaker
from nec.registrations.models import Booking
from nec.registrations.stats import pct
from nec.reports.figures.base import Chart, Figure, Section, rows_from
from nec.surveys.aggregates import MIN_GROUP, number_summary, session_ratings
from nec.surveys.models import ResponseAnswer, SessionFeedback

ACTIVE = Session.ACTIVE_STATUSES
# Translators: "%" is a percent sign. xgettext:no-python-format
OF_SESSIONS = gettext_lazy("% des sessions au programme (hors temps privés institutionnels).")


def _count_by(sessions, field: str) -> list[tuple[str | None, int]]:
    """(value of `field`, number of sessions), most frequent first."""
    return list(
        sessions.order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list(field, "n")
    )


def _sessions(edition: Edition):
    return Session.objects.filter(edition=edition, status__in=ACTIVE).exclude(
        format_type__public=False
    )


def programme(edition: Edition, light: bool = False) -> Section:
    section = Section("programme", _("Programme"))
    sessions = _sessions(edition)
    total = sessions.count()
    if not total:
        section.missing = _("Aucune session au programme : rien à répartir.")
        return section
    by_format = _count_by(sessions, "format_type__name")
    section.charts.append(
        Chart(
            "formats",
            _("Formats"),
            rows_from([(name or _("Sans format"), n) for name, n in by_format], total),
            _("Nombre de sessions par type de format."),
            n=total,
            count_label=_("Sessions"),
        )
    )
    if light:
        return section
    by_track = _count_by(sessions, "track__name")
    section.charts.append(
        Chart(
            "tracks",
            _("Parcours"),
            rows_from([(name or _("Sans parcours"), n) for name, n in by_track], total),
            OF_SESSIONS,
            n=total,
            count_label=_("Sessions"),
        )
    )
    by_theme = _count_by(sessions.filter(themes__isnull=False), "themes__name")
    section.charts.append(
        Chart(
            "themes",
            _("Thèmes"),
            rows_from(by_theme, total),
            " ".join((str(OF_SESSIONS), _("Une session peut relever de plusieurs thèmes."))),
            n=total,
            count_label=_("Sessions"),
            missing="" if by_theme else _("Aucune session n'est rattachée à un thème."),
        )
    )
    partners = sessions.annotate(n_partners=Count("partners")).aggregate(
        one=Count("pk", filter=Q(n_partners__gte=1)),
        several=Count("pk", filter=Q(n_partners__gte=2)),
    )
    section.figures.append(
        Figure(
            "co_designed",
            _("Formats co-construits avec des partenaires"),
            pct(partners["one"], total),
            # Translators: "%" is a percent sign. xgettext:no-python-format
            _("Sessions ayant au moins une organisation partenaire, % des sessions."),
            n=total,
            unit="%",
        )
    )
    section.figures.append(
        Figure(
            "co_designed_several",
            _("dont avec plusieurs partenaires"),
            pct(partners["several"], partners["one"]),
            _("Parmi les sessions co-construites, celles qui ont au moins deux partenaires."),
            n=partners["one"],
            unit="%",
            missing=_("Aucune session co-construite."),
        )
    )
    speakers = Speaker.objects.filter(
        pk__in=Speaker.objects.filter(edition=edition, session_roles__session__in=sessions).values(
            "pk"
        )
    )
    genders = dict(
        speakers.order_by().values("gender").annotate(n=Count("pk")).values_list("gender", "n")
    )
    declared = sum(n for g, n in genders.items() if g in ("femme", "homme", "non_binaire"))
    section.figures.append(
        Figure(
            "women_speakers",
            _("Part de femmes parmi les intervenant·es"),
            pct(genders.get("femme", 0), declared) if declared >= MIN_GROUP else None,
            _(
                # Translators: "%" is a percent sign. xgettext:no-python-format
                "Genre déclaré par les intervenant·es (facultatif) ; "
                "% de celles et ceux qui l'ont déclaré."
            ),
            n=declared,
            unit="%",
            missing=_("Moins de 5 intervenant·es ont déclaré leur genre."),
        )
    )
    return section


def _slot_fill(edition: Edition) -> tuple[float | None, int, int, int]:
    """(average fill rate over the simultaneous slots, number of such slots, full sessions,
    sessions with a capacity). Seats and bookings are counted per session in SQL; the few
    per-session rows are then grouped by slot."""
    rows = (
        _sessions(edition)
        .annotate(
            # the published place when there is one, else the grid's (a past edition whose
            # programme was never published on the platform)
            at_slot=Coalesce("published_slot", "slot"),
            seats=Coalesce(
                "capacity_override",
                F("published_room__capacity"),
                F("room__capacity"),
                Value(None, output_field=IntegerField()),
            ),
            booked=Count("bookings", filter=Q(bookings__status=Booking.Status.CONFIRMED)),
        )
        .filter(at_slot__isnull=False, seats__gt=0)
        .values_list("at_slot", "seats", "booked")
    )
    slots: dict[int, list[tuple[int, int]]] = {}
    for slot_id, seats, booked in rows:
        slots.setdefault(slot_id, []).append((seats, booked))
    full = sum(1 for items in slots.values() for seats, booked in items if booked >= seats)
    sessions = sum(len(items) for items in slots.values())
    parallel = [items for items in slots.values() if len(items) >= 2]
    if not parallel:
        return None, 0, full, sessions
    rates = [
        100 * sum(min(b, s) for s, b in items) / sum(s for s, _b in items) for items in parallel
    ]
    return round(sum(rates) / len(rates), 1), len(parallel), full, sessions


def attendance(edition: Edition, totals: dict[str, int], light: bool = False) -> Section:
    section = Section("attendance", _("Fréquentation"))
    fill, slots, full, with_capacity = _slot_fill(edition)
    section.figures.append(
        Figure(
            "fill_rate",
            _("Taux de remplissage moyen"),
            fill,
            _(
                "Places réservées / places offertes dans chacun des temps simultanés "
                "(créneaux d'au moins deux sessions), puis moyenne sur les %(slots)s temps "
                "simultanés."
            )
            % {"slots": slots},
            n=slots,
            unit="%",
            missing=_("Aucun créneau avec des sessions en parallèle et une jauge."),
        )
    )
    section.figures.append(
        Figure(
            "full_sessions",
            _("Sessions complètes"),
            full if with_capacity else None,
            _("Sessions dont toutes les places ont été réservées."),
            n=with_capacity,
            missing=_("Aucune session avec une jauge."),
        )
    )
    registered, present = totals["registered"], totals["present"]
    section.figures.append(
        Figure(
            "no_shows",
            _("Inscrit·es absent·es (no-show)"),
            pct(registered - present, registered) if present else None,
            # Translators: "%" is a percent sign. xgettext:no-python-format
            _("Inscriptions confirmées sans présence pointée, % des inscriptions confirmées."),
            n=registered,
            unit="%",
            missing=_("Le pointage à l'accueil n'a pas été fait."),
        )
    )
    if light:
        return section
    per_person = (
        Booking.objects.filter(session__edition=edition, attended_at__isnull=False)
        .order_by()
        .values("registration_id")
        .annotate(n=Count("pk"))
    )
    counts = per_person.aggregate(
        attendees=Count("registration_id"), many=Count("registration_id", filter=Q(n__gt=5))
    )
    attendees, many = counts["attendees"], counts["many"]
    section.figures.append(
        Figure(
            "more_than_5_checked",
            _("Ont assisté à plus de 5 formats (pointage)"),
            pct(many, attendees) if attendees else None,
            # Translators: "%" is a percent sign. xgettext:no-python-format
            _("Personnes pointées à plus de 5 sessions, % des personnes pointées à au moins une."),
            n=attendees,
            unit="%",
            missing=_("Les présences aux sessions n'ont pas été pointées."),
        )
    )
    declared = number_summary(
        ResponseAnswer.objects.filter(
            question__survey__edition=edition,
            question__key="formats_attended",
            response__submitted_at__isnull=False,
        ),
        threshold=5,
    )
    section.figures.append(
        Figure(
            "more_than_5_declared",
            _("Déclarent avoir assisté à plus de 5 formats"),
            declared["pct_above"] if declared["answered"] >= MIN_GROUP else None,
            _("Réponses à l'enquête d'évaluation (déclaratif)."),
            n=declared["answered"],
            unit="%",
            missing=_("Moins de 5 réponses à l'enquête sur ce point."),
        )
    )
    best = session_ratings(
        SessionFeedback.objects.filter(
            response__survey__edition=edition, response__submitted_at__isnull=False
        )
    )[:3]
    section.extra["best_sessions"] = best
    section.extra["best_how"] = _(
        "Note moyenne (1 à 5) donnée dans l'enquête ; seules les sessions notées par au moins "
        "5 personnes sont classées."
    )
    return section
