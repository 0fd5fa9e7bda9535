"""Read queries of the community app: contacts matching a filter (search and segments) and the
figures of a mailing."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from nec.community.models import Consent, Contact, Mailing, Recipient
from nec.core.search import every_word

#: the keys a segment's filter may hold
FILTER_KEYS = ("q", "role", "region", "sector", "category", "edition", "purpose")


def clean_filters(data: dict) -> dict:
    """Only the known keys with a non-empty string value."""
    return {
        key: str(data[key])[:200]
        for key in FILTER_KEYS
        if isinstance(data.get(key), str | int) and str(data[key]).strip()
    }


def contacts_matching(filters: dict) -> QuerySet[Contact]:
    filters = clean_filters(filters)
    contacts = Contact.objects.filter(
        every_word(filters.get("q", ""), "email", "first_name", "last_name", "organisation")
    )
    if "role" in filters:
        # roles is a short JSON list of codes: match the quoted code in its text
        contacts = contacts.filter(roles__icontains=f'"{filters["role"]}"')
    if "region" in filters:
        contacts = contacts.filter(region_code=filters["region"])
    if "sector" in filters:
        contacts = contacts.filter(sector=filters["sector"])
    if "category" in filters:
        contacts = contacts.filter(audience_category=filters["category"])
    if "edition" in filters:
        contacts = contacts.filter(editions__slug=filters["edition"])
    if "purpose" in filters:
        contacts = contacts.filter(
            consents__purpose=filters["purpose"], consents__status=Consent.Status.GRANTED
        )
    return contacts.distinct()


def mailable(contacts: QuerySet[Contact], purpose: str) -> QuerySet[Contact]:
    """Those of `contacts` who consented to `purpose` and whose address is not bouncing."""
    return contacts.filter(
        bouncing=False,
        pk__in=Consent.objects.filter(purpose=purpose, status=Consent.Status.GRANTED).values(
            "contact_id"
        ),
    )


def _counts(prefix: str = "") -> dict:
    """The counts of `mailing_stats` over recipient rows (`prefix`: the path to them)."""

    def count(**condition) -> Count:
        return Count(
            f"{prefix}pk", filter=Q(**{f"{prefix}{key}": value for key, value in condition.items()})
        )

    return {
        "total": Count(f"{prefix}pk"),
        "pending": count(state=Recipient.State.PENDING),
        "sending": count(state=Recipient.State.SENDING),
        "sent": count(state=Recipient.State.SENT),
        "failed": count(state=Recipient.State.FAILED),
        "uncertain": count(state=Recipient.State.UNCERTAIN),
        "bounced": count(bounced=True),
        "unsubscribed": count(unsubscribed_at__isnull=False),
        "clicked": count(clicked_at__isnull=False),
        "open_base": count(state=Recipient.State.SENT, measure_opens=True),
        "opened": count(opened_at__isnull=False, measure_opens=True),
    }


def _with_rates(figures: dict) -> dict:
    done = figures["sent"] + figures["failed"] + figures["uncertain"]
    figures["done"] = done
    figures["progress"] = round(100 * done / figures["total"]) if figures["total"] else 0
    figures["open_rate"] = (
        round(100 * figures["opened"] / figures["open_base"]) if figures["open_base"] else None
    )
    figures["click_rate"] = (
        round(100 * figures["clicked"] / figures["sent"]) if figures["sent"] else None
    )
    return figures


def mailing_stats(mailing: Mailing) -> dict:
    """Counts by state and the engagement figures; the open rate is given with its base (the
    delivered recipients who consented to the measurement)."""
    return _with_rates(Recipient.objects.filter(mailing=mailing).aggregate(**_counts()))


def mailings_with_stats(
    mailings: QuerySet[Mailing], limit: int | None = None
) -> list[tuple[Mailing, dict]]:
    """(mailing, its `mailing_stats`) for the first `limit` of `mailings`, in one query."""
    counts = _counts("recipients__")
    rows = mailings.annotate(**{f"stat_{name}": value for name, value in counts.items()})
    rows = rows[:limit] if limit is not None else rows
    return [
        (mailing, _with_rates({name: getattr(mailing, f"stat_{name}") for name in counts}))
        for mailing in rows
    ]
