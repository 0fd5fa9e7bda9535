"""Models of the resources library: resources (with their authors, photos and the parts of a local
edition's documentation sheet), themes and curated collections."""

from nec.resources.models.collections import Collection, CollectionItem
from nec.resources.models.resources import (
    Licence,
    Resource,
    ResourceAuthor,
    ResourceImage,
    ResourceTheme,
)

__all__ = [
    "Collection",
    "CollectionItem",
    "Licence",
    "Resource",
    "ResourceAuthor",
    "ResourceImage",
    "ResourceTheme",
]
