"""Read-only queries on editions shared by the views of every app: the one way to fetch a public
edition (drafts are 404 to the public everywhere) and the edition the site puts forward."""

from django.db.models import QuerySet
from django.http import Http404

from nec.editions.models import Edition

#: statuses an edition shows to the public with; a draft is seen only in the espace organisation
PUBLIC_EDITION_STATUSES = (Edition.Status.PUBLISHED, Edition.Status.ARCHIVED)


def public_editions() -> QuerySet[Edition]:
    """Editions the public may see (published or archived)."""
    return Edition.objects.filter(status__in=PUBLIC_EDITION_STATUSES)


def public_edition_or_404(slug: str, *, open_only: bool = False) -> Edition:
    """The public edition `slug`, else 404 (drafts included). With `open_only`, an archived
    edition is a 404 too: for pages that act on a running edition (register, book, propose)."""
    statuses = (Edition.Status.PUBLISHED,) if open_only else PUBLIC_EDITION_STATUSES
    edition = Edition.objects.filter(slug=slug, status__in=statuses).first()
    if edition is None:
        raise Http404
    return edition


def current_national_edition() -> Edition | None:
    """The national edition the public site puts forward: the latest published one."""
    return (
        Edition.objects.filter(kind=Edition.Kind.NATIONAL, status=Edition.Status.PUBLISHED)
        .order_by("-year", "-start_date")
        .first()
    )
