"""Sending a mailing, crash-safe. Each recipient row goes pending → sending → sent / failed, and
the "sending" mark is committed BEFORE the SMTP exchange and "sent" right after it: a worker
killed in between leaves rows "sending", which `recover_stalled` turns into "uncertain" (listed
on the mailing's page, never resent blindly). Batches are claimed under row locks
(`SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL; on SQLite every write transaction is
IMMEDIATE, so one claimer at a time), so several workers never claim the same row."""

from __future__ import annotations

import contextlib
import logging
import smtplib
import socket
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from nec.community.models import Mailing, Recipient
from nec.community.rendering import build_message, contact_values
from nec.community.services.contacts import mark_bouncing
from nec.core import audit

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


def _setting(name: str, default: int) -> int:
    """A setting of the app (`nec.settings` reads it from the environment), else `default`."""
    return int(getattr(settings, name, None) or default)


def batch_size() -> int:
    """Recipients claimed at once by a worker (COMMUNITY_BATCH_SIZE, default 100)."""
    return _setting("COMMUNITY_BATCH_SIZE", 100)


def sending_lease() -> timedelta:
    """How long a row may stay "sending" before a restarted worker deems it abandoned
    (COMMUNITY_SENDING_LEASE_SECONDS, default 600)."""
    return timedelta(seconds=_setting("COMMUNITY_SENDING_LEASE_SECONDS", 600))


def chunk_size() -> int:
    """Recipients marked "sending" together before their SMTP exchanges (COMMUNITY_CHUNK_SIZE,
    default 10): at most this many are uncertain after a crash; one commit per chunk, not per
    message."""
    return _setting("COMMUNITY_CHUNK_SIZE", 10)


def claim_batch(mailing_id: int, size: int) -> list[Recipient]:
    """Reserve up to `size` pending recipients for this worker (committed): they stay
    "pending", with a claim time that hides them from other workers for the lease. A worker
    that dies leaves them pending: claimed again once the lease is over, never lost."""
    now = timezone.now()
    with transaction.atomic():
        rows = Recipient.objects.filter(
            mailing_id=mailing_id, state=Recipient.State.PENDING
        ).filter(Q(claimed_at__isnull=True) | Q(claimed_at__lte=now - sending_lease()))
        if db_connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        ids = list(rows.order_by("pk").values_list("pk", flat=True)[:size])
        Recipient.objects.filter(pk__in=ids).update(claimed_at=now)
    return list(Recipient.objects.filter(pk__in=ids).select_related("contact").order_by("pk"))


def mark_sending(recipients: list[Recipient]) -> list[Recipient]:
    """Mark a chunk "sending" (committed) right before its SMTP exchanges; returns those still
    pending (a pause or another worker may have changed the others)."""
    with transaction.atomic():
        ids = list(
            Recipient.objects.filter(
                pk__in=[row.pk for row in recipients], state=Recipient.State.PENDING
            ).values_list("pk", flat=True)
        )
        Recipient.objects.filter(pk__in=ids).update(
            state=Recipient.State.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
    kept = set(ids)
    for row in recipients:
        row.attempts += 1
    return [row for row in recipients if row.pk in kept]


def _permanent(error: Exception) -> tuple[bool, str]:
    """(permanent failure?, message) for an SMTP error."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, message = next(iter(error.recipients.values()))
        return code >= 500, f"{code} {message!r}"[:300]
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500, f"{error.smtp_code} {error.smtp_error!r}"[:300]
    return False, repr(error)[:300]


def _send_one(mailing: Mailing, recipient: Recipient, mail_connection) -> str:
    """Send to one recipient; "sent" (written by the caller, per chunk), "failed" (written
    here), or "broken" (the connection is lost: the row went back to pending)."""
    message = build_message(
        mailing,
        email=recipient.email,
        values=contact_values(recipient.contact),
        contact_id=recipient.contact_id,
        recipient_id=recipient.pk,
        measure_opens=recipient.measure_opens,
        connection=mail_connection,
    )
    rows = Recipient.objects.filter(pk=recipient.pk)
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        permanent, text = _permanent(error)
        if permanent:
            rows.update(state=Recipient.State.FAILED, bounced=True, error=text)
            mark_bouncing(recipient.contact, source="smtp", reason=text)
            return "failed"
        # temporary (4xx, connection lost): back in the queue, up to MAX_ATTEMPTS
        state = (
            Recipient.State.FAILED
            if recipient.attempts >= MAX_ATTEMPTS
            else Recipient.State.PENDING
        )
        rows.update(state=state, error=text, claimed_at=None)
        logger.warning("mailing %s: temporary failure for %s: %s", mailing.pk, recipient.pk, text)
        broken = isinstance(error, smtplib.SMTPServerDisconnected) or not isinstance(
            error, smtplib.SMTPException
        )
        return "broken" if broken else "failed"
    return "sent"


def _open_connection():
    """The mail backend's connection, opened once per batch. On an SMTP connection, Nagle's
    algorithm is turned off: with it, each message waits for the server's delayed ACK (~40 ms)."""
    mail_connection = get_connection(fail_silently=False)
    mail_connection.open()
    sock = getattr(getattr(mail_connection, "connection", None), "sock", None)
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return mail_connection


def recover_stalled(*, older_than: timedelta | None = None) -> int:
    """Rows left "sending" by a dead worker (marked longer ago than the lease) become
    "uncertain": they may or may not have reached the server. Its pending rows are released.
    Returns how many became uncertain."""
    limit = timezone.now() - (sending_lease() if older_than is None else older_than)
    with transaction.atomic():
        Recipient.objects.filter(state=Recipient.State.PENDING, claimed_at__lte=limit).update(
            claimed_at=None
        )
        stalled = Recipient.objects.filter(state=Recipient.State.SENDING, claimed_at__lte=limit)
        count = stalled.update(state=Recipient.State.UNCERTAIN)
        if count:
            audit.record(None, "community.recipients_uncertain", count=count)
    return count


def _finish_if_done(mailing_id: int) -> None:
    with transaction.atomic():
        open_rows = Recipient.objects.filter(
            mailing_id=mailing_id,
            state__in=[Recipient.State.PENDING, Recipient.State.SENDING],
        )
        if not open_rows.exists():
            updated = Mailing.objects.filter(pk=mailing_id, status=Mailing.Status.SENDING).update(
                status=Mailing.Status.DONE, finished_at=timezone.now()
            )
            if updated:
                audit.record(None, "community.mailing_done", Mailing.objects.get(pk=mailing_id))


def _send_batch(mailing: Mailing, batch: list[Recipient], mail_connection) -> int:
    """Send a claimed batch chunk by chunk; returns how many were sent."""
    delay = 60 / mailing.rate_per_minute if mailing.rate_per_minute else 0
    size = chunk_size()
    sent = 0
    for start in range(0, len(batch), size):
        chunk = mark_sending(batch[start : start + size])
        done: list[int] = []
        broken_at = None
        for index, recipient in enumerate(chunk):
            started = time.monotonic()
            outcome = _send_one(mailing, recipient, mail_connection)
            if outcome == "sent":
                done.append(recipient.pk)
            elif outcome == "broken":
                broken_at = index
                break
            if delay:
                time.sleep(max(0.0, delay - (time.monotonic() - started)))
        Recipient.objects.filter(pk__in=done).update(
            state=Recipient.State.SENT, sent_at=timezone.now(), error=""
        )
        sent += len(done)
        if broken_at is not None:
            # connection lost: never attempted rows go back to the queue
            untried = [row.pk for row in chunk[broken_at + 1 :]]
            Recipient.objects.filter(pk__in=untried).update(
                state=Recipient.State.PENDING, claimed_at=None, attempts=F("attempts") - 1
            )
            return sent
    return sent


def run_mailing(mailing_id: int, *, max_batches: int | None = None) -> int:
    """Send the pending recipients of a mailing, batch after batch, while it stays "sending";
    returns how many messages this call sent. Safe to run in several workers at once."""
    recover_stalled()
    sent = 0
    batches = 0
    while max_batches is None or batches < max_batches:
        mailing = Mailing.objects.filter(pk=mailing_id).first()
        if mailing is None or mailing.status != Mailing.Status.SENDING:
            return sent
        batch = claim_batch(mailing_id, batch_size())
        if not batch:
            _finish_if_done(mailing_id)
            return sent
        batches += 1
        mail_connection = _open_connection()
        try:
            sent += _send_batch(mailing, batch, mail_connection)
        finally:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                mail_connection.close()
            # whatever was not attempted (connection lost, error) is free for any worker again
            Recipient.objects.filter(
                pk__in=[row.pk for row in batch], state=Recipient.State.PENDING
            ).update(claimed_at=None)
    return sent


@task()
def send_mailing_task(mailing_id: int) -> int:
    """Send a mailing's pending recipients (the background side of `run_mailing`)."""
    return run_mailing(mailing_id)
