"""What the operations share: pagination, the public edition of a path, absolute addresses."""

from __future__ import annotations

import math
from typing import Annotated

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Path, Query
from ninja.errors import HttpError

from nec.api.schemas import Error
from nec.editions.models import Edition
from nec.editions.selectors import public_editions

MAX_PER_PAGE = 100

#: documented answers of every public list
ERRORS = {304: None, 400: Error, 404: Error, 429: Error}

SlugPath = Annotated[
    str, Path(pattern=r"^[-a-zA-Z0-9_]{1,80}$", description="Identifiant de l'édition (son slug).")
]
PageQuery = Annotated[int, Query(ge=1, le=100_000, description="Numéro de page, à partir de 1.")]
PerPageQuery = Annotated[
    int, Query(ge=1, le=MAX_PER_PAGE, description=f"Éléments par page, {MAX_PER_PAGE} au plus.")
]


def absolute(path: str) -> str:
    return settings.BASE_URL.rstrip("/") + path


def public_edition(slug: str) -> Edition:
    edition = public_editions().filter(slug=slug).first()
    if edition is None:
        raise HttpError(404, _("Aucune édition publique ne porte cet identifiant."))
    return edition


def paginate(items, page: int, per_page: int) -> tuple[list, dict]:
    """The items of `page` and the page's envelope; a page past the last is a 404."""
    count = items.count() if isinstance(items, QuerySet) else len(items)
    pages = max(1, math.ceil(count / per_page))
    if page > pages:
        raise HttpError(404, _("Cette page n'existe pas : il y en a %(pages)d.") % {"pages": pages})
    start = (page - 1) * per_page
    envelope = {"count": count, "page": page, "per_page": per_page, "pages": pages}
    return list(items[start : start + per_page]), envelope


def latest(queryset: QuerySet, field: str = "updated_at"):
    """The newest `field` of `queryset`, read as "the first row from the newest end" rather than
    MAX(): PostgreSQL then walks an index on `field` backwards and stops at the first row that
    passes the filters, where MAX() over a join reads them all."""
    return (
        queryset.filter(**{f"{field}__isnull": False})
        .order_by(f"-{field}")
        .values_list(field, flat=True)
        .first()
    )
