"""Read queries of the community app: contacts matching a filter (search and segments) and the
figures of a mailing."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from nec.community.models import Consent, Contact, Mailing, Recipient
from nec.core.search import search_words

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
    contacts = Contact.objects.all()
    filters = clean_filters(filters)
    for word in search_words(filters.get("q", "")):
        contacts = contacts.filter(
            Q(email__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(organisation__icontains=word)
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


def mailing_stats(mailing: Mailing) -> dict:
    """Counts by state and the engagement figures; the open rate is given with its base (the
    delivered recipients who consented to the measurement)."""
    rows = Recipient.objects.filter(mailing=mailing)
    figures = rows.aggregate(
        total=Count("pk"),
        pending=Count("pk", filter=Q(state=Recipient.State.PENDING)),
        sending=Count("pk", filter=Q(state=Recipient.State.SENDING)),
        sent=Count("pk", filter=Q(state=Recipient.State.SENT)),
        failed=Count("pk", filter=Q(state=Recipient.State.FAILED)),
        uncertain=Count("pk", filter=Q(state=Recipient.State.UNCERTAIN)),
        bounced=Count("pk", filter=Q(bounced=True)),
        unsubscribed=Count("pk", filter=Q(unsubscribed_at__isnull=False)),
        clicked=Count("pk", filter=Q(clicked_at__isnull=False)),
        open_base=Count("pk", filter=Q(state=Recipient.State.SENT, measure_opens=True)),
        opened=Count("pk", filter=Q(opened_at__isnull=False, measure_opens=True)),
    )
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
