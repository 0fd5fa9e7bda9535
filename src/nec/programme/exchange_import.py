"""Importing a schedule (read by `nec.programme.exchange_parse`) into an edition.

Rooms, slots, format types, tracks, sessions, speakers and placing in the grid all go through the
programme services, as in the espace organisation: an import gets the same checks and the same
audit entries. The dry run applies the file and rolls everything back, so that it reports each
item a check refuses; applying writes everything in one transaction, or nothing if any item is
refused. Re-importing updates what an earlier import (or our own export) created instead of
duplicating it."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify

from nec.core import audit
from nec.editions.models import Edition
from nec.programme.exchange_common import session_guid
from nec.programme.exchange_parse import ParsedEvent, ParsedPerson, ParsedSchedule
from nec.programme.models import (
    FormatType,
    ImportedItem,
    Room,
    Session,
    SessionSpeaker,
    Speaker,
    TimeSlot,
    Track,
)
from nec.programme.services.common import Actor
from nec.programme.services.schedule import place_session
from nec.programme.services.sessions import (
    add_session_speaker,
    create_session,
    create_speaker,
    order_session_speakers,
    remove_session_speaker,
    update_session,
)
from nec.programme.services.setup import (
    create_room,
    create_slot,
    create_track,
    save_format_type,
    update_room,
)


@dataclass
class ImportPlan:
    """What applying would do (dry run) or did."""

    parsed: ParsedSchedule
    sessions_created: list[str] = field(default_factory=list)
    sessions_updated: list[str] = field(default_factory=list)
    speakers_created: int = 0
    rooms_created: int = 0
    slots_created: int = 0
    #: the events a service refused, with why
    refused: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return self.parsed.errors + self.refused

    @property
    def ok(self) -> bool:
        return not self.errors

    def _counts(self) -> tuple[int, int, int, int, int]:
        return (
            len(self.sessions_created),
            len(self.sessions_updated),
            self.speakers_created,
            self.rooms_created,
            self.slots_created,
        )

    def _reset(self, counts: tuple[int, int, int, int, int]) -> None:
        """Forget what was counted since `counts` (an event that was refused)."""
        created, updated, speakers, rooms, slots = counts
        del self.sessions_created[created:]
        del self.sessions_updated[updated:]
        self.speakers_created, self.rooms_created, self.slots_created = speakers, rooms, slots


def _mapped(edition: Edition, kind: str) -> dict[str, int]:
    return dict(
        ImportedItem.objects.filter(edition=edition, kind=kind).values_list(
            "external_id", "object_id"
        )
    )


def _remember(edition: Edition, kind: str, external_id: str, obj: models.Model) -> None:
    """Note that the imported item `external_id` is our row `obj` (a later import updates it)."""
    ImportedItem.objects.update_or_create(
        edition=edition, kind=kind, external_id=external_id, defaults={"object_id": obj.pk}
    )


def _own_session_guids(edition: Edition) -> dict[str, int]:
    return {session_guid(s): s.pk for s in Session.objects.filter(edition=edition)}


class _Importer:
    """Writes the events of `parsed` into `edition` one by one, each in a savepoint: an event a
    service refuses is rolled back and noted in `plan.refused`, and the next ones still go."""

    def __init__(self, edition: Edition, parsed: ParsedSchedule, plan: ImportPlan, actor: Actor):
        self.edition, self.parsed, self.plan, self.actor = edition, parsed, plan, actor
        self._load()

    def _load(self) -> None:
        """What the edition has, to match the file's items by name, time or identifier."""
        edition = self.edition
        self.rooms = {r.name: r for r in Room.objects.filter(edition=edition)}
        self.formats = {f.name.lower(): f for f in FormatType.objects.filter(edition=edition)}
        self.tracks = {t.name.lower(): t for t in Track.objects.filter(edition=edition)}
        self.slots = {(s.start, s.end): s for s in TimeSlot.objects.filter(edition=edition)}
        self.session_map = _own_session_guids(edition) | _mapped(edition, ImportedItem.Kind.SESSION)
        self.speaker_map = _mapped(edition, ImportedItem.Kind.SPEAKER)
        self.speakers_by_name = {s.name: s for s in Speaker.objects.filter(edition=edition)}

    def run(self) -> None:
        for event in self.parsed.events:
            counts = self.plan._counts()
            try:
                with transaction.atomic():
                    self._event(event)
            except ValidationError as error:
                self.plan.refused.append(f"{event.where} : {' '.join(error.messages)}")
                self.plan._reset(counts)
                self._load()  # what the refused event did is rolled back

    def _event(self, event: ParsedEvent) -> None:
        edition, actor = self.edition, self.actor
        room = self._room(event.room)
        slot = self._slot(event)
        fields = {
            "title": event.title[:250],
            "summary": event.abstract,
            "description": event.description,
            "format_type": self._format_type(event),
            "track": self._track(event.track),
            "language": event.language,
        }
        session = None
        if event.external_id in self.session_map:
            session = Session.objects.filter(
                edition=edition, pk=self.session_map[event.external_id]
            ).first()
        if session is None:
            session = create_session(edition, actor=actor, **fields)
            self.plan.sessions_created.append(event.title)
        else:
            update_session(session, actor=actor, **fields)
            self.plan.sessions_updated.append(event.title)
        place_session(session, slot, room, actor=actor)
        _remember(edition, ImportedItem.Kind.SESSION, event.external_id, session)
        self.session_map[event.external_id] = session.pk
        self._speakers(session, event.persons)

    def _room(self, given: str) -> Room:
        name = given.strip()
        # the capacity is optional in the schedule JSON and absent from the frab XML: unknown, the
        # room is created with a capacity to fill in, and gets it from a later import that has it
        capacity = self.parsed.room_capacity.get(given) or None
        room = self.rooms.get(name)
        if room is None:
            room = create_room(
                self.edition,
                actor=self.actor,
                name=name,
                capacity=capacity,
                position=len(self.rooms) + 1,
            )
            self.rooms[room.name] = room
            self.plan.rooms_created += 1
        elif capacity and not room.capacity:
            update_room(room, actor=self.actor, capacity=capacity)
        return room

    def _slot(self, event: ParsedEvent) -> TimeSlot:
        slot = self.slots.get((event.start, event.end))
        if slot is None:
            slot = create_slot(self.edition, actor=self.actor, start=event.start, end=event.end)
            self.slots[(event.start, event.end)] = slot
            self.plan.slots_created += 1
        return slot

    def _format_type(self, event: ParsedEvent) -> FormatType | None:
        """The format type named `event.type` (matched by name, then by identifier), created
        with the event's duration as its default duration if the edition has none."""
        name = event.type[:80].strip()
        if not name:
            return None
        format_type = self.formats.get(name.lower())
        if format_type is None:
            slug = slugify(name)[:80] or "format"
            format_type = FormatType.objects.filter(edition=self.edition, slug=slug).first()
        if format_type is None:
            minutes = int((event.end - event.start).total_seconds() // 60)
            format_type = save_format_type(
                self.edition,
                None,
                actor=self.actor,
                name=name,
                default_duration_minutes=min(max(minutes, 5), 32000),
            )
        self.formats[name.lower()] = format_type
        return format_type

    def _track(self, name: str) -> Track | None:
        name = name[:120].strip()
        if not name:
            return None
        track = self.tracks.get(name.lower())
        if track is None:
            track = create_track(self.edition, actor=self.actor, name=name)
            self.tracks[name.lower()] = track
        return track

    def _speakers(self, session: Session, people: list[ParsedPerson]) -> None:
        """Make `people` the speakers of `session`, in this order: matched by the identifier an
        earlier import noted, then by name, else created."""
        edition, actor = self.edition, self.actor
        wanted: list[Speaker] = []
        for person in people:
            speaker = None
            if person.external_id in self.speaker_map:
                speaker = Speaker.objects.filter(
                    edition=edition, pk=self.speaker_map[person.external_id]
                ).first()
            if speaker is None:
                speaker = self.speakers_by_name.get(person.name)
            if speaker is None:
                speaker = create_speaker(
                    edition, actor=actor, name=person.name[:200], bio=person.biography
                )
                self.speakers_by_name[speaker.name] = speaker
                self.plan.speakers_created += 1
            _remember(edition, ImportedItem.Kind.SPEAKER, person.external_id, speaker)
            self.speaker_map[person.external_id] = speaker.pk
            if speaker.pk not in {s.pk for s in wanted}:
                wanted.append(speaker)
        links = SessionSpeaker.objects.filter(session=session).select_related("speaker")
        current = {link.speaker_id: link.speaker for link in links}
        wanted_pks = [speaker.pk for speaker in wanted]
        for speaker_pk, speaker in current.items():
            if speaker_pk not in wanted_pks:
                remove_session_speaker(session, speaker, actor=actor)
        for speaker in wanted:
            if speaker.pk not in current:
                add_session_speaker(session, speaker, actor=actor)
        order = SessionSpeaker.objects.filter(session=session).order_by("position", "id")
        if list(order.values_list("speaker_id", flat=True)) != wanted_pks:
            order_session_speakers(session, wanted, actor=actor)


def plan_import(edition: Edition, parsed: ParsedSchedule, *, actor: Actor) -> ImportPlan:
    """Dry run: what applying `parsed` would create and update, and what the services would
    refuse. The import is played then rolled back: nothing is written."""
    plan = ImportPlan(parsed=parsed)
    if parsed.errors:
        return plan
    with transaction.atomic():
        _Importer(edition, parsed, plan, actor).run()
        transaction.set_rollback(True)
    return plan


def apply_import(edition: Edition, parsed: ParsedSchedule, *, actor: Actor) -> ImportPlan:
    """Write the parsed schedule into `edition` in one transaction; updates what an earlier
    import (or our own export) created instead of duplicating it. Writes nothing if anything is
    wrong (see `ImportPlan.errors`)."""
    plan = ImportPlan(parsed=parsed)
    if parsed.errors:
        return plan
    with transaction.atomic():
        _Importer(edition, parsed, plan, actor).run()
        if not plan.ok:
            transaction.set_rollback(True)
            return plan
        audit.record(
            actor,
            "programme.schedule_imported",
            edition,
            edition=edition,
            format=parsed.kind,
            created=len(plan.sessions_created),
            updated=len(plan.sessions_updated),
            speakers_created=plan.speakers_created,
        )
    return plan
