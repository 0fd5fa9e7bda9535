"""Sessions and their speakers: creating and describing sessions, their status (accepted,
declined, cancelled …), speaker profiles and who speaks in which session."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from nec.core import audit
from nec.core.images import is_new_upload, process_image
from nec.core.validation import refuse_unknown_fields
from nec.editions.models import Edition, Organisation
from nec.programme.models import Session, SessionSpeaker, Speaker, Theme
from nec.programme.services.common import Actor, same_edition, save_changes

Status = Session.Status

SESSION_FIELDS = {
    "title",
    "summary",
    "description",
    "format_type",
    "track",
    "capacity_override",
    "language",
    "needs_step_free",
    "material_needs",
}


def _check_capacity(capacity: int | None) -> None:
    if capacity is not None and capacity <= 0:
        raise ValidationError({"capacity_override": _("La jauge doit être un nombre positif.")})


# --------------------------------------------------------------------------- sessions


def create_session(
    edition: Edition,
    *,
    actor: Actor,
    title: str,
    themes: Iterable[Theme] = (),
    partners: Iterable[Organisation] = (),
    status: str = Status.ACCEPTED,
    **fields,
) -> Session:
    """Create a session of `edition` (by the team: accepted by default)."""
    refuse_unknown_fields(fields, SESSION_FIELDS, "session")
    if not title or not title.strip():
        raise ValidationError({"title": _("Donnez un titre à la session.")})
    if status in Session.PLACED_STATUSES:
        raise ValidationError(_("Une session se publie en la plaçant dans la grille."))
    themes, partners = list(themes), list(partners)
    same_edition(
        edition,
        format_type=fields.get("format_type"),
        track=fields.get("track"),
        themes=themes,
    )
    _check_capacity(fields.get("capacity_override"))
    with transaction.atomic():
        session = Session.objects.create(
            edition=edition, title=title.strip(), status=status, **fields
        )
        session.themes.set(themes)
        session.partners.set(partners)
        audit.record(actor, "programme.session_created", session, edition=edition)
    return session


def update_session(
    session: Session,
    *,
    actor: Actor,
    themes: Iterable[Theme] | None = None,
    partners: Iterable[Organisation] | None = None,
    **fields,
) -> list[str]:
    """Change a session's description fields; returns the names of the fields that changed."""
    refuse_unknown_fields(fields, SESSION_FIELDS, "session")
    edition = session.edition
    themes = list(themes) if themes is not None else None
    partners = list(partners) if partners is not None else None
    if "title" in fields and not (fields["title"] or "").strip():
        raise ValidationError({"title": _("Donnez un titre à la session.")})
    same_edition(
        edition,
        format_type=fields.get("format_type"),
        track=fields.get("track"),
        themes=list(themes or []),
    )
    _check_capacity(fields.get("capacity_override"))
    changed = [name for name, value in fields.items() if getattr(session, name) != value]
    with transaction.atomic():
        for name in changed:
            setattr(session, name, fields[name])
        if changed:
            session.save()
        current_themes = set(session.themes.values_list("pk", flat=True))
        if themes is not None and {t.pk for t in themes} != current_themes:
            session.themes.set(themes)
            changed.append("themes")
        current_partners = set(session.partners.values_list("pk", flat=True))
        if partners is not None and {p.pk for p in partners} != current_partners:
            session.partners.set(partners)
            changed.append("partners")
        if changed:
            audit.record(
                actor, "programme.session_updated", session, edition=edition, fields=changed
            )
    return changed


#: status -> statuses the team may set it to by hand (placing and publishing have own services)
TRANSITIONS: dict[str, set[str]] = {
    Status.PROPOSED: {Status.ACCEPTED, Status.DECLINED},
    Status.ACCEPTED: {Status.DECLINED, Status.CANCELLED},
    Status.DECLINED: {Status.ACCEPTED},
    Status.SCHEDULED: {Status.CANCELLED},
    Status.PUBLISHED: {Status.CANCELLED},
    Status.CANCELLED: {Status.ACCEPTED},
}


def set_session_status(session: Session, status: str, *, actor: Actor) -> Session:
    """Accept, decline, cancel or restore a session. Declining or cancelling takes it out of the
    grid and, at once, off the published programme (no need to wait for a publication)."""
    session.refresh_from_db(fields=["status", "slot", "room"])  # decide on the saved state
    if status not in TRANSITIONS.get(session.status, set()):
        raise ValidationError(
            _("Une session « %(current)s » ne peut pas passer à « %(wanted)s ».")
            % {
                "current": session.get_status_display(),
                "wanted": Status(status).label if status in Status.values else status,
            }
        )
    previous = session.status
    with transaction.atomic():
        session.status = status
        if status in (Status.DECLINED, Status.CANCELLED):
            session.slot = session.room = None
            session.published_slot = session.published_room = None
        session.save(
            update_fields=[
                "status", "slot", "room", "published_slot", "published_room", "updated_at"
            ]
        )  # fmt: skip
        audit.record(
            actor,
            "programme.session_status",
            session,
            edition=session.edition,
            previous=previous,
            status=status,
        )
    return session


# --------------------------------------------------------------------------- speakers

SPEAKER_FIELDS = {
    "email",
    "organisation_name",
    "job_title",
    "bio",
    "photo",
    "photo_alt",
    "links",
    "public_consent",
    "gender",
    "user",
}


def _unique_speaker_slug(edition: Edition, name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:100] or "intervenant"
    slug, n = base, 2
    qs = Speaker.objects.filter(edition=edition)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _process_photo(fields: dict) -> None:
    """A new photo is checked and re-encoded (size, format, no metadata: `nec.core.images`),
    whatever the entry point; the file it replaces is deleted by the model's cleanup."""
    if is_new_upload(fields.get("photo")):
        try:
            fields["photo"] = process_image(fields["photo"])
        except ValidationError as error:
            raise ValidationError({"photo": error.messages}) from error


def _check_speaker(fields: dict) -> None:
    if fields.get("photo") and not (fields.get("photo_alt") or "").strip():
        raise ValidationError({"photo_alt": _("Décrivez la photo pour les lecteurs d'écran.")})
    gender = fields.get("gender")
    if gender and gender not in Speaker.Gender.values:
        raise ValidationError({"gender": _("Choix de genre inconnu.")})


def create_speaker(edition: Edition, *, actor: Actor, name: str, **fields) -> Speaker:
    refuse_unknown_fields(fields, SPEAKER_FIELDS, "speaker")
    if not name or not name.strip():
        raise ValidationError({"name": _("Indiquez le nom de l'intervenant·e.")})
    _process_photo(fields)
    _check_speaker(fields)
    with transaction.atomic():
        speaker = Speaker.objects.create(
            edition=edition,
            name=name.strip(),
            slug=_unique_speaker_slug(edition, name),
            **fields,
        )
        audit.record(actor, "programme.speaker_created", speaker, edition=edition)
    return speaker


def update_speaker(
    speaker: Speaker, *, actor: Actor, name: str | None = None, **fields
) -> list[str]:
    refuse_unknown_fields(fields, SPEAKER_FIELDS, "speaker")
    if name is not None:
        if not name.strip():
            raise ValidationError({"name": _("Indiquez le nom de l'intervenant·e.")})
        fields["name"] = name.strip()
    _process_photo(fields)
    merged = {
        "photo": fields.get("photo", speaker.photo),
        "photo_alt": fields.get("photo_alt", speaker.photo_alt),
        "gender": fields.get("gender"),
    }
    _check_speaker(merged)
    # the gender is never written to the audit log (data minimisation)
    return save_changes(
        speaker, fields, "programme.speaker_updated", actor=actor, unaudited={"gender"}
    )


def add_session_speaker(
    session: Session,
    speaker: Speaker,
    role: str = SessionSpeaker.Role.SPEAKER,
    *,
    actor: Actor,
) -> SessionSpeaker:
    """Add `speaker` to `session` with `role`, or change their role if already there."""
    same_edition(session.edition, speaker=speaker)
    if role not in SessionSpeaker.Role.values:
        raise ValidationError({"role": _("Rôle inconnu.")})
    with transaction.atomic():
        position = (
            SessionSpeaker.objects.filter(session=session).aggregate(m=Max("position"))["m"] or 0
        )
        link, created = SessionSpeaker.objects.get_or_create(
            session=session, speaker=speaker, defaults={"role": role, "position": position + 1}
        )
        if not created and link.role != role:
            link.role = role
            link.save(update_fields=["role"])
        audit.record(
            actor,
            "programme.session_speaker_added",
            session,
            edition=session.edition,
            speaker=speaker.pk,
            role=role,
        )
    return link


def remove_session_speaker(session: Session, speaker: Speaker, *, actor: Actor) -> None:
    with transaction.atomic():
        deleted, _count = SessionSpeaker.objects.filter(session=session, speaker=speaker).delete()
        if not deleted:
            raise ValidationError(_("Cette personne n'intervient pas dans cette session."))
        audit.record(
            actor,
            "programme.session_speaker_removed",
            session,
            edition=session.edition,
            speaker=speaker.pk,
        )


def order_session_speakers(session: Session, speakers: Iterable[Speaker], *, actor: Actor) -> None:
    """Put the speakers of `session` in the order of `speakers` (all of them, no one else)."""
    order = [speaker.pk for speaker in speakers]
    links = {link.speaker_id: link for link in SessionSpeaker.objects.filter(session=session)}
    if sorted(order) != sorted(links):  # a programming error, not a user's
        raise ValueError(f"Not the speakers of session {session.pk}: {order}")
    with transaction.atomic():
        for position, speaker_pk in enumerate(order):
            link = links[speaker_pk]
            if link.position != position:
                link.position = position
                link.save(update_fields=["position"])
        audit.record(
            actor,
            "programme.session_speakers_ordered",
            session,
            edition=session.edition,
            speakers=order,
        )
