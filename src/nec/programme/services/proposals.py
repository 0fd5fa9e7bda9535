"""The call for proposals: its dates and texts, and submitting a proposal (a proposed session,
its speakers, the proposer's account).

A signed-in author's proposal is recorded at once. An anonymous one changes nothing: it waits
aside (`nec.core.signed_links`) until its author uses the link e-mailed to the address given,
within the sign-in rate limits; only then do the session, the account and the co-speakers'
invitations exist. E-mails are sent after the transaction, so that a failed save sends nothing."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime, timedelta
from typing import ClassVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from nec.accounts.models import User
from nec.accounts.services import get_or_create_user, link_request_allowed, normalise_email
from nec.core import audit
from nec.core.mail import send_templated_mail
from nec.core.models import PendingAction
from nec.core.signed_links import LinkError, create_pending, link_url, open_pending, take_pending
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
from nec.programme.services.cospeakers import (
    add_co_speaker,
    send_invitations,
)
from nec.programme.services.cospeakers import (
    confirm_participation as confirm_participation,  # re-exported for the views
)
from nec.programme.services.sessions import create_session, create_speaker

#: the kind of the pending action "an anonymous proposal waiting for its e-mailed link"
PROPOSAL_KIND = "programme.proposal"
#: how long the link confirming an anonymous proposal stays valid
CONFIRM_MAX_AGE = timedelta(days=7)


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

    #: the fields holding a model instance of the edition, stored by id while the proposal waits
    RELATED: ClassVar[dict] = {"format_type": FormatType, "theme": Theme, "track": Track}

    def to_payload(self) -> dict:
        payload = asdict(replace(self, **dict.fromkeys([*self.RELATED, "partner_organisation"])))
        for name in self.RELATED:
            payload[name] = getattr(self, name).pk if getattr(self, name) else None
        org = self.partner_organisation
        payload["partner_organisation"] = org.pk if org else None
        return payload

    @classmethod
    def from_payload(cls, payload: dict, edition: Edition) -> ProposalData:
        """Rebuild the data; a choice deleted meanwhile (or of another edition) becomes empty."""
        values = {f.name: payload[f.name] for f in fields(cls) if f.name in payload}
        for name, model in cls.RELATED.items():
            pk = values.get(name)
            values[name] = model.objects.filter(edition=edition, pk=pk).first() if pk else None
        org = values.get("partner_organisation")
        values["partner_organisation"] = (
            Organisation.objects.filter(pk=org).first() if org else None
        )
        return cls(**values)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def _clean_co_speakers(data: ProposalData, proposer_email: str) -> list[str]:
    emails: list[str] = []
    for email in data.co_speakers:
        email = normalise_email(email)
        if email and email != proposer_email and email not in emails:
            emails.append(email)
    return emails


def submit_proposal(
    edition: Edition,
    data: ProposalData,
    *,
    actor: Actor = None,
    ip_address: str | None = None,
    now: datetime | None = None,
) -> Proposal | None:
    """Submit a proposal to the open call of `edition`.

    Signed in (`actor`): recorded at once under the actor's own account, co-speakers invited;
    returns the proposal. Anonymous: nothing is recorded but a pending proposal, and the address
    given gets a link confirming it, within the sign-in rate limits (per address and per
    `ip_address`); returns None, and the caller answers the same whatever happened."""
    call = get_call(edition)
    if call is None:
        raise CallClosed("missing")
    state = call.state(now)
    if state != "open":
        raise CallClosed(state)
    for obj in (data.format_type, data.theme, data.track):
        if obj is not None and obj.edition_id != edition.pk:
            raise ValidationError(_("Ce choix n'appartient pas à cette édition."))
    if actor is not None and getattr(actor, "is_authenticated", False):
        data = replace(data, email=actor.email)
        with transaction.atomic():
            proposal, roles = _record(edition, data, proposer=actor)
        send_invitations(roles, proposer_name=data.full_name or actor.email, actor=actor)
        return proposal
    email = normalise_email(data.email)
    if link_request_allowed(email, ip_address=ip_address):
        payload = {"edition": edition.pk, **replace(data, email=email).to_payload()}
        token = create_pending(PROPOSAL_KIND, email, payload)
        send_templated_mail(
            "programme/email/cfp_confirm",
            {
                "data": data,
                "edition": edition,
                "url": link_url("programme:cfp_confirm", token),
                "days": CONFIRM_MAX_AGE.days,
            },
            to=[email],
        )
        audit.record(None, "programme.proposal_received", edition=edition)
    return None


def pending_proposal(token: str) -> tuple[PendingAction, Edition]:
    """The proposal a confirmation link will record, to show it first (nothing changes)."""
    pending = open_pending(token, kind=PROPOSAL_KIND, max_age=CONFIRM_MAX_AGE)
    edition = Edition.objects.filter(pk=pending.payload.get("edition")).first()
    if edition is None:
        raise LinkError("unknown")
    return pending, edition


def confirm_proposal(token: str) -> Proposal:
    """Its author used the link e-mailed for an anonymous proposal: record it now, under the
    account of that address (created if needed), and invite its co-speakers."""
    with transaction.atomic():
        pending = take_pending(token, kind=PROPOSAL_KIND, max_age=CONFIRM_MAX_AGE)
        edition = Edition.objects.filter(pk=pending.payload.get("edition")).first()
        if edition is None:
            raise LinkError("unknown")
        data = ProposalData.from_payload(pending.payload, edition)
        proposer, _created = get_or_create_user(
            pending.email, first_name=data.first_name, last_name=data.last_name
        )
        if not proposer.is_active:
            raise LinkError("unknown")
        proposal, roles = _record(edition, data, proposer=proposer, since=pending)
    send_invitations(roles, proposer_name=data.full_name or proposer.email, actor=proposer)
    return proposal


def _record(
    edition: Edition, data: ProposalData, *, proposer: User, since: PendingAction | None = None
) -> tuple[Proposal, list[SessionSpeaker]]:
    """The session, its proposal and its speakers (co-speakers not confirmed, without account);
    the caller holds the transaction and sends the invitations after it."""
    co_emails = _clean_co_speakers(data, normalise_email(proposer.email))
    with transaction.atomic():
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
            **({"submitted_at": since.created_at} if since is not None else {}),
        )
        speaker = speaker_for_user(
            edition, proposer, name=data.full_name, organisation_name=data.organisation_name
        )
        SessionSpeaker.objects.create(session=session, speaker=speaker, position=0)
        roles = [
            add_co_speaker(session, email, position, actor=proposer)
            for position, email in enumerate(co_emails, start=1)
        ]
        audit.record(
            proposer,
            "programme.proposal_submitted",
            session,
            edition=edition,
            proposer=proposer.email,
            co_speakers=co_emails,
        )
    return proposal, roles


def sessions_of(user: User) -> QuerySet[Session]:
    """Sessions the user proposed or speaks in, newest first."""
    return (
        Session.objects.filter(Q(proposal__proposer=user) | Q(speakers__user=user))
        .select_related("edition", "format_type", "proposal")
        .distinct()
        .order_by("-created_at")
    )
