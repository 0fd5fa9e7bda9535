"""The follow-up of an accepted local edition: its retro-planning, generated from the event date
with the milestones of the Metz 2023 feedback, edited by its organisers, reminded by e-mail when
overdue; and its follow-up committees."""

from calendar import monthrange
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nec.core import audit
from nec.core.mail import send_templated_mail
from nec.editions.models import Edition, Membership
from nec.localeditions.models import Committee, Milestone

#: the documentation sheet is due this long after the event
DOCUMENTATION_DELAY = timedelta(days=60)
PORTEUR, TEAM = gettext_lazy("Porteur du projet"), gettext_lazy("Équipe nationale")

#: (months before the event, days after it, title, owner): the Metz 2023 retro-planning
RETRO_PLANNING = [
    (12, 0, gettext_lazy("Budget prévisionnel établi"), PORTEUR),
    (10, 0, gettext_lazy("Décision de l'instance (ex. conseil municipal)"), PORTEUR),
    (9, 0, gettext_lazy("Candidature déposée, date et lieu choisis"), PORTEUR),
    (5, 0, gettext_lazy("Comité de pilotage à 5 mois"), PORTEUR),
    (3, 0, gettext_lazy("Comité de pilotage à 3 mois"), PORTEUR),
    (2, 0, gettext_lazy("Programme arrêté (équilibre ateliers / plénières)"), PORTEUR),
    (2, 0, gettext_lazy("Campagne de mailing d'invitation"), PORTEUR),
    (2, 0, gettext_lazy("Ouverture des inscriptions"), PORTEUR),
    (1, 0, gettext_lazy("Comité de pilotage à 1 mois"), PORTEUR),
    (1, 0, gettext_lazy("Logistique : signalétique, parking, restauration"), PORTEUR),
    (0, -7, gettext_lazy("Équipe du jour J : accueil, intervenants, technique, vidéo"), PORTEUR),
    (0, 2, gettext_lazy("Questionnaire de satisfaction envoyé"), PORTEUR),
    (0, 60, gettext_lazy("Fiche de documentation publiée (CC BY-SA 4.0 FR)"), PORTEUR),
]


def shift_months(day: date, months: int) -> date:
    """`day` moved by `months` (negative: earlier), on the last day of the month when that day
    does not exist (30 November + 3 months → 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def generate_milestones(edition: Edition, *, actor, today: date | None = None) -> list[Milestone]:
    """Create the retro-planning of `edition` from its date. Steps due before today are created
    as done today: they come before the acceptance (the budget, the decision, the application)."""
    today = today or timezone.localdate()
    event = edition.start_date
    if event is None:
        raise ValidationError(_("L'édition n'a pas de date : le rétroplanning part de celle-ci."))
    rows = []
    for months, days, title, owner in RETRO_PLANNING:
        due = shift_months(event, -months) + timedelta(days=days)
        done = today if due < today else None
        rows.append(
            Milestone(
                edition=edition, title=str(title), owner=str(owner), due_date=due, done_on=done
            )
        )
    with transaction.atomic():
        created = Milestone.objects.bulk_create(rows)
        audit.record(actor, "localeditions.milestones_generated", edition, edition=edition)
    return created


def update_milestone(milestone: Milestone, *, actor, **changes) -> Milestone:
    """Edit a step (title, due date, owner, done on)."""
    for name in ("title", "due_date", "owner", "done_on"):
        if name in changes:
            setattr(milestone, name, changes[name])
    milestone.full_clean()
    with transaction.atomic():
        milestone.save()
        audit.record(actor, "localeditions.milestone_updated", milestone, edition=milestone.edition)
    return milestone


def add_milestone(
    edition: Edition, *, actor, title: str, due_date: date, owner: str = ""
) -> Milestone:
    milestone = Milestone(edition=edition, title=title, due_date=due_date, owner=owner)
    milestone.full_clean()
    with transaction.atomic():
        milestone.save()
        audit.record(actor, "localeditions.milestone_added", milestone, edition=edition)
    return milestone


def record_committee(
    edition: Edition, *, actor, held_on: date, participants: str, minutes: str = ""
) -> Committee:
    committee = Committee(
        edition=edition, held_on=held_on, participants=participants, minutes=minutes
    )
    committee.full_clean()
    with transaction.atomic():
        committee.save()
        audit.record(actor, "localeditions.committee_recorded", committee, edition=edition)
    return committee


def overdue_milestones(edition: Edition, today: date):
    return edition.milestones.filter(done_on__isnull=True, due_date__lt=today)


def send_overdue_reminders(today: date | None = None) -> int:
    """E-mail each local edition's organisers the steps overdue and not reminded yet; returns the
    number of e-mails sent. Run daily by the task `remind_overdue_milestones`."""
    today = today or timezone.localdate()
    sent = 0
    due = Milestone.objects.filter(
        done_on__isnull=True, due_date__lt=today, reminded_on__isnull=True
    ).select_related("edition")
    by_edition: dict[int, list[Milestone]] = {}
    for milestone in due:
        by_edition.setdefault(milestone.edition_id, []).append(milestone)
    for milestones in by_edition.values():
        edition = milestones[0].edition
        emails = list(
            Membership.objects.filter(edition=edition, role=Membership.Role.ORGANISER).values_list(
                "user__email", flat=True
            )
        )
        if emails:
            send_templated_mail(
                "localeditions/email/milestones_overdue",
                {"edition": edition, "milestones": milestones},
                to=emails,
            )
            sent += 1
        Milestone.objects.filter(pk__in=[m.pk for m in milestones]).update(reminded_on=today)
        audit.record(None, "localeditions.milestones_reminded", edition, edition=edition)
    return sent
