"""Export packages for Les Bases (no API of theirs assumed): a zip holding, per resource, an HTML
page, its images and a metadata JSON file, plus a `metadata.json` describing the whole package."""

from __future__ import annotations

import io
import json
import zipfile

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from nec.resources.attribution import attribution, edition_label
from nec.resources.models import Collection, Resource
from nec.resources.selectors import collection_resources


def metadata(resource: Resource) -> dict:
    return {
        "id": resource.pk,
        "kind": resource.kind,
        "title": resource.title,
        "summary": resource.summary,
        "attribution": attribution(resource),
        "licence": {"code": resource.licence, "url": resource.licence_url},
        "authors": [{"name": a.name, "role": a.role} for a in resource.authors.all()],
        "edition": edition_label(resource),
        "themes": [t.name for t in resource.themes.all()],
        "date": resource.date.isoformat(),
        "language": resource.language,
        "link": resource.url,
        "attendance": resource.attendance,
        "source": settings.BASE_URL.rstrip("/") + resource.get_absolute_url(),
    }


def _add_resource(archive: zipfile.ZipFile, resource: Resource, folder: str) -> dict:
    images = []
    for n, image in enumerate(resource.images.all(), start=1):
        extension = image.image.name.rsplit(".", 1)[-1]
        name = f"images/{n:02d}.{extension}"
        try:
            with image.image.open("rb") as handle:
                archive.writestr(f"{folder}{name}", handle.read())
        except FileNotFoundError:
            continue
        images.append({"file": name, "alt": image.alt})
    data = {**metadata(resource), "images": images}
    archive.writestr(f"{folder}metadata.json", json.dumps(data, ensure_ascii=False, indent=2))
    html = render_to_string(
        "resources/export/resource.html",
        {"resource": resource, "attribution": data["attribution"], "images": images},
    )
    archive.writestr(f"{folder}index.html", html)
    return data


def resource_package(resource: Resource) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        _add_resource(archive, resource, "")
    return buffer.getvalue()


def collection_package(collection: Collection) -> bytes:
    resources = (
        collection_resources(collection)
        .select_related("edition")
        .prefetch_related("authors", "themes", "images")
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        entries = [
            {"folder": f"{r.pk}/", **_add_resource(archive, r, f"{r.pk}/")} for r in resources
        ]
        summary = {
            "collection": collection.title,
            "description": collection.description,
            "exported_at": timezone.now().isoformat(),
            "resources": entries,
        }
        archive.writestr("metadata.json", json.dumps(summary, ensure_ascii=False, indent=2))
    return buffer.getvalue()
