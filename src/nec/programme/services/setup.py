"""The frame of an edition's programme: format types (with NEC's defaults), themes, tracks
("parcours"), rooms and time slots ("créneaux")."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from nec.core import audit
from nec.core.validation import refuse_unknown_fields
from nec.editions.models import Edition
from nec.programme.models import FormatType, Room, Session, Theme, TimeSlot, Track
from nec.programme.services.common import Actor, save_changes

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


def ensure_default_format_types(edition: Edition, *, actor: Actor) -> list[FormatType]:
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
    edition: Edition, format_type: FormatType | None, *, actor: Actor, **fields
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
            save_changes(format_type, fields, "programme.format_type_updated", actor=actor)
    return format_type


# --------------------------------------------------------------------------- themes, tracks


def _create_named(
    edition: Edition,
    model: type[Theme | Track],
    name: str,
    description: str,
    *,
    actor: Actor,
    missing: str,
    taken: str,
) -> Theme | Track:
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


def create_theme(edition: Edition, *, actor: Actor, name: str, description: str = "") -> Theme:
    return _create_named(
        edition,
        Theme,
        name,
        description,
        actor=actor,
        missing=_("Indiquez le nom du thème."),
        taken=_("Ce thème existe déjà."),
    )


def create_track(edition: Edition, *, actor: Actor, name: str, description: str = "") -> Track:
    return _create_named(
        edition,
        Track,
        name,
        description,
        actor=actor,
        missing=_("Indiquez le nom du parcours."),
        taken=_("Ce parcours existe déjà."),
    )


def delete_theme_or_track(obj: Theme | Track, *, actor: Actor) -> None:
    """Delete a theme or a track; the sessions that had it simply lose it."""
    audit.record_deletion(
        actor, f"programme.{obj._meta.model_name}_deleted", obj, sessions=obj.sessions.count()
    )


# --------------------------------------------------------------------------- rooms

ROOM_FIELDS = {"capacity", "step_free", "notes", "position", "available_from", "available_until"}


def _check_room(fields: dict) -> None:
    start, end = fields.get("available_from"), fields.get("available_until")
    if start and end and end <= start:
        raise ValidationError(
            {"available_until": _("La fin de disponibilité doit suivre son début.")}
        )
    if fields.get("capacity") is not None and fields["capacity"] <= 0:
        raise ValidationError({"capacity": _("La jauge doit être un nombre positif.")})


def create_room(
    edition: Edition, *, actor: Actor, name: str, capacity: int | None, **fields
) -> Room:
    """Add a room to `edition`. A `capacity` of None means not known yet (an imported schedule
    without capacities): the room is saved with a capacity of 0 for the team to fill in."""
    refuse_unknown_fields(fields, ROOM_FIELDS, "room")
    if not name or not name.strip():
        raise ValidationError({"name": _("Indiquez le nom de la salle.")})
    _check_room({"capacity": capacity, **fields})
    with transaction.atomic():
        room = Room.objects.create(
            edition=edition, name=name.strip(), capacity=capacity or 0, **fields
        )
        audit.record(actor, "programme.room_created", room, edition=edition)
    return room


def update_room(room: Room, *, actor: Actor, **fields) -> list[str]:
    refuse_unknown_fields(fields, ROOM_FIELDS | {"name"}, "room")
    if "name" in fields and not (fields["name"] or "").strip():
        raise ValidationError({"name": _("Indiquez le nom de la salle.")})
    merged = {
        "capacity": fields.get("capacity", room.capacity),
        "available_from": fields.get("available_from", room.available_from),
        "available_until": fields.get("available_until", room.available_until),
    }
    _check_room(merged)
    return save_changes(room, fields, "programme.room_updated", actor=actor)


def delete_room(room: Room, *, actor: Actor) -> None:
    placed = Session.objects.filter(room=room, status__in=Session.PLACED_STATUSES).count()
    if placed:
        raise ValidationError(
            _("La salle %(room)s accueille %(count)d session(s) : retirez-les d'abord.")
            % {"room": room.name, "count": placed}
        )
    if Session.objects.filter(published_room=room).exists():
        raise ValidationError(
            _(
                "La salle %(room)s figure dans le programme publié : publiez d'abord la grille "
                "qui ne l'utilise plus."
            )
            % {"room": room.name}
        )
    audit.record_deletion(actor, "programme.room_deleted", room)


# --------------------------------------------------------------------------- slots


def _check_slot(start: datetime | None, end: datetime | None) -> None:
    if not start:
        raise ValidationError({"start": _("Indiquez le début du créneau.")})
    if not end:
        raise ValidationError({"end": _("Indiquez la fin du créneau.")})
    if end <= start:
        raise ValidationError({"end": _("La fin du créneau doit suivre son début.")})


def create_slot(
    edition: Edition, *, actor: Actor, start: datetime, end: datetime, label: str = ""
) -> TimeSlot:
    _check_slot(start, end)
    with transaction.atomic():
        slot = TimeSlot.objects.create(edition=edition, start=start, end=end, label=label)
        audit.record(actor, "programme.slot_created", slot, edition=edition)
    return slot


def update_slot(slot: TimeSlot, *, actor: Actor, **fields) -> list[str]:
    refuse_unknown_fields(fields, {"start", "end", "label"}, "slot")
    _check_slot(fields.get("start", slot.start), fields.get("end", slot.end))
    return save_changes(slot, fields, "programme.slot_updated", actor=actor)


def delete_slot(slot: TimeSlot, *, actor: Actor) -> None:
    placed = Session.objects.filter(slot=slot, status__in=Session.PLACED_STATUSES).count()
    if placed:
        raise ValidationError(
            _("Le créneau %(slot)s contient %(count)d session(s) : retirez-les d'abord.")
            % {"slot": slot, "count": placed}
        )
    if Session.objects.filter(published_slot=slot).exists():
        raise ValidationError(
            _(
                "Le créneau %(slot)s figure dans le programme publié : publiez d'abord la grille "
                "qui ne l'utilise plus."
            )
            % {"slot": slot}
        )
    audit.record_deletion(actor, "programme.slot_deleted", slot)
