"""Read queries of the library shared by its pages, the API and the apps above: what the public
may see, the search with its facets, and the documentation status of a local edition."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connections
from django.db.models import Count, F, FloatField, Func, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL

from nec.core.search import search_words
from nec.editions.models import Edition
from nec.editions.regions import REGIONS
from nec.editions.selectors import PUBLIC_EDITION_STATUSES
from nec.resources.models import Collection, CollectionItem, Licence, Resource
from nec.resources.text import fts5_query, normalise, search_terms, tsquery


def public_resources() -> QuerySet[Resource]:
    """THE resources the public (pages, feed, sitemap, API) may see: published, of a public
    edition. Everything else (submitted, refused, drafts' resources) is invisible."""
    return Resource.objects.filter(
        status=Resource.Status.PUBLISHED, edition__status__in=PUBLIC_EDITION_STATUSES
    )


def public_resource_or_none(pk: int | None) -> Resource | None:
    if pk is None:
        return None
    return (
        public_resources()
        .select_related("edition", "session")
        .prefetch_related("authors", "themes", "images")
        .filter(pk=pk)
        .first()
    )


def public_collections() -> QuerySet[Collection]:
    return Collection.objects.filter(published=True)


#: where `migrations/0002_fulltext.py` keeps the full-text index of `Resource.search_text`
FTS_TABLE = "resources_resource_fts"  # SQLite
VECTOR_COLUMN = "search_vector"  # PostgreSQL


class _Bm25(Func):
    """SQLite: the bm25 score of the resource (lower is better) for an FTS5 MATCH expression.
    The matches are scored once (a materialised CTE) and looked up by the resource's id, under
    whatever alias the query gives the resources table."""

    output_field = FloatField()

    def __init__(self, match: str):
        super().__init__(F("pk"))
        self.match = match

    def as_sql(self, compiler, connection, **extra):
        pk, params = compiler.compile(self.source_expressions[0])
        sql = (
            f"(WITH scores AS MATERIALIZED (SELECT rowid AS id, bm25({FTS_TABLE}) AS score "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s) "
            f"SELECT score FROM scores WHERE scores.id = {pk})"
        )
        return sql, [self.match, *params]


class _StoredVector(Func):
    """PostgreSQL: the resource's generated `search_vector` column, under its table's alias."""

    output_field = SearchVectorField()

    def __init__(self):
        super().__init__(F("search_text"))

    def as_sql(self, compiler, connection, **extra):
        column = self.source_expressions[0]
        table = compiler.quote_name_unless_alias(column.alias)
        return f"{table}.{connection.ops.quote_name(VECTOR_COLUMN)}", []


def search(resources: QuerySet[Resource], text: str) -> QuerySet[Resource]:
    """Resources whose title, summary, text or authors hold every word of `text` (full-text:
    French stemming on PostgreSQL, porter on SQLite; accents and case ignored both ways; the
    last word also as a prefix), best matches first then newest (the relevance is an alias:
    a caller's own `order_by` drops it, and its cost). No words: `resources` unchanged.
    Whatever is typed (operators, quotes, 5 000 characters) only becomes a few quoted words."""
    terms = search_terms(text)
    if not terms:
        return resources
    vendor = connections[resources.db].vendor
    if vendor == "postgresql":
        query = SearchQuery(tsquery(terms), config="french", search_type="raw")
        return (
            resources.alias(search_vector=_StoredVector())
            .filter(search_vector=query)
            .alias(search_rank=SearchRank(_StoredVector(), query))
            .order_by("-search_rank", "-date", "-pk")
        )
    if vendor == "sqlite":
        match = fts5_query(terms)
        matching = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])
        return (
            resources.filter(pk__in=matching)
            .alias(search_rank=-_Bm25(match))
            .order_by("-search_rank", "-date", "-pk")
        )
    for word in search_words(normalise(text)):  # any other database: every word, anywhere
        resources = resources.filter(search_text__contains=word)
    return resources


@dataclass(frozen=True)
class Filters:
    """The facets a visitor (or an API client) picked; empty means "any"."""

    text: str = ""
    kind: str = ""
    theme: str = ""
    edition: str = ""
    year: int | None = None
    region: str = ""
    licence: str = ""


def filtered(filters: Filters, resources: QuerySet[Resource] | None = None) -> QuerySet[Resource]:
    """Public `resources` (by default) matching `filters`: with words, best matches first then
    newest; without, newest first. Callers keep this order (an `order_by` of theirs drops the
    relevance)."""
    resources = public_resources() if resources is None else resources
    resources = search(resources, filters.text)
    conditions = Q()
    if filters.kind:
        conditions &= Q(kind=filters.kind)
    if filters.theme:
        conditions &= Q(themes__slug=filters.theme)
    if filters.edition:
        conditions &= Q(edition__slug=filters.edition)
    if filters.year:
        conditions &= Q(edition__year=filters.year)
    if filters.region:
        conditions &= Q(edition__region_code=filters.region)
    if filters.licence:
        conditions &= Q(licence=filters.licence)
    return resources.filter(conditions)


def facets(resources: QuerySet[Resource]) -> dict[str, list[tuple[str, str, int]]]:
    """For each facet, its values (value, label, count) among `resources`."""
    base = resources.order_by()
    kinds = dict(Resource.Kind.choices)
    licences = dict(Licence.choices)
    result = {
        "kind": [
            (row["kind"], str(kinds.get(row["kind"], row["kind"])), row["n"])
            for row in base.values("kind").annotate(n=Count("pk")).order_by("kind")
        ],
        "theme": [
            (row["themes__slug"], row["themes__name"], row["n"])
            for row in base.filter(themes__isnull=False)
            .values("themes__slug", "themes__name")
            .annotate(n=Count("pk"))
            .order_by("themes__name")
        ],
        "edition": [
            (row["edition__slug"], row["edition__title"], row["n"])
            for row in base.values("edition__slug", "edition__title", "edition__year")
            .annotate(n=Count("pk"))
            .order_by("-edition__year", "edition__title")
        ],
        "year": [
            (str(row["edition__year"]), str(row["edition__year"]), row["n"])
            for row in base.values("edition__year")
            .annotate(n=Count("pk"))
            .order_by("-edition__year")
        ],
        "region": [
            (row["edition__region_code"], REGIONS.get(row["edition__region_code"], ""), row["n"])
            for row in base.exclude(edition__region_code="")
            .values("edition__region_code")
            .annotate(n=Count("pk"))
            .order_by("edition__region_code")
        ],
        "licence": [
            (row["licence"], licences.get(row["licence"], row["licence"]), row["n"])
            for row in base.values("licence").annotate(n=Count("pk")).order_by("licence")
        ],
    }
    return result


@dataclass(frozen=True)
class DocumentationStatus:
    """Where a local edition's documentation sheet stands: "none", "submitted" (sent, changes
    asked or refused: not public yet) or "published", with the sheet when there is one."""

    state: str
    resource: Resource | None = None

    @property
    def is_documented(self) -> bool:
        return self.state == "published"


def documentation_sheet(edition: Edition) -> Resource | None:
    """The edition's documentation sheet: the published one, else the latest submitted."""
    sheets = Resource.objects.filter(edition=edition, kind=Resource.Kind.DOCUMENTATION)
    return (
        sheets.filter(status=Resource.Status.PUBLISHED).order_by("-published_at").first()
        or sheets.order_by("-created_at").first()
    )


def documentation_status(edition: Edition) -> DocumentationStatus:
    """For `nec.localeditions`: is this edition "documentée"? See `DocumentationStatus`."""
    sheet = documentation_sheet(edition)
    if sheet is None:
        return DocumentationStatus("none")
    if sheet.status == Resource.Status.PUBLISHED:
        return DocumentationStatus("published", sheet)
    return DocumentationStatus("submitted", sheet)


def collection_resources(collection):
    """The published resources of a collection, in the curator's order (a resource no longer
    published stays hidden)."""
    position = CollectionItem.objects.filter(collection=collection, resource=OuterRef("pk"))
    return (
        public_resources()
        .filter(pk__in=collection.items.values("resource_id"))
        .annotate(item_position=Subquery(position.values("position")[:1]))
        .order_by("item_position", "pk")
    )
