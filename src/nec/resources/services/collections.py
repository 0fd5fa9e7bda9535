"""Curated collections kept by the national team: create and edit a collection (title, unique
slug, description, publication), add a published resource, remove one, move one up or down, delete
the collection. Each change checks its input, saves in a transaction and writes an audit entry."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from nec.core import audit
from nec.resources.models import Collection, CollectionItem
from nec.resources.selectors import public_resources

TITLE_MAX = Collection._meta.get_field("title").max_length
SLUG_MAX = Collection._meta.get_field("slug").max_length


def _slug_taken(slug: str, collection: Collection | None) -> Collection | None:
    others = Collection.objects.filter(slug=slug)
    if collection is not None and collection.pk is not None:
        others = others.exclude(pk=collection.pk)
    return others.first()


def _free_slug(base: str, collection: Collection | None) -> str:
    """`base`, or `base-2`, `base-3` … when another collection holds it (a slug computed from
    the title never blocks the curator)."""
    slug, n = base, 1
    while _slug_taken(slug, collection) is not None:
        n += 1
        suffix = f"-{n}"
        slug = base[: SLUG_MAX - len(suffix)].rstrip("-") + suffix
    return slug


def _checked_slug(slug: str, title: str, collection: Collection | None) -> str:
    slug = (slug or "").strip().lower()
    if not slug:
        base = slugify(title)[:SLUG_MAX].strip("-")
        if not base:
            raise ValidationError(
                {"slug": _("Le titre ne donne pas d'identifiant d'URL : indiquez-en un.")}
            )
        return _free_slug(base, collection)
    if slugify(slug) != slug or len(slug) > SLUG_MAX:
        raise ValidationError(
            {
                "slug": _(
                    "L'identifiant d'URL ne contient que des lettres sans accent, des chiffres "
                    "et des tirets."
                )
            }
        )
    other = _slug_taken(slug, collection)
    if other is not None:
        raise ValidationError(
            {
                "slug": _(
                    "L'identifiant « %(slug)s » est déjà pris par la collection « %(title)s » : "
                    "choisissez-en un autre."
                )
                % {"slug": slug, "title": other.title}
            }
        )
    return slug


def save_collection(
    collection: Collection | None,
    *,
    actor,
    title: str,
    slug: str = "",
    description: str = "",
    published: bool = False,
) -> Collection:
    """Create (`collection` None) or change a collection. The slug is computed from the title
    when empty; a slug another collection holds is refused with a message naming it."""
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Donnez un titre à la collection.")})
    if len(title) > TITLE_MAX:
        raise ValidationError(
            {"title": _("Le titre tient en %(n)s caractères au plus.") % {"n": TITLE_MAX}}
        )
    creating = collection is None
    collection = Collection() if creating else collection
    slug = _checked_slug(slug, title, collection)
    collection.title = title
    collection.slug = slug
    collection.description = (description or "").strip()
    collection.published = bool(published)
    try:
        with transaction.atomic():
            collection.save()
            action = "created" if creating else "updated"
            audit.record(
                actor, f"resources.collection_{action}", collection, published=collection.published
            )
    except IntegrityError:
        # another curator took the slug between the check and the save
        if creating:
            collection.pk = None
        raise ValidationError(
            {"slug": _("L'identifiant « %(slug)s » vient d'être pris.") % {"slug": slug}}
        ) from None
    return collection


def delete_collection(collection: Collection, *, actor) -> None:
    """Delete the collection and its list (the resources themselves stay)."""
    audit.record_deletion(
        actor, "resources.collection_deleted", collection, items=collection.items.count()
    )


def _locked(collection: Collection) -> Collection:
    return Collection.objects.select_for_update().get(pk=collection.pk)


def add_resource(collection: Collection, resource_id: int | None, *, actor) -> CollectionItem:
    """Append a published resource at the end of the collection; a resource already in it, or
    one that does not exist or is not published, is refused and nothing changes."""
    resource = (
        public_resources().filter(pk=resource_id).first() if resource_id is not None else None
    )
    if resource is None:
        raise ValidationError(
            _("Cette ressource n'existe pas ou n'est pas publiée : elle ne peut pas être ajoutée.")
        )
    already = ValidationError(
        _("« %(title)s » est déjà dans la collection.") % {"title": resource.title}
    )
    try:
        with transaction.atomic():
            locked = _locked(collection)
            if locked.items.filter(resource=resource).exists():
                raise already
            last = locked.items.aggregate(last=Max("position"))["last"]
            item = CollectionItem.objects.create(
                collection=locked, resource=resource, position=0 if last is None else last + 1
            )
            locked.save(update_fields=["updated_at"])
            audit.record(actor, "resources.collection_item_added", locked, resource=resource.pk)
    except IntegrityError:
        # the same resource added at the same moment by another curator
        raise already from None
    return item


def _renumber(items: list[CollectionItem]) -> None:
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


def remove_resource(item: CollectionItem, *, actor) -> None:
    """Take a resource out of its collection (the resource itself stays)."""
    with transaction.atomic():
        collection = _locked(item.collection)
        resource_id = item.resource_id
        CollectionItem.objects.filter(pk=item.pk).delete()
        _renumber(list(collection.items.order_by("position", "id")))
        collection.save(update_fields=["updated_at"])
        audit.record(actor, "resources.collection_item_removed", collection, resource=resource_id)


def move_item(item: CollectionItem, direction: int, *, actor) -> bool:
    """Move a resource one place up (`direction` < 0) or down; the first one up or the last one
    down changes nothing and returns False."""
    with transaction.atomic():
        collection = _locked(item.collection)
        items = list(collection.items.order_by("position", "id"))
        index = next((n for n, other in enumerate(items) if other.pk == item.pk), None)
        if index is None:
            return False
        target = index - 1 if direction < 0 else index + 1
        if not 0 <= target < len(items):
            return False
        items[index], items[target] = items[target], items[index]
        _renumber(items)
        collection.save(update_fields=["updated_at"])
        audit.record(
            actor,
            "resources.collection_item_moved",
            collection,
            resource=item.resource_id,
            position=target + 1,
        )
    return True
