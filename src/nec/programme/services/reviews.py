"""Reviews of the proposals and the bulk decisions (accept, decline) with their editable
templated e-mails."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nec.core import audit
from nec.core.mail import send_templated_mail
from nec.core.placeholders import check_placeholders, fill_placeholders
from nec.editions.models import Edition
from nec.editions.permissions import can
from nec.programme.models import Proposal, Review, Session
from nec.programme.services.common import Actor
from nec.programme.services.sessions import set_session_status

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
        .order_by("-proposal__submitted_at", "title", "pk")
    )


def review_proposal(session: Session, score: int, comment: str = "", *, actor: Actor) -> Review:
    """Create or update the score (1–5) and comment of the reviewer `actor` on `session`."""
    if not can(actor, "programme.review", session.edition):
        raise PermissionDenied
    if session.status not in REVIEWABLE:
        raise ValidationError(_("Cette session ne se relit plus."))
    # a co-speaker invited but not yet signed up is known by their address only
    if session.speakers.filter(Q(user=actor) | Q(email__iexact=actor.email)).exists() or (
        Proposal.objects.filter(session=session, proposer=actor).exists()
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
            session=session, reviewer=actor, defaults={"score": score, "comment": comment}
        )
        audit.record(
            actor,
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
    check_placeholders(text, PLACEHOLDERS)


def fill_template(text: str, values: dict[str, str]) -> str:
    """The decision e-mail text with its placeholders filled (plain substitution, no format)."""
    return fill_placeholders(text, values, PLACEHOLDERS)


def check_pending(sessions: list[Session]) -> None:
    """Refuse sessions whose decision is already taken (accepted, declined or further)."""
    not_pending = [s.title for s in sessions if s.status != Session.Status.PROPOSED]
    if not_pending:
        raise ValidationError(_("Déjà décidées : %(titles)s.") % {"titles": ", ".join(not_pending)})


def decide_proposals(
    edition: Edition,
    sessions: list[Session],
    decision: str,
    subject: str,
    body: str,
    *,
    actor: Actor,
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
    check_pending(sessions)
    status = Session.Status.ACCEPTED if decision == "accept" else Session.Status.DECLINED
    now = timezone.now()
    mails = []
    link = settings.BASE_URL + reverse("programme:my_proposals")
    with transaction.atomic():
        # decide on the saved state, rows locked: two organisers confirming at once send once
        saved = dict(
            Session.objects.select_for_update(of=("self",))
            .filter(pk__in=[s.pk for s in sessions])
            .order_by()  # the default ordering joins nullable relations PostgreSQL cannot lock
            .values_list("pk", "status")
        )
        for session in sessions:
            session.status = saved.get(session.pk, session.status)
        check_pending(sessions)
        for session in sessions:
            set_session_status(session, status, actor=actor)
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
