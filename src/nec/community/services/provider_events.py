"""Delivery events reported afterwards by the mail provider (Brevo through django-anymail's
tracking webhook), for what SMTP cannot tell at sending time: a hard bounce or a block marks the
address as bouncing (it is left out of later mailings), a spam complaint or the provider's own
unsubscribe withdraws the consent of the mailing's purpose. Soft bounces, deliveries, opens and
clicks change nothing: opens and clicks are measured by our own links, with consent."""

from __future__ import annotations

import logging

from anymail.signals import AnymailTrackingEvent, EventType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from nec.community.models import Contact, Recipient
from nec.community.services.contacts import (
    mark_bouncing,
    normalise_email,
    withdraw_consent,
)
from nec.core.ids import parse_id

logger = logging.getLogger(__name__)

#: the provider's own event names that are temporary failures although anymail says "bounced"
TEMPORARY = {"soft_bounce", "deferred"}


def _recipient(event: AnymailTrackingEvent, email: str) -> Recipient | None:
    """The receipt the event is about: by the id we put in the message's metadata, checked
    against the address; else the latest receipt of that address."""
    receipts = Recipient.objects.filter(email=email).select_related("mailing")
    metadata = event.metadata if isinstance(event.metadata, dict) else {}
    recipient_id = parse_id(metadata.get("recipient"))
    if recipient_id is not None:
        found = receipts.filter(pk=recipient_id).first()
        if found is not None:
            return found
    return receipts.order_by("-pk").first()


def record_provider_event(event: AnymailTrackingEvent, *, esp_name: str = "") -> str:
    """Apply one tracking event; returns what was done ("bouncing", "unsubscribed", "ignored")."""
    if not isinstance(event.recipient, str):  # a payload of another shape: nothing to apply
        return "ignored"
    try:
        email = normalise_email(event.recipient)
    except ValidationError:  # not an address (empty, garbled): about nobody
        return "ignored"
    esp_type = (event.esp_event or {}).get("event", "") if isinstance(event.esp_event, dict) else ""
    permanent_failure = (
        event.event_type in (EventType.BOUNCED, EventType.REJECTED) and esp_type not in TEMPORARY
    )
    opting_out = event.event_type in (EventType.COMPLAINED, EventType.UNSUBSCRIBED)
    if not (permanent_failure or opting_out):
        return "ignored"
    with transaction.atomic():
        recipient = _recipient(event, email)
        contact = Contact.objects.filter(email=email).first()
        if permanent_failure:
            reason = (event.mta_response or esp_type or "bounce")[:300]
            if recipient is not None:
                Recipient.objects.filter(pk=recipient.pk).update(bounced=True, error=reason)
            mark_bouncing(contact, source=f"{esp_name}:{esp_type}", reason=reason)
            return "bouncing"
        if contact is not None and recipient is not None:
            withdraw_consent(contact, recipient.mailing.purpose, source=f"{esp_name}:{esp_type}")
            Recipient.objects.filter(pk=recipient.pk, unsubscribed_at__isnull=True).update(
                unsubscribed_at=timezone.now()
            )
        return "unsubscribed"


def on_tracking(sender, event: AnymailTrackingEvent, esp_name: str, **kwargs) -> None:
    """anymail's `tracking` signal receiver."""
    outcome = record_provider_event(event, esp_name=esp_name)
    logger.info("provider event %s for a recipient: %s", event.event_type, outcome)
