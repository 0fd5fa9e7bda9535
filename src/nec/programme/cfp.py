"""Call for proposals, reviews, bulk decisions and the partner offer catalogue.

Every state change of these flows goes through a function here: it checks the permission,
validates, saves inside one transaction, writes the audit log and sends the e-mails (after the
transaction, so that a failed save never sends anything)."""

from __future__ import annotations

import string
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from nec.accounts.permissions import is_national_team
from nec.editions.permissions import can, editions_for
from nec.accounts.services import get_or_create_user, issue_login_link, send_login_link
from nec.core import audit
from nec.core.mail import send_templated_mail
from nec.core.search import every_word
from nec.editions.models import Edition, Membership, Organisation
from nec.programme import services
from nec.programme.models import (
    CallForProposals,
    FormatType,
    PartnerOffer,
    Proposal,
    Review,
    Session,
    SessionSpeaker,
    Speaker,
    Theme,
    Track,
)


class CallClosed(Exception):
    """The call for proposals is not open; `state` is 'missing', 'upcoming' or 'closed'."""

    def __init__(self, state: str):
        super().__init__(state)
        self.state = state


# ---------------------------------------------------------------------------------------------
# Call for proposals


def get_call(edition: Edition) -> CallForProposals | None:
    return CallForProposals.objects.filter(edition=edition).first()


def save_call(actor, edition: Edition, call: CallForProposals) -> CallForProposals:
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


def unique_speaker_slug(edition: Edition, name: str) -> str:
    base = slugify(name)[:100] or "intervenant"
    slug, n = base, 1
    while Speaker.objects.filter(edition=edition, slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def speaker_for_user(
    edition: Edition, user, *, name: str = "", organisation_name: str = "", actor=None
):
    """The speaker profile of `user` on `edition`, created if needed."""
    speaker = Speaker.objects.filter(edition=edition, user=user).first()
    if speaker is None:
        speaker = Speaker.objects.filter(edition=edition, email__iexact=user.email).first()
        if speaker is not None and speaker.user_id is None:
            speaker.user = user
            speaker.save(update_fields=["user"])
    if speaker is None:
        name = name or user.get_full_name() or user.email.split("@")[0]
        speaker = services.create_speaker(
            actor or user,
            edition,
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


def submit_proposal(edition: Edition, data: ProposalData, *, actor=None, now=None) -> Proposal:
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
        session = services.create_session(
            proposer,
            edition,
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


def sessions_of(user) -> QuerySet[Session]:
    """Sessions the user proposed or speaks in, newest first."""
    return (
        Session.objects.filter(Q(proposal__proposer=user) | Q(speakers__user=user))
        .select_related("edition", "format_type", "proposal")
        .distinct()
        .order_by("-created_at")
    )


def confirm_participation(user, session_speaker: SessionSpeaker) -> SessionSpeaker:
    """The speaker (signed in as `user`) confirms they take part in the session."""
    if session_speaker.speaker.user_id != user.pk:
        raise PermissionDenied
    if session_speaker.session.status in (Session.Status.DECLINED, Session.Status.CANCELLED):
        raise ValidationError(_("Cette session n'aura pas lieu : rien à confirmer."))
    if not session_speaker.confirmed:
        with transaction.atomic():
            session_speaker.confirmed = True
            session_speaker.save(update_fields=["confirmed"])
            audit.record(
                user,
                "programme.speaker_confirmed",
                session_speaker.session,
                speaker=session_speaker.speaker.name,
            )
    return session_speaker


# ---------------------------------------------------------------------------------------------
# Reviews

REVIEWABLE = (Session.Status.PROPOSED, Session.Status.ACCEPTED, Session.Status.DECLINED)


def proposals_of(edition: Edition) -> QuerySet[Session]:
    """The edition's sessions that came through the call (or are still only proposed), with
    their review count and average."""
    return (
        Session.objects.filter(edition=edition)
        .filter(Q(proposal__isnull=False) | Q(status=Session.Status.PROPOSED))
        .select_related("format_type", "track", "proposal")
        .prefetch_related("themes")
        .annotate(review_count=Count("reviews", distinct=True), review_avg=Avg("reviews__score"))
        .order_by("-proposal__submitted_at", "title")
    )


def review_proposal(reviewer, session: Session, score: int, comment: str = "") -> Review:
    """Create or update `reviewer`'s score (1–5) and comment on `session`."""
    if not can(reviewer, "programme.review", session.edition):
        raise PermissionDenied
    if session.status not in REVIEWABLE:
        raise ValidationError(_("Cette session ne se relit plus."))
    if session.speakers.filter(user=reviewer).exists() or (
        Proposal.objects.filter(session=session, proposer=reviewer).exists()
    ):
        raise ValidationError(
            _("Vous intervenez dans cette proposition : vous ne pouvez pas la noter.")
        )
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        raise ValidationError({"score": _("La note va de 1 à 5.")})
    with transaction.atomic():
        review, created = Review.objects.update_or_create(
            session=session, reviewer=reviewer, defaults={"score": score, "comment": comment}
        )
        audit.record(
            reviewer,
            "programme.review_created" if created else "programme.review_changed",
            session,
            edition=session.edition,
            score=score,
        )
    return review


# ---------------------------------------------------------------------------------------------
# Bulk decisions with editable templated e-mails

PLACEHOLDERS = ("titre", "prenom", "nom", "edition", "format", "lien")

DEFAULT_TEMPLATES = {
    "accept": (
        "Votre proposition « {titre} » est retenue",
        "Bonjour {prenom},\n\n"
        "Bonne nouvelle : votre proposition « {titre} » est retenue pour {edition}.\n"
        "Merci de confirmer votre participation depuis votre espace :\n{lien}\n\n"
        "Nous reviendrons vers vous pour la salle et l'horaire.\n\n"
        "L'équipe Numérique en Commun[s]",
    ),
    "decline": (
        "Votre proposition « {titre} »",
        "Bonjour {prenom},\n\n"
        "Merci pour votre proposition « {titre} » pour {edition}. Nous avons reçu beaucoup de "
        "propositions et ne pouvons pas la retenir cette fois-ci.\n"
        "Nous espérons vous retrouver parmi les participant·es.\n\n"
        "L'équipe Numérique en Commun[s]",
    ),
}


def check_template(text: str) -> None:
    """Raise ValidationError if `text` has a placeholder we do not know or a stray brace."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as error:
        raise ValidationError(
            _("Accolade mal fermée : écrivez les champs sous la forme {titre}.")
        ) from error
    unknown = sorted(
        {name for _lit, name, _spec, _conv in parsed if name is not None} - set(PLACEHOLDERS)
    )
    if unknown:
        raise ValidationError(
            _("Champs inconnus : %(unknown)s. Champs possibles : %(known)s.")
            % {
                "unknown": ", ".join("{" + u + "}" for u in unknown),
                "known": ", ".join("{" + p + "}" for p in PLACEHOLDERS),
            }
        )


def fill_template(text: str, values: dict[str, str]) -> str:
    check_template(text)
    return text.format_map({p: values.get(p, "") for p in PLACEHOLDERS})


def decide_proposals(
    actor, edition: Edition, sessions: list[Session], decision: str, subject: str, body: str
) -> int:
    """Accept or decline proposed sessions of `edition` at once and e-mail each speaker the
    (edited) template. Returns the number of sessions decided."""
    if not can(actor, "programme.manage", edition):
        raise PermissionDenied
    if decision not in DEFAULT_TEMPLATES:
        raise ValidationError(_("Décision inconnue."))
    check_template(subject)
    check_template(body)
    if not sessions:
        raise ValidationError(_("Sélectionnez au moins une proposition."))
    if any(s.edition_id != edition.pk for s in sessions):
        raise PermissionDenied
    not_pending = [s.title for s in sessions if s.status != Session.Status.PROPOSED]
    if not_pending:
        raise ValidationError(_("Déjà décidées : %(titles)s.") % {"titles": ", ".join(not_pending)})
    status = Session.Status.ACCEPTED if decision == "accept" else Session.Status.DECLINED
    now = timezone.now()
    mails = []
    link = settings.BASE_URL + reverse("programme:my_proposals")
    with transaction.atomic():
        for session in sessions:
            services.set_session_status(actor, session, status)
            Proposal.objects.filter(session=session).update(decided_at=now)
            audit.record(
                actor,
                f"programme.proposal_{'accepted' if decision == 'accept' else 'declined'}",
                session,
                edition=edition,
            )
            roles = session.speaker_roles.select_related("speaker__user")
            for role in roles:
                speaker = role.speaker
                email = speaker.user.email if speaker.user_id else speaker.email
                if not email:
                    continue
                first_name = speaker.user.first_name if speaker.user_id else ""
                values = {
                    "titre": session.title,
                    "prenom": first_name or speaker.name,
                    "nom": speaker.name,
                    "edition": edition.title,
                    "format": session.format_type.name if session.format_type_id else "",
                    "lien": link,
                }
                mails.append((email, fill_template(subject, values), fill_template(body, values)))
        audit.record(
            actor,
            "programme.proposals_decided",
            edition,
            edition=edition,
            decision=decision,
            count=len(sessions),
            subject=subject,
            recipients=len(mails),
        )
    for email, mail_subject, mail_body in mails:
        send_templated_mail(
            "programme/email/cfp_decision",
            {"subject": mail_subject, "body": mail_body},
            to=[email],
        )
    return len(sessions)


# ---------------------------------------------------------------------------------------------
# Partner offer catalogue


def offer_organisations_for(user) -> QuerySet[Organisation]:
    """Organisations whose offers `user` may edit: theirs as a partner; all for the team."""
    if is_national_team(user):
        return Organisation.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    editions = editions_for(user, "offers.manage")
    return Organisation.objects.filter(
        members__user=user,
        members__role=Membership.Role.PARTNER,
        members__edition__in=editions,
    ).distinct()


def may_manage_offers(user) -> bool:
    return is_national_team(user) or offer_organisations_for(user).exists()


def save_offer(actor, offer: PartnerOffer) -> PartnerOffer:
    if not offer_organisations_for(actor).filter(pk=offer.organisation_id).exists():
        raise PermissionDenied
    created = offer.pk is None
    if created:
        offer.created_by = actor
    with transaction.atomic():
        offer.save()
        audit.record(
            actor,
            "programme.offer_created" if created else "programme.offer_changed",
            offer,
            edition=None,
            organisation=offer.organisation.name,
        )
    return offer


def set_offer_published(actor, offer: PartnerOffer, published: bool) -> PartnerOffer:
    if not offer_organisations_for(actor).filter(pk=offer.organisation_id).exists():
        raise PermissionDenied
    with transaction.atomic():
        offer.published = published
        offer.save(update_fields=["published", "updated_at"])
        audit.record(
            actor,
            "programme.offer_published" if published else "programme.offer_unpublished",
            offer,
            edition=None,
        )
    return offer


def published_offers() -> QuerySet[PartnerOffer]:
    return PartnerOffer.objects.filter(published=True).select_related("organisation")


def filter_offers(
    qs: QuerySet[PartnerOffer],
    *,
    format_name: str = "",
    theme: str = "",
    organisation: Organisation | None = None,
    text: str = "",
) -> QuerySet[PartnerOffer]:
    if format_name:
        qs = qs.filter(format_name__iexact=format_name)
    if theme:
        qs = qs.filter(themes__icontains=theme)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return qs.filter(every_word(text, "title", "description", "themes", "organisation__name"))


def session_from_offer(actor, edition: Edition, offer: PartnerOffer) -> Session:
    """Turn a published partner offer into an accepted session of `edition`, credited to the
    partner organisation. The format type and themes are matched by name within the edition."""
    if not can(actor, "offers.use", edition):
        raise PermissionDenied
    if not offer.published:
        raise ValidationError(_("Cette offre n'est pas publiée."))
    format_type = (
        FormatType.objects.filter(edition=edition)
        .filter(Q(name__iexact=offer.format_name) | Q(slug=slugify(offer.format_name)))
        .first()
    )
    with transaction.atomic():
        names = [n.lower() for n in offer.theme_list]
        themes = [t for t in Theme.objects.filter(edition=edition) if t.name.lower() in names]
        session = services.create_session(
            actor,
            edition,
            title=offer.title,
            themes=themes,
            partners=[offer.organisation],
            status=Session.Status.ACCEPTED,
            summary=offer.description[:500],
            description=offer.description,
            format_type=format_type,
            material_needs=offer.conditions,
        )
        audit.record(
            actor,
            "programme.session_from_offer",
            session,
            edition=edition,
            offer=offer.pk,
            organisation=offer.organisation.name,
        )
    return session
