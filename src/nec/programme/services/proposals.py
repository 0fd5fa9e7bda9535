"""The call for proposals: its dates and texts, submitting a proposal (a proposed session, its
speakers and the proposer's account, with e-mails) and speakers confirming they take part.

E-mails are sent after the transaction, so that a failed save never sends anything."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from nec.accounts.models import User
from nec.accounts.services import get_or_create_user, issue_login_link, send_login_link
from nec.core import audit
from nec.core.mail import send_templated_mail
from nec.editions.models import Edition, Organisation
from nec.editions.permissions import can
from nec.programme.models import (
    CallForProposals,
    FormatType,
    Proposal,
    Session,
    SessionSpeaker,
    Speaker,
    Theme,
    Track,
)
from nec.programme.services.common import Actor
from nec.programme.services.sessions import create_session, create_speaker


class CallClosed(Exception):
    """The call for proposals is not open; `state` is 'missing', 'upcoming' or 'closed'."""

    def __init__(self, state: str):
        super().__init__(state)
        self.state = state


# ---------------------------------------------------------------------------------------------
# Call for proposals


def get_call(edition: Edition) -> CallForProposals | None:
    return CallForProposals.objects.filter(edition=edition).first()


def save_call(edition: Edition, call: CallForProposals, *, actor: Actor) -> CallForProposals:
    """Create or update the call for proposals of `edition`."""
    if not can(actor, "programme.manage", edition):
        raise PermissionDenied
    if call.closes_at <= call.opens_at:
        raise ValidationError({"closes_at": _("La clôture doit suivre l'ouverture.")})
    created = call.pk is None
    call.edition = edition
    with transaction.atomic():
        call.save()
        audit.record(
            actor,
            "programme.cfp_created" if created else "programme.cfp_changed",
            call,
            edition=edition,
            opens_at=call.opens_at.isoformat(),
            closes_at=call.closes_at.isoformat(),
        )
    return call


def speaker_for_user(
    edition: Edition,
    user: User,
    *,
    name: str = "",
    organisation_name: str = "",
    actor: Actor = None,
) -> Speaker:
    """The speaker profile of `user` on `edition`, created if needed."""
    speaker = Speaker.objects.filter(edition=edition, user=user).first()
    if speaker is None:
        speaker = Speaker.objects.filter(edition=edition, email__iexact=user.email).first()
        if speaker is not None and speaker.user_id is None:
            speaker.user = user
            speaker.save(update_fields=["user"])
    if speaker is None:
        name = name or user.get_full_name() or user.email.split("@")[0]
        speaker = create_speaker(
            edition,
            actor=actor or user,
            name=name,
            user=user,
            email=user.email,
            organisation_name=organisation_name,
        )
    return speaker


@dataclass
class ProposalData:
    """What the public form hands to `submit_proposal`."""

    email: str
    first_name: str
    last_name: str
    title: str
    summary: str
    format_type: FormatType | None = None
    theme: Theme | None = None
    track: Track | None = None
    description: str = ""
    organisation_name: str = ""
    co_speakers: list[str] = field(default_factory=list)
    partner_organisation: Organisation | None = None
    partner_name: str = ""
    material_needs: str = ""
    needs_step_free: bool = False


def submit_proposal(
    edition: Edition, data: ProposalData, *, actor: Actor = None, now: datetime | None = None
) -> Proposal:
    """Record a proposal: a proposed Session, its speakers, the proposer's account; then e-mail
    the proposer a sign-in link (unless signed in) and each co-speaker an invitation."""
    call = get_call(edition)
    if call is None:
        raise CallClosed("missing")
    state = call.state(now)
    if state != "open":
        raise CallClosed(state)
    for obj in (data.format_type, data.theme, data.track):
        if obj is not None and obj.edition_id != edition.pk:
            raise ValidationError(_("Ce choix n'appartient pas à cette édition."))
    proposer_email = data.email.strip().lower()
    co_emails = []
    for email in data.co_speakers:
        email = email.strip().lower()
        if email and email != proposer_email and email not in co_emails:
            co_emails.append(email)
    with transaction.atomic():
        proposer, _created = get_or_create_user(
            proposer_email, first_name=data.first_name, last_name=data.last_name, actor=actor
        )
        session = create_session(
            edition,
            actor=proposer,
            title=data.title,
            themes=[data.theme] if data.theme is not None else [],
            partners=[data.partner_organisation] if data.partner_organisation else [],
            status=Session.Status.PROPOSED,
            summary=data.summary,
            description=data.description,
            format_type=data.format_type,
            track=data.track,
            material_needs=data.material_needs,
            needs_step_free=data.needs_step_free,
        )
        proposal = Proposal.objects.create(
            session=session,
            edition=edition,
            proposer=proposer,
            partner_name=data.partner_name
            or (data.partner_organisation.name if data.partner_organisation else ""),
        )
        name = f"{data.first_name} {data.last_name}".strip()
        speaker = speaker_for_user(
            edition, proposer, name=name, organisation_name=data.organisation_name
        )
        SessionSpeaker.objects.create(session=session, speaker=speaker, position=0)
        co_speakers = []
        for position, email in enumerate(co_emails, start=1):
            user, _created = get_or_create_user(email, actor=actor)
            co_speaker = speaker_for_user(edition, user)
            SessionSpeaker.objects.get_or_create(
                session=session, speaker=co_speaker, defaults={"position": position}
            )
            co_speakers.append(user)
        audit.record(
            actor if actor is not None else proposer,
            "programme.proposal_submitted",
            session,
            edition=edition,
            proposer=proposer.email,
            co_speakers=co_emails,
        )
    mine = reverse("programme:my_proposals")
    if actor is None or not getattr(actor, "is_authenticated", False):
        send_login_link(proposer, next_url=mine, reason="proposal")
    for user in co_speakers:
        send_templated_mail(
            "programme/email/cfp_invitation",
            {
                "user": user,
                "proposer": proposer,
                "proposer_name": name or proposer.email,
                "session": session,
                "edition": edition,
                "url": issue_login_link(user, next_url=mine),
            },
            to=[user.email],
        )
        audit.record(
            actor if actor is not None else proposer,
            "programme.cospeaker_invited",
            session,
            edition=edition,
            email=user.email,
        )
    return proposal


def sessions_of(user: User) -> QuerySet[Session]:
    """Sessions the user proposed or speaks in, newest first."""
    return (
        Session.objects.filter(Q(proposal__proposer=user) | Q(speakers__user=user))
        .select_related("edition", "format_type", "proposal")
        .distinct()
        .order_by("-created_at")
    )


def confirm_participation(session_speaker: SessionSpeaker, *, actor: Actor) -> SessionSpeaker:
    """The speaker (signed in as `actor`) confirms they take part in the session."""
    if actor is None or session_speaker.speaker.user_id != actor.pk:
        raise PermissionDenied
    if session_speaker.session.status in (Session.Status.DECLINED, Session.Status.CANCELLED):
        raise ValidationError(_("Cette session n'aura pas lieu : rien à confirmer."))
    if not session_speaker.confirmed:
        with transaction.atomic():
            session_speaker.confirmed = True
            session_speaker.save(update_fields=["confirmed"])
            audit.record(
                actor,
                "programme.speaker_confirmed",
                session_speaker.session,
                speaker=session_speaker.speaker.name,
            )
    return session_speaker
