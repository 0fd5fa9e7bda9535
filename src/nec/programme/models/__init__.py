"""The programme's models, one module per area; imported here so that Django finds them in the
programme app and callers import them from `nec.programme.models`."""

from nec.programme.models.cfp import CallForProposals, PartnerOffer, Proposal, Review
from nec.programme.models.exchange import ImportedItem
from nec.programme.models.schedule import ScheduleVersion
from nec.programme.models.sessions import Session, SessionSpeaker, Speaker
from nec.programme.models.setup import FormatType, Room, Theme, TimeSlot, Track

__all__ = [
    "CallForProposals",
    "FormatType",
    "ImportedItem",
    "PartnerOffer",
    "Proposal",
    "Review",
    "Room",
    "ScheduleVersion",
    "Session",
    "SessionSpeaker",
    "Speaker",
    "Theme",
    "TimeSlot",
    "Track",
]
