"""The daily retention run (each run logged as a `RetentionRun`): contacts without activity for
three years get one re-consent mail, and are deleted if they do not act within a month;
registrations never confirmed and old sign-in requests are purged."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from nec.accounts.models import LoginRequest, LoginToken
from nec.community.models import Contact, RetentionRun
from nec.community.rendering import preferences_url
from nec.core import audit
from nec.core.mail import send_templated_mail
from nec.registrations.models import Registration

INACTIVITY = timedelta(days=3 * 365)
RECONSENT_GRACE = timedelta(days=30)
UNCONFIRMED_REGISTRATION_AGE = timedelta(days=30)
SIGN_IN_REQUEST_AGE = timedelta(days=90)


def run_retention() -> RetentionRun:
    now = timezone.now()
    run = RetentionRun()
    # deleted first: those asked a month ago who did nothing since
    stale = Contact.objects.filter(
        reconsent_sent_at__lte=now - RECONSENT_GRACE, last_activity_at__lt=F("reconsent_sent_at")
    )
    with transaction.atomic():
        run.contacts_deleted = stale.count()
        stale.delete()
    for contact in Contact.objects.filter(
        last_activity_at__lt=now - INACTIVITY, reconsent_sent_at__isnull=True
    ).iterator():
        send_templated_mail(
            "community/email/reconsent",
            {"contact": contact, "url": preferences_url(contact.pk, contact.email)},
            to=[contact.email],
        )
        Contact.objects.filter(pk=contact.pk).update(reconsent_sent_at=timezone.now())
        run.reconsent_mails += 1
    with transaction.atomic():
        unconfirmed = Registration.objects.filter(
            status=Registration.Status.PENDING,
            created_at__lt=now - UNCONFIRMED_REGISTRATION_AGE,
        )
        run.registrations_purged = unconfirmed.count()
        unconfirmed.delete()
        requests = LoginRequest.objects.filter(created_at__lt=now - SIGN_IN_REQUEST_AGE)
        tokens = LoginToken.objects.filter(expires_at__lt=now - SIGN_IN_REQUEST_AGE)
        run.sign_in_requests_purged = requests.count() + tokens.count()
        requests.delete()
        tokens.delete()
        run.save()
        audit.record(
            None,
            "community.retention_run",
            run,
            reconsent_mails=run.reconsent_mails,
            contacts_deleted=run.contacts_deleted,
            registrations_purged=run.registrations_purged,
            sign_in_requests_purged=run.sign_in_requests_purged,
        )
    return run


@task()
def retention_task() -> int:
    """Daily: the retention run; returns its id."""
    return run_retention().pk
