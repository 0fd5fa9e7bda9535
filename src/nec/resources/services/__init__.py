"""Every change to the library goes through these services: contribution, moderation, photos and
collections; each checks, saves in a transaction and writes an audit entry."""

from nec.resources.services.contribution import (
    ResourceData,
    add_image,
    remove_image,
    save_resource,
    submit_resource,
)
from nec.resources.services.moderation import publish, refuse, request_changes

__all__ = [
    "ResourceData",
    "add_image",
    "publish",
    "refuse",
    "remove_image",
    "request_changes",
    "save_resource",
    "submit_resource",
]
