"""The national team instructs an application, as the guide describes: ask for more information
(the applicant completes it from their page), propose an interview, accept (with or without a
grant: the local edition is created and the applicant becomes its organiser) or refuse with a
reason from the cahier des charges. Each step is checked, saved, audited and e-mailed here; the
message thread and the team's internal note too."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from nec.accounts.models import User
from nec.core import audit
from nec.core.mail import send_templated_mail
from nec.editions import services as edition_services
from nec.editions.models import Edition, Membership
from nec.editions.permissions import can
from nec.localeditions.models import Application, Message, RefusalReason
from nec.localeditions.questionnaire import install_light_questionnaire
from nec.localeditions.services.applications import GRANT_MAX, GRANT_MIN
from nec.localeditions.services.followup import generate_milestones

INSTRUCT = "localeditions.instruct"
State = Application.State
#: the states each step may start from
OPEN_STATES = (State.SUBMITTED, State.INFORMATION_REQUESTED, State.INTERVIEW_PROPOSED)


def _check_team(actor) -> None:
    if not can(actor, INSTRUCT):
        raise PermissionDenied(_("Seule l'équipe nationale instruit les candidatures."))


def _check_open(application: Application) -> None:
    if application.state not in OPEN_STATES:
        raise ValidationError(
            _("Cette candidature est déjà %(state)s : elle ne change plus d'état.")
            % {"state": application.get_state_display().lower()}
        )


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


def _notify_applicant(application: Application, template: str, **context) -> None:
    """Called once the change is saved (after its transaction)."""
    url = reverse("localeditions:mine", kwargs={"pk": application.pk})
    send_templated_mail(
        f"localeditions/email/{template}",
        {"application": application, "url": url, **context},
        to=[application.email],
    )


def _change_state(application: Application, state: str, *, actor, action: str, **fields) -> None:
    for name, value in fields.items():
        setattr(application, name, value)
    application.state = state
    application.state_changed_at = timezone.now()
    application.save()
    audit.record(actor, f"localeditions.{action}", application, state=state)


def request_information(application: Application, *, actor, message: str, due: date) -> Application:
    """Ask the applicant for more information by `due`; they complete it from their page."""
    _check_team(actor)
    if not message.strip():
        raise ValidationError({"message": _("Dites ce qui manque à la candidature.")})
    if due <= timezone.localdate():
        raise ValidationError({"due": _("L'échéance doit être dans le futur.")})
    with transaction.atomic():
        application = _locked(application)
        _check_open(application)
        Message.objects.create(application=application, author=actor, from_team=True, body=message)
        _change_state(
            application,
            State.INFORMATION_REQUESTED,
            actor=actor,
            action="information_requested",
            information_due=due,
        )
    _notify_applicant(application, "information_requested", message=message)
    return application


def complete_information(
    application: Application, fields: dict, *, actor, note: str
) -> Application:
    """The applicant completes their application as asked: it goes back to the team."""
    if actor is None or application.applicant_id != actor.pk:
        raise PermissionDenied
    with transaction.atomic():
        application = _locked(application)
        if application.state != State.INFORMATION_REQUESTED:
            raise ValidationError(_("Aucun renseignement n'est demandé sur cette candidature."))
        for name, value in fields.items():
            setattr(application, name, value)
        if note.strip():
            Message.objects.create(application=application, author=actor, body=note)
        _change_state(
            application,
            State.SUBMITTED,
            actor=actor,
            action="information_completed",
            information_due=None,
        )
    return application


def propose_interview(
    application: Application, *, actor, at: datetime, place: str, message: str = ""
) -> Application:
    """Propose an interview ("pour poser le cadre de la collaboration"), by visio or in a place."""
    _check_team(actor)
    if at <= timezone.now():
        raise ValidationError({"at": _("L'entretien doit être proposé à une date future.")})
    if not place.strip():
        raise ValidationError({"place": _("Indiquez le lieu ou le lien de la visio.")})
    with transaction.atomic():
        application = _locked(application)
        _check_open(application)
        if message.strip():
            Message.objects.create(
                application=application, author=actor, from_team=True, body=message
            )
        _change_state(
            application,
            State.INTERVIEW_PROPOSED,
            actor=actor,
            action="interview_proposed",
            interview_at=at,
            interview_place=place.strip(),
        )
    _notify_applicant(application, "interview_proposed", message=message)
    return application


def check_grant(amount: int | None, override_reason: str, *, field: str = "amount") -> None:
    """A grant is between 2 500 and 5 000 €, unless the team explains why not."""
    if amount is None:
        raise ValidationError({field: _("Indiquez le montant de la subvention.")})
    if not GRANT_MIN <= amount <= GRANT_MAX and not override_reason.strip():
        raise ValidationError(
            {
                "override_reason": _(
                    "Un montant hors de la fourchette de 2 500 à 5 000 € demande un motif."
                )
            }
        )


def _unique_slug(application: Application) -> str:
    base = slugify(f"nec-{application.commune}-{application.event_date.year}")[:70] or "nec-local"
    slug, number = base, 2
    while Edition.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def accept(
    application: Application,
    *,
    actor,
    with_grant: bool,
    amount: int | None = None,
    override_reason: str = "",
    message: str = "",
) -> Application:
    """Accept the project: its local edition is created (a draft until its organisers publish
    it), the applicant becomes its organiser, its retro-planning is generated and its light
    registration questionnaire installed."""
    _check_team(actor)
    if with_grant:
        check_grant(amount, override_reason)
    else:
        amount, override_reason = None, ""
    with transaction.atomic():
        application = _locked(application)
        _check_open(application)
        edition = edition_services.create_edition(
            actor=actor,
            kind=Edition.Kind.LOCAL,
            status=Edition.Status.DRAFT,
            year=application.event_date.year,
            title=_("NEC local %(city)s %(year)s")
            % {"city": application.commune, "year": application.event_date.year},
            slug=_unique_slug(application),
            city=application.commune,
            venue=application.venue,
            region_code=application.region_code,
            departement_code=application.department_code,
            start_date=application.event_date,
            end_date=application.event_date,
            description=application.objectives,
        )
        edition_services.add_member(
            edition,
            application.email,
            Membership.Role.ORGANISER,
            actor=actor,
            first_name=application.first_name,
            last_name=application.last_name,
            notify=False,
        )
        generate_milestones(edition, actor=actor)
        install_light_questionnaire(edition)
        if message.strip():
            Message.objects.create(
                application=application, author=actor, from_team=True, body=message
            )
        _change_state(
            application,
            State.ACCEPTED,
            actor=actor,
            action="accepted",
            edition=edition,
            decided_grant=amount,
            grant_override_reason=override_reason.strip(),
        )
    _notify_applicant(application, "accepted", edition=edition, message=message)
    return application


def refuse(application: Application, *, actor, reason: str, details: str = "") -> Application:
    """Refuse the project with a reason from the cahier des charges (and details)."""
    _check_team(actor)
    if reason not in RefusalReason.values:
        raise ValidationError({"reason": _("Choisissez un motif dans la liste.")})
    if reason == RefusalReason.OTHER and not details.strip():
        raise ValidationError({"details": _("Précisez le motif du refus.")})
    with transaction.atomic():
        application = _locked(application)
        _check_open(application)
        _change_state(
            application,
            State.REFUSED,
            actor=actor,
            action="refused",
            refusal_reason=reason,
            refusal_details=details.strip(),
        )
    _notify_applicant(application, "refused")
    return application


def post_message(application: Application, *, actor, body: str) -> Message:
    """Add a message to the thread: from the team (e-mailed to the applicant) or from the
    applicant (e-mailed to the national team)."""
    from_team = can(actor, INSTRUCT)
    if not from_team and (actor is None or application.applicant_id != actor.pk):
        raise PermissionDenied
    if not body.strip():
        raise ValidationError({"body": _("Écrivez un message.")})
    with transaction.atomic():
        message = Message.objects.create(
            application=application, author=actor, from_team=from_team, body=body.strip()
        )
        audit.record(actor, "localeditions.message_posted", application, from_team=from_team)
    team = list(
        User.objects.filter(is_national_team=True, is_active=True).values_list("email", flat=True)
    )
    if from_team:
        _notify_applicant(application, "message", message=message.body)
    elif team:
        send_templated_mail(
            "localeditions/email/message_to_team",
            {
                "application": application,
                "message": message.body,
                "url": reverse("localeditions:detail", kwargs={"pk": application.pk}),
            },
            to=team,
        )
    return message


def save_internal_note(application: Application, *, actor, note: str) -> Application:
    """The team's note on the application, never shown to the applicant."""
    _check_team(actor)
    with transaction.atomic():
        application.internal_note = note.strip()
        application.save(update_fields=["internal_note"])
        audit.record(actor, "localeditions.internal_note_saved", application)
    return application
