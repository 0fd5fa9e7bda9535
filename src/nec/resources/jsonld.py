"""The schema.org `CreativeWork` description of a resource, embedded in its page as JSON-LD (a
data block: not a script the browser runs, so the Content-Security-Policy allows it)."""

from __future__ import annotations

import json

from django.utils.safestring import SafeString, mark_safe

from nec.resources.attribution import attribution, edition_label
from nec.resources.models import Resource

SCHEMA_TYPES = {
    Resource.Kind.VIDEO: "VideoObject",
    Resource.Kind.PODCAST: "PodcastEpisode",
    Resource.Kind.PHOTOS: "ImageGallery",
    Resource.Kind.SLIDES: "PresentationDigitalDocument",
}


def creative_work(resource: Resource, request) -> SafeString:
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(resource.kind, "CreativeWork"),
        "name": resource.title,
        "description": resource.summary,
        "url": request.build_absolute_uri(resource.get_absolute_url()),
        "dateCreated": resource.date.isoformat(),
        "inLanguage": resource.language,
        "license": resource.licence_url,
        "creditText": attribution(resource),
        "author": [
            {"@type": "Person", "name": a.name, **({"roleName": a.role} if a.role else {})}
            for a in resource.authors.all()
        ],
        "isPartOf": {"@type": "Event", "name": edition_label(resource)},
        "keywords": [theme.name for theme in resource.themes.all()],
    }
    if resource.url:
        data["sameAs"] = resource.url
    if resource.published_at:
        data["datePublished"] = resource.published_at.date().isoformat()
    text = json.dumps(data, ensure_ascii=False)
    # nothing inside may close the element: escape <, > and & as JSON allows
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 (escaped above)
