"""A small but complete edition for the robustness walk: every kind of row a page may show
(rooms, slots, a published session with its speaker, a call for proposals with a proposal, a
partner offer, registrations with bookings), and one person per role. Built through the
services where they exist, so that the rows are what the application itself makes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from nec.accounts.models import User
from nec.editions.models import Edition, Membership, Organisation, Partnership
from nec.programme.models import CallForProposals, PartnerOffer, Proposal, Session
from nec.programme.services import schedule, sessions, setup
from nec.registrations import booking
from nec.registrations.models import Registration
from nec.registrations.questionnaire import ensure_default_questionnaire

PARIS = ZoneInfo("Europe/Paris")


@dataclass
class World:
    edition: Edition
    draft: Edition
    session: Session
    organiser: User
    participant: User
    partner: User
    registration: Registration

    def slug_for(self, name: str) -> str:
        """A real value for a slug parameter of the URL `name`."""
        if name == "programme:speaker":
            return self.session.speaker_roles.first().speaker.slug
        if name == "editions:detail":
            return self.edition.slug
        return "x"


def _edition(slug: str, status: str, day: date) -> Edition:
    return Edition.objects.create(
        slug=slug,
        kind=Edition.Kind.NATIONAL,
        year=day.year,
        title=f"NEC {slug}",
        city="Clermont-Ferrand",
        venue="Polydome",
        start_date=day,
        end_date=day,
        status=status,
    )


def build_world() -> World:
    day = timezone.localdate() + timedelta(days=60)
    edition = _edition("nec-robuste", Edition.Status.PUBLISHED, day)
    draft = _edition("nec-brouillon", Edition.Status.DRAFT, day)
    organiser = User.objects.create_user("orga@robuste.example", first_name="Olga")
    participant = User.objects.create_user("participante@robuste.example", first_name="Paula")
    partner = User.objects.create_user("partenaire@robuste.example", first_name="Pia")
    organisation = Organisation.objects.create(name="Coop numérique", slug="coop-numerique")
    Partnership.objects.create(edition=edition, organisation=organisation, role="soutien")
    for target in (edition, draft):
        Membership.objects.create(user=organiser, edition=target, role=Membership.Role.ORGANISER)
        Membership.objects.create(
            user=partner, edition=target, role=Membership.Role.PARTNER, organisation=organisation
        )
        setup.ensure_default_format_types(target, actor=None)
        ensure_default_questionnaire(target)

    start = datetime(day.year, day.month, day.day, 10, tzinfo=PARIS)
    room = setup.create_room(edition, name="Salle Volcans", capacity=40, actor=None)
    slot = setup.create_slot(edition, start=start, end=start + timedelta(hours=1), actor=None)
    setup.create_slot(
        edition, start=start + timedelta(hours=2), end=start + timedelta(hours=3), actor=None
    )
    setup.create_theme(edition, name="Communs", actor=None)
    setup.create_track(edition, name="Accompagner l'autonomie", actor=None)
    speaker = sessions.create_speaker(
        edition, name="Inès Martin", gender="femme", public_consent=True, actor=None
    )
    session = sessions.create_session(
        edition,
        title="Atelier des communs",
        summary="Un atelier.",
        format_type=edition.format_types.get(slug="atelier"),
        actor=None,
    )
    sessions.add_session_speaker(session, speaker, actor=None)
    schedule.place_session(session, slot, room, actor=None)
    schedule.publish_schedule(edition, actor=organiser)
    session.refresh_from_db()

    now = timezone.now()
    CallForProposals.objects.create(
        edition=edition, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=30)
    )
    proposed = sessions.create_session(edition, title="Une proposition", actor=None)
    Proposal.objects.create(session=proposed, edition=edition, proposer=participant)
    PartnerOffer.objects.create(
        organisation=organisation,
        format_name="Atelier",
        title="Atelier clé en main",
        description="Une offre.",
        contact="contact@coop.example",
        published=True,
    )

    registration = Registration.objects.create(
        edition=edition,
        user=participant,
        email=participant.email,
        first_name="Paula",
        last_name="Participante",
        status=Registration.Status.CONFIRMED,
    )
    Registration.objects.create(
        edition=draft,
        user=participant,
        email=participant.email,
        first_name="Paula",
        last_name="Participante",
        status=Registration.Status.CONFIRMED,
    )
    booking.book(registration, session, actor=participant)
    return World(edition, draft, session, organiser, participant, partner, registration)
