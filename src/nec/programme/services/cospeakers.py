"""Co-speakers of a proposal: their place in the session (on a speaker profile without account),
the invitation e-mailed once the proposal is confirmed, accepting it by its signed link (which
creates or links the account then, never before), and a speaker confirming they take part."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nec.accounts.services import get_or_create_user, link_request_allowed, normalise_email
from nec.core import audit
from nec.core.mail import send_templated_mail
from nec.core.signed_links import LinkError, link_url, make_token, read_token
from nec.programme.models import Session, SessionSpeaker, Speaker
from nec.programme.services.common import Actor
from nec.programme.services.sessions import create_speaker

INVITATION_SALT = "nec.programme.cospeaker"
CLOSED_STATUSES = (Session.Status.DECLINED, Session.Status.CANCELLED)


def invitation_max_age() -> timedelta:
    return timedelta(minutes=settings.INVITATION_LINK_MAX_AGE_MINUTES)


def email_of(speaker: Speaker) -> str:
    """The address a speaker profile is reached at: its own, else its account's."""
    if speaker.email:
        return normalise_email(speaker.email)
    return normalise_email(speaker.user.email) if speaker.user_id else ""


def add_co_speaker(session: Session, email: str, position: int, *, actor: Actor) -> SessionSpeaker:
    """Give `email` a place in `session`, not yet confirmed, on the edition's speaker profile of
    that address; a new profile has no account (one is made when they accept)."""
    edition = session.edition
    speaker = (
        Speaker.objects.filter(edition=edition, email__iexact=email).first()
        or Speaker.objects.filter(edition=edition, user__email__iexact=email).first()
    )
    if speaker is None:
        speaker = create_speaker(edition, actor=actor, name=email.split("@")[0], email=email)
    role, _created = SessionSpeaker.objects.get_or_create(
        session=session, speaker=speaker, defaults={"position": position}
    )
    return role


def send_invitations(
    roles: Iterable[SessionSpeaker], *, proposer_name: str, actor: Actor
) -> list[str]:
    """E-mail each co-speaker a link to accept their place (within the sign-in rate limits per
    address). Call it after the transaction that recorded the proposal. Returns the addresses
    invited."""
    invited = []
    for role in roles:
        email = email_of(role.speaker)
        if not email or role.confirmed or not link_request_allowed(email, ip_address=None):
            continue
        token = make_token({"s": role.pk, "e": email}, salt=INVITATION_SALT)
        send_templated_mail(
            "programme/email/cfp_invitation",
            {
                "speaker": role.speaker,
                "proposer_name": proposer_name,
                "session": role.session,
                "edition": role.session.edition,
                "url": link_url("programme:cfp_invitation", token),
                "minutes": settings.INVITATION_LINK_MAX_AGE_MINUTES,
            },
            to=[email],
        )
        audit.record(
            actor,
            "programme.cospeaker_invited",
            role.session,
            edition=role.session.edition,
            email=email,
        )
        invited.append(email)
    return invited


def read_invitation(token: str) -> SessionSpeaker:
    """The place an invitation link offers; LinkError if it cannot be used."""
    data = read_token(token, salt=INVITATION_SALT, max_age=invitation_max_age())
    role = (
        SessionSpeaker.objects.select_related("session__edition", "speaker__user")
        .filter(pk=data.get("s"))
        .first()
    )
    if role is None or not data.get("e") or email_of(role.speaker) != data.get("e"):
        raise LinkError("unknown")
    if role.session.status in CLOSED_STATUSES:
        raise LinkError("cancelled")
    if role.confirmed:
        raise LinkError("used")
    return role


def accept_invitation(token: str) -> SessionSpeaker:
    """The co-speaker accepts by the link: their account is created (or found) now, linked to
    their speaker profile, and their participation confirmed."""
    role = read_invitation(token)
    email = email_of(role.speaker)
    with transaction.atomic():
        speaker = Speaker.objects.select_for_update().get(pk=role.speaker_id)
        if speaker.user_id is not None:
            user = speaker.user
        else:
            user, _created = get_or_create_user(email)
            speaker.user = user
            speaker.save(update_fields=["user"])
        if not user.is_active:
            raise LinkError("unknown")
        role.speaker = speaker
        audit.record(
            user, "programme.cospeaker_accepted", role.session, edition=role.session.edition
        )
        confirm_participation(role, actor=user)
    return role


def confirm_participation(session_speaker: SessionSpeaker, *, actor: Actor) -> SessionSpeaker:
    """The speaker (signed in as `actor`) confirms they take part in the session."""
    if actor is None or session_speaker.speaker.user_id != actor.pk:
        raise PermissionDenied
    if session_speaker.session.status in CLOSED_STATUSES:
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
