"""Models of the local editions: applications and their instruction, the grant agreement, the
follow-up (milestones, committees)."""

from nec.localeditions.models.agreement import Agreement
from nec.localeditions.models.application import Application, RefusalReason
from nec.localeditions.models.drafts import ApplicationAttachment, ApplicationDraft
from nec.localeditions.models.followup import Committee, Milestone
from nec.localeditions.models.instruction import Message

__all__ = [
    "Agreement",
    "Application",
    "ApplicationAttachment",
    "ApplicationDraft",
    "Committee",
    "Message",
    "Milestone",
    "RefusalReason",
]
