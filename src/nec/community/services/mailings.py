"""Composing and steering mailings: compose (placeholders checked at once), test send to
oneself, schedule or start (the recipients are fixed then: the segment's contacts who consented
to the mailing's purpose and whose address works), pause and resume."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from nec.community.models import Consent, Contact, Mailing, Purpose, Recipient, Segment
from nec.community.rendering import check_mailing_text, message_for_user
from nec.community.selectors import contacts_matching, mailable
from nec.community.services.sending import recover_stalled, send_mailing_task, sending_lease
from nec.core import audit

FIELDS = ("subject", "body", "segment", "purpose", "rate_per_minute")


def save_mailing(data: dict, *, actor, mailing: Mailing | None = None) -> Mailing:
    """Create or change a draft; an unknown placeholder is refused here, not at sending."""
    mailing = mailing or Mailing(created_by=actor if actor.is_authenticated else None)
    if mailing.pk and mailing.status != Mailing.Status.DRAFT:
        raise ValidationError(_("Cet envoi est déjà parti : il ne peut plus être modifié."))
    try:
        check_mailing_text(data["subject"], data["body"])
    except ValidationError as error:
        raise ValidationError({"body": error.messages}) from error
    for name in FIELDS:
        if name in data:
            setattr(mailing, name, data[name])
    with transaction.atomic():
        mailing.save()
        audit.record(actor, "community.mailing_saved", mailing)
    return mailing


def recipients_of(segment: Segment | None, purpose: str):
    if segment is None:
        return Contact.objects.none()
    return mailable(contacts_matching(segment.filters), purpose)


def send_test(mailing: Mailing, *, actor) -> None:
    """The mailing as the actor would receive it, to the actor's own address."""
    message = message_for_user(mailing, actor)
    message.subject = _("[Test] %(subject)s") % {"subject": message.subject}
    message.send()
    audit.record(actor, "community.mailing_test_sent", mailing)


def _materialise(mailing: Mailing) -> int:
    contacts = recipients_of(mailing.segment, mailing.purpose)
    measured = set(
        Consent.objects.filter(
            purpose=Purpose.OPEN_TRACKING,
            status=Consent.Status.GRANTED,
            contact__in=contacts,
        ).values_list("contact_id", flat=True)
    )
    rows = [
        Recipient(mailing=mailing, contact_id=pk, email=email, measure_opens=pk in measured)
        for pk, email in contacts.values_list("pk", "email").iterator()
    ]
    Recipient.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return len(rows)


def schedule(mailing: Mailing, *, actor, at: datetime | None = None) -> Mailing:
    """Fix the recipients and start now (`at` None or past) or at `at`. Refused for an empty
    segment."""
    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
        if mailing.status != Mailing.Status.DRAFT:
            raise ValidationError(_("Cet envoi est déjà programmé ou parti."))
        if not recipients_of(mailing.segment, mailing.purpose).exists():
            raise ValidationError(
                _(
                    "Le segment ne compte aucun contact ayant consenti à cette finalité : "
                    "rien à envoyer."
                )
            )
        count = _materialise(mailing)
        now = timezone.now()
        if at is not None and at > now:
            mailing.status = Mailing.Status.SCHEDULED
            mailing.scheduled_at = at
        else:
            mailing.status = Mailing.Status.SENDING
            mailing.started_at = now
        mailing.save(update_fields=["status", "scheduled_at", "started_at"])
        audit.record(actor, "community.mailing_scheduled", mailing, recipients=count, at=at)
        if mailing.status == Mailing.Status.SENDING:
            transaction.on_commit(lambda: send_mailing_task.enqueue(mailing.pk))
    return mailing


def start_due_mailings() -> int:
    """Start the scheduled mailings whose time has come (periodic)."""
    started = 0
    due = Mailing.objects.filter(
        status=Mailing.Status.SCHEDULED, scheduled_at__lte=timezone.now()
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            updated = Mailing.objects.filter(pk=pk, status=Mailing.Status.SCHEDULED).update(
                status=Mailing.Status.SENDING, started_at=timezone.now()
            )
            if updated:
                started += 1
                transaction.on_commit(lambda pk=pk: send_mailing_task.enqueue(pk))
    return started


def pause(mailing: Mailing, *, actor) -> None:
    with transaction.atomic():
        updated = Mailing.objects.filter(pk=mailing.pk, status=Mailing.Status.SENDING).update(
            status=Mailing.Status.PAUSED
        )
        if not updated:
            raise ValidationError(_("Seul un envoi en cours peut être mis en pause."))
        audit.record(actor, "community.mailing_paused", mailing)


def resume(mailing: Mailing, *, actor) -> None:
    with transaction.atomic():
        updated = Mailing.objects.filter(pk=mailing.pk, status=Mailing.Status.PAUSED).update(
            status=Mailing.Status.SENDING
        )
        if not updated:
            raise ValidationError(_("Seul un envoi en pause peut reprendre."))
        audit.record(actor, "community.mailing_resumed", mailing)
        transaction.on_commit(lambda: send_mailing_task.enqueue(mailing.pk))


def resend_uncertain(mailing: Mailing, emails: list[str], *, actor) -> int:
    """Send again to the uncertain addresses the team checked did not receive the mailing (a
    crash left them between "claimed" and "sent"): they become pending and the mailing sends
    them, once each. Returns how many."""
    wanted = {email.strip().lower() for email in emails if email.strip()}
    if not wanted:
        raise ValidationError(_("Cochez les adresses à qui renvoyer le courriel."))
    with transaction.atomic():
        locked = Mailing.objects.select_for_update().get(pk=mailing.pk)
        if locked.status not in (Mailing.Status.SENDING, Mailing.Status.DONE):
            raise ValidationError(_("Seul un envoi en cours ou terminé peut renvoyer."))
        rows = Recipient.objects.filter(
            mailing=locked, state=Recipient.State.UNCERTAIN, email__in=wanted
        )
        count = rows.update(state=Recipient.State.PENDING, claimed_at=None)
        if not count:
            raise ValidationError(_("Aucune de ces adresses n'est en envoi incertain."))
        Mailing.objects.filter(pk=locked.pk).update(status=Mailing.Status.SENDING)
        audit.record(actor, "community.uncertain_resent", locked, count=count)
        transaction.on_commit(lambda: send_mailing_task.enqueue(locked.pk))
    return count


def resume_orphaned_mailings() -> int:
    """Mailings still "sending" whose worker died (killed, restarted, deployed): their rows
    left "sending" beyond the lease become uncertain, and their sending task is queued again
    when no worker has claimed a row within the lease. Two workers on one mailing are harmless
    (rows are claimed under locks). Returns how many were queued again."""
    recover_stalled()
    quiet_since = timezone.now() - sending_lease()
    resumed = 0
    for mailing in Mailing.objects.filter(status=Mailing.Status.SENDING):
        rows = Recipient.objects.filter(mailing=mailing)
        if (
            rows.filter(state=Recipient.State.PENDING).exists()
            and not rows.filter(claimed_at__gt=quiet_since).exists()
            and (mailing.started_at is None or mailing.started_at < quiet_since)
        ):
            send_mailing_task.enqueue(mailing.pk)
            audit.record(None, "community.mailing_resumed_after_crash", mailing)
            resumed += 1
    return resumed


@task()
def start_due_mailings_task() -> int:
    """Periodic, every minute (cron): start the scheduled mailings whose time has come and
    resume those whose worker died."""
    return start_due_mailings() + resume_orphaned_mailings()
