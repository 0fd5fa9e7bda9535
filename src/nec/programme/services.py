"""Every state change of the programme: format types, sessions, speakers, rooms, slots, placing in
the grid and publishing the schedule. Each function validates, saves, writes the audit log and
sends the e-mails; views only call them.

Errors are `django.core.exceptions.ValidationError` with a French message (a dict keyed by form
field where it applies)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from nec.core import audit
from nec.core.mail import send_templated_mail
from nec.core.validation import refuse_unknown_fields
from nec.editions.models import Edition, Organisation
from nec.programme import charter
from nec.programme.models import (
    FormatType,
    Room,
    ScheduleVersion,
    Session,
    SessionSpeaker,
    Speaker,
    Theme,
    TimeSlot,
    Track,
)

logger = logging.getLogger(__name__)

Status = Session.Status

#: (slug, name, default duration in minutes, participatory, public, description)
DEFAULT_FORMAT_TYPES: list[tuple[str, str, int, bool, bool, str]] = [
    ("masterclass", "Masterclass", 60, False, True,
     "Permettre de développer ses compétences professionnelles auprès d'une personne experte."),
    ("atelier", "Atelier", 90, True, True,
     "Opérationnel ou exploratoire : prototyper, élaborer un plan d'actions ou une synthèse."),
    ("retex", "Retex", 60, False, True,
     "Retour d'expérience : découvrir une initiative de terrain et celles et ceux qui la mènent."),
    ("regards-croises", "Regards croisés", 60, False, True,
     "Interroger des expertes et des experts sur les sujets d'aujourd'hui et de demain."),
    ("pitch", "Pitch", 90, False, True,
     "Une heure et demie pour donner à voir une série d'initiatives inspirantes."),
    ("table-ronde", "Table ronde", 60, False, True,
     "Un échange entre plusieurs intervenant·es animé, ouvert aux questions de la salle."),
    ("grand-format", "Grand format", 90, False, True,
     "Un temps fort en grande salle autour d'une question qui fait débat."),
    ("fishbowl", "Fishbowl", 60, True, True,
     "Une discussion en aquarium : chacun·e peut rejoindre le cercle des intervenant·es."),
    ("barcamp", "Barcamp", 90, True, True,
     "Une rencontre ouverte dont les participant·es construisent le programme sur place."),
    ("pleniere", "Plénière", 60, False, True,
     "Ouverture ou clôture de l'événement, devant toutes les personnes présentes."),
    ("stand-decouverte", "Stand découverte", 120, True, True,
     "Un stand pour découvrir un outil, un dispositif ou une structure, en petit comité."),
    ("off", "OFF", 180, True, True,
     "Un événement porté par un partenaire en marge du programme principal."),
    ("temps-prive-institutionnel", "Temps privé institutionnel", 90, False, False,
     "Une réunion sur invitation, absente du programme public."),
]  # fmt: skip


# --------------------------------------------------------------------------- format types


def ensure_default_format_types(edition: Edition, actor=None) -> list[FormatType]:
    """Create the NEC format types `edition` lacks (matched by slug); returns all of them."""
    existing = set(FormatType.objects.filter(edition=edition).values_list("slug", flat=True))
    created = []
    with transaction.atomic():
        for slug, name, duration, participatory, public, description in DEFAULT_FORMAT_TYPES:
            if slug in existing:
                continue
            created.append(
                FormatType.objects.create(
                    edition=edition,
                    slug=slug,
                    name=name,
                    default_duration_minutes=duration,
                    participatory=participatory,
                    public=public,
                    description=description,
                )
            )
        if created:
            audit.record(
                actor,
                "programme.format_types_created",
                edition,
                edition=edition,
                slugs=[f.slug for f in created],
            )
    return list(FormatType.objects.filter(edition=edition))


FORMAT_TYPE_FIELDS = {"name", "description", "default_duration_minutes", "participatory", "public"}


def save_format_type(
    actor, edition: Edition, format_type: FormatType | None, **fields
) -> FormatType:
    """Create (`format_type` None) or change a format type of `edition`."""
    refuse_unknown_fields(fields, FORMAT_TYPE_FIELDS, "format type")
    name = (fields.get("name") or "").strip()
    if not name:
        raise ValidationError({"name": _("Indiquez le nom du format.")})
    if (
        fields.get("default_duration_minutes") is not None
        and fields["default_duration_minutes"] < 5
    ):
        raise ValidationError(
            {"default_duration_minutes": _("Une durée de 5 minutes au moins est attendue.")}
        )
    fields["name"] = name
    slug = slugify(name)[:80] or "format"  # kept when the format is renamed later
    if format_type is None and FormatType.objects.filter(edition=edition, slug=slug).exists():
        raise ValidationError({"name": _("Ce format existe déjà.")})
    with transaction.atomic():
        if format_type is None:
            format_type = FormatType.objects.create(edition=edition, slug=slug, **fields)
            audit.record(actor, "programme.format_type_created", format_type, edition=edition)
        else:
            _save_changes(actor, format_type, fields, "programme.format_type_updated")
    return format_type


# --------------------------------------------------------------------------- themes, tracks


def _create_named(actor, edition: Edition, model, name: str, description: str, *, missing, taken):
    """Create a theme or a track: a name (`missing` otherwise) that is new in the edition
    (`taken` otherwise, whatever the case)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": missing})
    if model.objects.filter(edition=edition, name__iexact=name).exists():
        raise ValidationError({"name": taken})
    with transaction.atomic():
        obj = model.objects.create(edition=edition, name=name, description=description)
        audit.record(actor, f"programme.{model._meta.model_name}_created", obj, edition=edition)
    return obj


def create_theme(actor, edition: Edition, *, name: str, description: str = "") -> Theme:
    return _create_named(
        actor,
        edition,
        Theme,
        name,
        description,
        missing=_("Indiquez le nom du thème."),
        taken=_("Ce thème existe déjà."),
    )


def create_track(actor, edition: Edition, *, name: str, description: str = "") -> Track:
    return _create_named(
        actor,
        edition,
        Track,
        name,
        description,
        missing=_("Indiquez le nom du parcours."),
        taken=_("Ce parcours existe déjà."),
    )


def delete_theme_or_track(actor, obj: Theme | Track) -> None:
    """Delete a theme or a track; the sessions that had it simply lose it."""
    audit.record_deletion(
        actor, f"programme.{obj._meta.model_name}_deleted", obj, sessions=obj.sessions.count()
    )


# --------------------------------------------------------------------------- helpers


def _same_edition(edition: Edition, **objects) -> None:
    """Refuse objects (or lists of objects) belonging to another edition."""
    for field, value in objects.items():
        values = value if isinstance(value, list | tuple | set) else [value]
        for obj in values:
            if obj is not None and getattr(obj, "edition_id", edition.pk) != edition.pk:
                raise ValidationError({field: _("Ce choix appartient à une autre édition.")})


def _save_changes(actor, obj, fields: dict, action: str, *, unaudited=frozenset()) -> list[str]:
    """Write on `obj` the `fields` whose value differs, with one audit entry `action` naming them
    (but those in `unaudited`). Returns the names of the changed fields."""
    changed = [key for key, value in fields.items() if getattr(obj, key) != value]
    if changed:
        with transaction.atomic():
            for key in changed:
                setattr(obj, key, fields[key])
            obj.save()
            audit.record(
                actor,
                action,
                obj,
                edition=obj.edition,
                fields=[key for key in changed if key not in unaudited],
            )
    return changed


def _check_capacity(capacity) -> None:
    if capacity is not None and capacity <= 0:
        raise ValidationError({"capacity_override": _("La jauge doit être un nombre positif.")})


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


# --------------------------------------------------------------------------- sessions


def create_session(
    actor,
    edition: Edition,
    *,
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
    _same_edition(
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
    actor,
    session: Session,
    *,
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
    _same_edition(
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


def set_session_status(actor, session: Session, status: str) -> Session:
    """Accept, decline, cancel or restore a session. Declining or cancelling takes it out of the
    grid."""
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
            session.slot = None
            session.room = None
        session.save(update_fields=["status", "slot", "room", "updated_at"])
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


def _check_speaker(fields: dict) -> None:
    if fields.get("photo") and not (fields.get("photo_alt") or "").strip():
        raise ValidationError({"photo_alt": _("Décrivez la photo pour les lecteurs d'écran.")})
    gender = fields.get("gender")
    if gender and gender not in Speaker.Gender.values:
        raise ValidationError({"gender": _("Choix de genre inconnu.")})


def create_speaker(actor, edition: Edition, *, name: str, **fields) -> Speaker:
    refuse_unknown_fields(fields, SPEAKER_FIELDS, "speaker")
    if not name or not name.strip():
        raise ValidationError({"name": _("Indiquez le nom de l'intervenant·e.")})
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


def update_speaker(actor, speaker: Speaker, *, name: str | None = None, **fields) -> list[str]:
    refuse_unknown_fields(fields, SPEAKER_FIELDS, "speaker")
    if name is not None:
        if not name.strip():
            raise ValidationError({"name": _("Indiquez le nom de l'intervenant·e.")})
        fields["name"] = name.strip()
    merged = {
        "photo": fields.get("photo", speaker.photo),
        "photo_alt": fields.get("photo_alt", speaker.photo_alt),
        "gender": fields.get("gender"),
    }
    _check_speaker(merged)
    # the gender is never written to the audit log (data minimisation)
    return _save_changes(actor, speaker, fields, "programme.speaker_updated", unaudited={"gender"})


def add_session_speaker(
    actor, session: Session, speaker: Speaker, role: str = SessionSpeaker.Role.SPEAKER
) -> SessionSpeaker:
    """Add `speaker` to `session` with `role`, or change their role if already there."""
    _same_edition(session.edition, speaker=speaker)
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


def remove_session_speaker(actor, session: Session, speaker: Speaker) -> None:
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


# --------------------------------------------------------------------------- rooms and slots

ROOM_FIELDS = {"capacity", "step_free", "notes", "position", "available_from", "available_until"}


def _check_room(fields: dict) -> None:
    start, end = fields.get("available_from"), fields.get("available_until")
    if start and end and end <= start:
        raise ValidationError(
            {"available_until": _("La fin de disponibilité doit suivre son début.")}
        )
    if fields.get("capacity") is not None and fields["capacity"] <= 0:
        raise ValidationError({"capacity": _("La jauge doit être un nombre positif.")})


def create_room(actor, edition: Edition, *, name: str, capacity: int, **fields) -> Room:
    refuse_unknown_fields(fields, ROOM_FIELDS, "room")
    if not name or not name.strip():
        raise ValidationError({"name": _("Indiquez le nom de la salle.")})
    _check_room({"capacity": capacity, **fields})
    with transaction.atomic():
        room = Room.objects.create(edition=edition, name=name.strip(), capacity=capacity, **fields)
        audit.record(actor, "programme.room_created", room, edition=edition)
    return room


def update_room(actor, room: Room, **fields) -> list[str]:
    refuse_unknown_fields(fields, ROOM_FIELDS | {"name"}, "room")
    if "name" in fields and not (fields["name"] or "").strip():
        raise ValidationError({"name": _("Indiquez le nom de la salle.")})
    merged = {
        "capacity": fields.get("capacity", room.capacity),
        "available_from": fields.get("available_from", room.available_from),
        "available_until": fields.get("available_until", room.available_until),
    }
    _check_room(merged)
    return _save_changes(actor, room, fields, "programme.room_updated")


def delete_room(actor, room: Room) -> None:
    placed = Session.objects.filter(room=room, status__in=Session.PLACED_STATUSES).count()
    if placed:
        raise ValidationError(
            _("La salle %(room)s accueille %(count)d session(s) : retirez-les d'abord.")
            % {"room": room.name, "count": placed}
        )
    audit.record_deletion(actor, "programme.room_deleted", room)


def _check_slot(start: datetime | None, end: datetime | None) -> None:
    if not start:
        raise ValidationError({"start": _("Indiquez le début du créneau.")})
    if not end:
        raise ValidationError({"end": _("Indiquez la fin du créneau.")})
    if end <= start:
        raise ValidationError({"end": _("La fin du créneau doit suivre son début.")})


def create_slot(
    actor, edition: Edition, *, start: datetime, end: datetime, label: str = ""
) -> TimeSlot:
    _check_slot(start, end)
    with transaction.atomic():
        slot = TimeSlot.objects.create(edition=edition, start=start, end=end, label=label)
        audit.record(actor, "programme.slot_created", slot, edition=edition)
    return slot


def update_slot(actor, slot: TimeSlot, **fields) -> list[str]:
    refuse_unknown_fields(fields, {"start", "end", "label"}, "slot")
    _check_slot(fields.get("start", slot.start), fields.get("end", slot.end))
    return _save_changes(actor, slot, fields, "programme.slot_updated")


def delete_slot(actor, slot: TimeSlot) -> None:
    placed = Session.objects.filter(slot=slot, status__in=Session.PLACED_STATUSES).count()
    if placed:
        raise ValidationError(
            _("Le créneau %(slot)s contient %(count)d session(s) : retirez-les d'abord.")
            % {"slot": slot, "count": placed}
        )
    audit.record_deletion(actor, "programme.slot_deleted", slot)


# --------------------------------------------------------------------------- the grid


def place_session(actor, session: Session, slot: TimeSlot, room: Room) -> Session:
    """Put `session` in the cell (`slot`, `room`), moving it if it was elsewhere.

    Refused if the cell holds another session. Other conflicts (a speaker elsewhere at the same
    time, a room too small …) are allowed and listed by `nec.programme.timetable.conflicts`."""
    edition = session.edition
    _same_edition(edition, slot=slot, room=room)
    session.refresh_from_db(fields=["status", "slot", "room"])  # decide on the saved state
    if session.status not in Session.ACTIVE_STATUSES:
        raise ValidationError(
            _("La session « %(title)s » est « %(status)s » : acceptez-la avant de la placer.")
            % {"title": session.title, "status": session.get_status_display()}
        )
    with transaction.atomic():
        # lock the slot row so that two organisers cannot fill the same cell at once
        TimeSlot.objects.select_for_update().filter(pk=slot.pk).first()
        occupant = (
            Session.objects.filter(
                edition=edition, slot=slot, room=room, status__in=Session.PLACED_STATUSES
            )
            .exclude(pk=session.pk)
            .first()
        )
        if occupant is not None:
            raise ValidationError(
                _(
                    "Impossible de placer « %(title)s » : la salle %(room)s est déjà occupée "
                    "le %(slot)s par « %(occupant)s ». Déplacez ou retirez d'abord cette session."
                )
                % {"title": session.title, "room": room.name, "slot": slot, "occupant": occupant}
            )
        previous = (
            {"slot": str(session.slot), "room": session.room.name} if session.is_placed else None
        )
        if previous is not None and session.slot_id == slot.pk and session.room_id == room.pk:
            return session
        session.slot, session.room = slot, room
        if session.status == Status.ACCEPTED:
            session.status = Status.SCHEDULED
        session.save(update_fields=["slot", "room", "status", "updated_at"])
        audit.record(
            actor,
            "programme.session_moved" if previous else "programme.session_placed",
            session,
            edition=edition,
            previous=previous,
            slot=str(slot),
            room=room.name,
        )
    return session


def unplace_session(actor, session: Session) -> Session:
    """Take `session` out of the grid; a published session leaves the public programme at the
    next publication."""
    session.refresh_from_db(fields=["status", "slot", "room"])  # decide on the saved state
    if not session.is_placed and session.status not in Session.PLACED_STATUSES:
        raise ValidationError(
            _("La session « %(title)s » n'est pas dans la grille.") % {"title": session.title}
        )
    with transaction.atomic():
        previous = {"slot": str(session.slot), "room": str(session.room)}
        session.slot = session.room = None
        session.status = Status.ACCEPTED
        session.save(update_fields=["slot", "room", "status", "updated_at"])
        audit.record(
            actor, "programme.session_unplaced", session, edition=session.edition, **previous
        )
    return session


# --------------------------------------------------------------------------- publishing


def placed_for_publication(edition: Edition):
    """The sessions of `edition` placed in the grid (scheduled or published), i.e. what the next
    publication makes public, with what the charter checks need."""
    return charter.with_speakers(
        Session.objects.filter(
            edition=edition,
            status__in=Session.PLACED_STATUSES,
            slot__isnull=False,
            room__isnull=False,
        ).select_related("slot", "room")
    ).order_by("slot__start", "room__position", "title")


def _when(slot: TimeSlot) -> str:
    """'mardi 30/03 10:15–11:15' (local time), whatever the slot's label."""
    start, end = timezone.localtime(slot.start), timezone.localtime(slot.end)
    with translation.override("fr"):  # stored in the change log and e-mailed in French
        return f"{date_format(start, 'l d/m H:i')}–{end:%H:%M}"


def _snapshot(sessions) -> dict[str, dict]:
    return {
        str(session.pk): {
            "title": session.title,
            "slot": session.slot_id,
            "slot_label": _when(session.slot),
            "start": session.slot.start.isoformat(),
            "room": session.room_id,
            "room_name": session.room.name,
        }
        for session in sessions
    }


def latest_version(edition: Edition) -> ScheduleVersion | None:
    return ScheduleVersion.objects.filter(edition=edition).order_by("-number").first()


def _diff(previous: dict[str, dict], current: dict[str, dict]) -> dict[str, list[dict]]:
    def where(item: dict) -> str:
        return f"{item['slot_label']} — {item['room_name']}"

    added = [
        {"session": int(pk), "title": item["title"], "to": where(item)}
        for pk, item in current.items()
        if pk not in previous
    ]
    moved = [
        {
            "session": int(pk),
            "title": item["title"],
            "from": where(previous[pk]),
            "to": where(item),
        }
        for pk, item in current.items()
        if pk in previous
        and (previous[pk]["slot"], previous[pk]["room"]) != (item["slot"], item["room"])
    ]
    removed = [
        {"session": int(pk), "title": item["title"], "from": where(item)}
        for pk, item in previous.items()
        if pk not in current
    ]
    return {"added": added, "moved": moved, "removed": removed}


def schedule_changes(edition: Edition, sessions=None) -> dict[str, list[dict]]:
    """What publishing now would add, move and remove compared with the last version."""
    if sessions is None:
        sessions = placed_for_publication(edition)
    last = latest_version(edition)
    return _diff(last.snapshot if last else {}, _snapshot(sessions))


def publish_schedule(actor, edition: Edition) -> ScheduleVersion:
    """Publish every placed session of `edition` as a new numbered version of the schedule,
    with the change log since the previous one, and e-mail the speakers whose sessions moved.

    Refused while a session to publish breaks a hard rule of the charter."""
    with transaction.atomic():
        # one publication at a time per edition
        Edition.objects.select_for_update().filter(pk=edition.pk).first()
        sessions = list(placed_for_publication(edition))
        if not sessions:
            raise ValidationError(_("Aucune session n'est placée dans la grille : rien à publier."))
        blockers = charter.blocking_issues(sessions)
        if blockers:
            raise ValidationError(
                [_("Publication refusée par la charte.")]
                + [issue.message for _s, issue in blockers]
            )
        last = latest_version(edition)
        snapshot = _snapshot(sessions)
        changes = _diff(last.snapshot if last else {}, snapshot)
        if last is not None and not any(changes.values()):
            unpublished = [s for s in sessions if s.status != Status.PUBLISHED]
            if not unpublished:
                raise ValidationError(
                    _("Rien n'a changé depuis la version %(number)d.") % {"number": last.number}
                )
        Session.objects.filter(pk__in=[s.pk for s in sessions], status=Status.SCHEDULED).update(
            status=Status.PUBLISHED, updated_at=timezone.now()
        )
        version = ScheduleVersion.objects.create(
            edition=edition,
            number=(last.number + 1) if last else 1,
            published_by=actor if getattr(actor, "is_authenticated", False) else None,
            changelog=changes,
            snapshot=snapshot,
        )
        audit.record(
            actor,
            "programme.schedule_published",
            version,
            edition=edition,
            number=version.number,
            added=len(changes["added"]),
            moved=len(changes["moved"]),
            removed=len(changes["removed"]),
        )
    version.mails_sent, version.mails_failed = notify_speakers(version)
    return version


def notify_speakers(version: ScheduleVersion) -> tuple[int, int]:
    """E-mail each speaker (with an address) of the sessions added, moved or removed by
    `version`, once, listing their changes. Returns (sent, failed)."""
    kinds = (("added", _("Session au programme")), ("moved", _("Session déplacée")),
             ("removed", _("Session retirée du programme")))  # fmt: skip
    edition = version.edition
    public = edition.status != Edition.Status.DRAFT
    per_session: dict[int, list[dict]] = {}
    for kind, label in kinds:
        for item in version.changelog.get(kind, []):
            url = ""
            if public and kind != "removed":
                url = settings.BASE_URL + reverse(
                    "programme:session", kwargs={"edition": edition.slug, "pk": item["session"]}
                )
            per_session.setdefault(item["session"], []).append({**item, "kind": label, "url": url})
    if not per_session:
        return 0, 0
    per_speaker: dict[int, tuple[Speaker, list[dict]]] = {}
    links = SessionSpeaker.objects.filter(session_id__in=per_session).select_related("speaker")
    for link in links:
        if not link.speaker.email:
            continue
        entry = per_speaker.setdefault(link.speaker_id, (link.speaker, []))
        entry[1].extend(per_session[link.session_id])
    sent = failed = 0
    for speaker, changes in per_speaker.values():
        try:
            send_templated_mail(
                "programme/email/schedule_changed",
                {"speaker": speaker, "edition": version.edition, "version": version,
                 "changes": changes},
                to=[speaker.email],
            )  # fmt: skip
        except Exception:  # a mail failure must not undo the publication
            logger.exception("Schedule mail to speaker %s failed", speaker.pk)
            failed += 1
        else:
            sent += 1
    return sent, failed
