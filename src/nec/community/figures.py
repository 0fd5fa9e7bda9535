"""Figures of the community for the bilan (read by the reports app through this one module):
the contact base's size and growth, the consents in force, the mailings sent and their rates.
Every rate comes with its base."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count
from django.db.models.functions import TruncMonth

from nec.community.models import Consent, Contact, Mailing, Purpose
from nec.community.selectors import mailings_with_stats


def contact_base(at: datetime | None = None) -> dict:
    """Size of the base (at `at`, default now) and consents in force per purpose."""
    contacts = Contact.objects.all()
    if at is not None:
        contacts = contacts.filter(created_at__lte=at)
    consents = Consent.objects.filter(status=Consent.Status.GRANTED, contact__in=contacts)
    by_purpose = dict(consents.values_list("purpose").annotate(count=Count("pk")))
    return {
        "contacts": contacts.count(),
        "bouncing": contacts.filter(bouncing=True).count(),
        "consents": {purpose: by_purpose.get(purpose, 0) for purpose in Purpose.values},
    }


def growth(since: datetime, until: datetime) -> dict:
    """Contacts added between two dates, and per month (for a chart with its table)."""
    added = Contact.objects.filter(created_at__gte=since, created_at__lt=until)
    per_month = (
        added.annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("month")
    )
    return {
        "added": added.count(),
        "per_month": [(row["month"].date(), row["count"]) for row in per_month],
    }


def mailings_sent(since: datetime | None = None, until: datetime | None = None) -> list[dict]:
    """Each finished or running mailing in the period, with its figures and rates."""
    mailings = Mailing.objects.exclude(status__in=[Mailing.Status.DRAFT, Mailing.Status.SCHEDULED])
    if since is not None:
        mailings = mailings.filter(started_at__gte=since)
    if until is not None:
        mailings = mailings.filter(started_at__lt=until)
    return [
        {
            "subject": mailing.subject,
            "started_at": mailing.started_at,
            "status": mailing.status,
            **stats,
        }
        for mailing, stats in mailings_with_stats(mailings.order_by("started_at"))
    ]


def totals(since: datetime | None = None, until: datetime | None = None) -> dict:
    """Mailings and messages in the period; the open rate over those who consented to the
    measurement (its base is given), the click rate over the messages delivered."""
    rows = mailings_sent(since, until)
    sent = sum(row["sent"] for row in rows)
    opened = sum(row["opened"] for row in rows)
    open_base = sum(row["open_base"] for row in rows)
    clicked = sum(row["clicked"] for row in rows)
    return {
        "mailings": len(rows),
        "sent": sent,
        "bounced": sum(row["bounced"] for row in rows),
        "unsubscribed": sum(row["unsubscribed"] for row in rows),
        "open_base": open_base,
        "open_rate": round(100 * opened / open_base) if open_base else None,
        "click_rate": round(100 * clicked / sent) if sent else None,
        "largest_audience": max((row["total"] for row in rows), default=0),
    }
