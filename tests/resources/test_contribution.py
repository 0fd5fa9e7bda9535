"""Contribution and moderation: a local organiser's documentation sheet with photos, the national
team's decisions, the documentation status, photo limits; scoping between editions."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from nec.core.models import AuditEntry
from nec.resources import services
from nec.resources.models import Resource
from nec.resources.selectors import documentation_status
from tests.factories import make_member
from tests.resources.builders import jpeg_upload, make_resource


def _sheet_post(**extra):
    return {
        "title": "Fiche NEC local",
        "summary": "Une belle journée de médiation numérique.",
        "authors": "Équipe locale — organisation",
        "date": "2025-06-12",
        "licence": "CC-BY-SA-4.0-FR",
        "language": "fr",
        "attendance": "140",
        "format_feedback": "Le barcamp a très bien marché.",
        "photo-alt": "Le public pendant le barcamp",
        **extra,
    }


def test_local_organiser_submits_the_sheet_then_the_team_publishes_it(
    client,
    other_edition,
    other_organiser,
    national,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    url = f"/orga/{other_edition.slug}/ressources/fiche-documentation/"
    client.force_login(other_organiser)
    assert documentation_status(other_edition).state == "none"
    response = client.post(url, _sheet_post(**{"photo-image": jpeg_upload(exif=True)}))
    assert response.status_code == 302
    sheet = Resource.objects.get()
    assert sheet.kind == "documentation" and sheet.status == "submitted"
    assert sheet.attendance == 140
    with sheet.images.get().image.open("rb") as handle, Image.open(handle) as stored:
        assert not stored.getexif()  # metadata stripped
    assert sheet.images.get().thumbnail.name
    status = documentation_status(other_edition)
    assert status.state == "submitted" and status.resource == sheet
    assert client.get(f"/ressources/{sheet.pk}/").status_code == 404
    assert client.get(url).status_code == 302  # one sheet per edition: goes to it

    client.force_login(national)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/orga/ressources/moderation/{sheet.pk}/", {"decision": "publish"})
    assert response.status_code == 302
    assert documentation_status(other_edition).is_documented
    assert client.get(f"/ressources/{sheet.pk}/").status_code == 200
    assert "publiée" in mailoutbox[-1].subject
    assert AuditEntry.objects.filter(action="resources.publish").exists()


def test_sheet_needs_its_parts_and_a_real_photo(client, other_edition, other_organiser):
    client.force_login(other_organiser)
    url = f"/orga/{other_edition.slug}/ressources/fiche-documentation/"
    missing = client.post(url, _sheet_post(attendance="", format_feedback=""))
    assert missing.status_code == 400 and Resource.objects.count() == 0
    text = SimpleUploadedFile("photo.jpg", b"not an image", content_type="image/jpeg")
    bad = client.post(url, _sheet_post(**{"photo-image": text}))
    assert bad.status_code == 400 and "pas une image lisible" in bad.content.decode()
    assert Resource.objects.count() == 0


def test_too_heavy_photo_is_refused_with_a_message(client, edition, organiser, settings):
    settings.IMAGE_UPLOAD_MAX_MB = 0
    resource = make_resource(edition, actor=organiser, status=Resource.Status.SUBMITTED)
    client.force_login(organiser)
    response = client.post(
        f"/orga/{edition.slug}/ressources/{resource.pk}/photos/",
        {"photo-image": jpeg_upload(), "photo-alt": "Une photo"},
    )
    assert response.status_code == 400 and "la limite est de" in response.content.decode()


def test_moderation_needs_a_reason_and_is_national_only(client, edition, organiser, national):
    resource = make_resource(edition, actor=organiser, status=Resource.Status.SUBMITTED)
    client.force_login(organiser)
    assert client.get("/orga/ressources/moderation/").status_code == 403
    assert (
        client.post(
            f"/orga/ressources/moderation/{resource.pk}/", {"decision": "publish"}
        ).status_code
        == 403
    )
    client.force_login(national)
    refused = client.post(f"/orga/ressources/moderation/{resource.pk}/", {"decision": "refuse"})
    assert refused.status_code == 400 and "Expliquez" in refused.content.decode()
    client.post(
        f"/orga/ressources/moderation/{resource.pk}/",
        {"decision": "changes", "note": "Ajoutez les auteur·es."},
    )
    resource.refresh_from_db()
    assert resource.status == "changes" and resource.moderation_note == "Ajoutez les auteur·es."


def test_changes_requested_then_contributor_edits_and_it_goes_back(client, edition, organiser):
    resource = make_resource(edition, actor=organiser, status=Resource.Status.SUBMITTED)
    services.request_changes(resource, actor=None, note="Précisez la date.")
    client.force_login(organiser)
    page = client.get(f"/orga/{edition.slug}/ressources/{resource.pk}/")
    assert "Précisez la date." in page.content.decode()
    post = {
        "kind": "video", "title": "Nouveau titre", "summary": "Résumé", "authors": "A — B",
        "date": "2025-05-20", "licence": "CC-BY-4.0", "language": "fr",
    }  # fmt: skip
    assert client.post(f"/orga/{edition.slug}/ressources/{resource.pk}/", post).status_code == 302
    resource.refresh_from_db()
    assert resource.status == "submitted" and resource.title == "Nouveau titre"


def test_speaker_contributes_but_cannot_fill_the_sheet(client, edition):
    speaker = make_member("speaker@example.fr", edition, role="speaker")
    client.force_login(speaker)
    post = {
        "kind": "slides", "title": "Mes supports", "summary": "Les diapositives",
        "authors": "Moi — intervenante", "date": "2025-05-20", "licence": "CC-BY-SA-4.0-FR",
        "language": "fr",
    }  # fmt: skip
    assert client.post(f"/orga/{edition.slug}/ressources/proposer/", post).status_code == 302
    assert Resource.objects.get().submitted_by == speaker
    assert client.get(f"/orga/{edition.slug}/ressources/fiche-documentation/").status_code == 403


def test_the_generic_form_cannot_make_a_documentation_sheet(client, edition):
    """Only the sheet's own page (organisers) makes one: "documentation" is no kind to pick."""
    speaker = make_member("speaker@example.fr", edition, role="speaker")
    client.force_login(speaker)
    post = {
        "kind": "documentation", "title": "Fiche", "summary": "Bilan", "authors": "Moi",
        "date": "2025-05-20", "licence": "CC-BY-SA-4.0-FR", "language": "fr",
        "attendance": "10", "format_feedback": "Bien",
    }  # fmt: skip
    response = client.post(f"/orga/{edition.slug}/ressources/proposer/", post)
    assert response.status_code == 400 and Resource.objects.count() == 0
    assert documentation_status(edition).state == "none"
    resource = make_resource(edition, actor=speaker, status=Resource.Status.SUBMITTED)
    edit = client.post(f"/orga/{edition.slug}/ressources/{resource.pk}/", post)
    resource.refresh_from_db()
    assert edit.status_code == 400 and resource.kind == "video"


@pytest.mark.parametrize("page", ["", "proposer/", "fiche-documentation/"])
def test_other_edition_organiser_gets_403(client, edition, other_organiser, page):
    client.force_login(other_organiser)
    assert client.get(f"/orga/{edition.slug}/ressources/{page}").status_code == 403


def test_other_edition_resource_is_a_404_in_my_edition(
    client, edition, other_edition, other_organiser
):
    theirs = make_resource(edition, status=Resource.Status.SUBMITTED)
    client.force_login(other_organiser)
    assert client.get(f"/orga/{other_edition.slug}/ressources/{theirs.pk}/").status_code == 404


def test_png_thumbnail_and_metadata_removed(edition):
    resource = make_resource(edition, status=Resource.Status.SUBMITTED)
    buffer = io.BytesIO()
    Image.new("RGBA", (900, 600), (0, 0, 0, 0)).save(buffer, "PNG")
    upload = SimpleUploadedFile("t.png", buffer.getvalue(), content_type="image/png")
    image = services.add_image(resource, upload, alt="Transparent", actor=None)
    with image.thumbnail.open("rb") as handle, Image.open(handle) as thumb:
        assert max(thumb.size) <= 320
