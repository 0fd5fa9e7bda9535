"""Files attached to an application: PDF, PNG or JPEG recognised by their content (not their
name), 5 MB each and 5 files at most, a refused file named in the message; kept with a draft,
handed over to the application submitted from it; downloaded only by the national team or the
applicant (a 404 for anyone else), never from a public address."""

import io
import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from nec.localeditions.attachments import MAX_BYTES
from nec.localeditions.models import Application, ApplicationAttachment, ApplicationDraft
from tests.factories import make_user
from tests.localeditions.test_application import APPLY, application_post, confirm_link
from tests.localeditions.test_drafts import draft_link

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def png_bytes() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (4, 4), "orange").save(output, "PNG")
    return output.getvalue()


def pdf(name="budget.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png(name="plan.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def submit_and_confirm(client, files) -> Application:
    response = client.post(APPLY, {**application_post(), "attachments": files})
    assert response.status_code == 302, response.content.decode()
    client.post(confirm_link())
    return Application.objects.get()


def test_a_pdf_and_a_png_are_attached_and_listed(client, national):
    application = submit_and_confirm(client, [pdf(), png()])
    files = list(application.attachments.all())
    assert [(f.original_name, f.content_type) for f in files] == [
        ("budget.pdf", "application/pdf"),
        ("plan.png", "image/png"),
    ]
    # stored under a random name in the attachments folder, not the visitor's name
    assert files[0].file.name.startswith("localeditions/attachments/")
    assert "budget" not in files[0].file.name
    client.force_login(national)
    detail = client.get(f"/orga/candidatures/{application.pk}/").content.decode()
    assert "budget.pdf" in detail and f"/nec-locaux/pieces-jointes/{files[0].pk}/" in detail
    assert "/media/" not in detail
    response = client.get(f"/nec-locaux/pieces-jointes/{files[0].pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="budget.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF


def test_the_applicant_downloads_their_file_and_nobody_else_does(client):
    application = submit_and_confirm(client, [pdf()])
    url = f"/nec-locaux/pieces-jointes/{application.attachments.get().pk}/"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/compte/connexion/" in anonymous.url
    client.force_login(make_user("curieux@example.org"))
    assert client.get(url).status_code == 404
    assert client.get("/nec-locaux/pieces-jointes/999999/").status_code == 404
    client.force_login(application.applicant)
    assert client.get(url).status_code == 200
    mine = client.get(f"/nec-locaux/mes-candidatures/{application.pk}/").content.decode()
    assert "budget.pdf" in mine and url in mine


def test_a_text_file_named_pdf_is_refused_by_its_content(client):
    response = client.post(
        APPLY, {**application_post(), "attachments": [pdf("faux.pdf", b"Bonjour, je suis un PDF")]}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "« faux.pdf » n&#x27;est ni un PDF" in html or "« faux.pdf » n'est ni un PDF" in html
    assert "choisissez-les à nouveau" in html
    assert 'value="Ville de Metz"' in html  # what was typed is kept
    assert not Application.objects.exists() and not ApplicationAttachment.objects.exists()
    assert not mail.outbox


def test_a_file_over_5_mb_is_refused(client):
    big = pdf("gros.pdf", PDF + b"0" * MAX_BYTES)
    response = client.post(APPLY, {**application_post(), "attachments": [big]})
    assert response.status_code == 400
    assert "« gros.pdf » pèse 5,0 Mo" in response.content.decode()
    assert not Application.objects.exists()


def test_six_files_are_refused(client):
    files = [pdf(f"piece-{n}.pdf") for n in range(6)]
    response = client.post(APPLY, {**application_post(), "attachments": files})
    assert response.status_code == 400
    assert "Vous avez choisi 6 fichiers : 5 pièces jointes au plus." in response.content.decode()
    assert not Application.objects.exists() and not ApplicationAttachment.objects.exists()


def test_a_jpeg_is_accepted(client):
    output = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(output, "JPEG")
    photo = SimpleUploadedFile("photo.jpeg", output.getvalue(), content_type="image/jpeg")
    application = submit_and_confirm(client, [photo])
    assert application.attachments.get().content_type == "image/jpeg"


def _stored_image(attachment: ApplicationAttachment) -> Image.Image:
    with attachment.file.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        image.load()
    return image


def test_attached_images_lose_their_metadata_and_keep_their_format(client):
    """A photo taken on a phone carries its GPS position in EXIF, a PNG may carry text chunks:
    neither is stored. The photo stays a JPEG, the scanned document a PNG."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {2: (48.0, 7.0, 0.0), 4: (6.0, 10.0, 0.0)}  # GPS: latitude, longitude
    photo_bytes = io.BytesIO()
    Image.new("RGB", (40, 30), "blue").save(photo_bytes, "JPEG", exif=exif)
    assert Image.open(io.BytesIO(photo_bytes.getvalue())).getexif()  # the test's photo has EXIF
    from PIL import PngImagePlugin

    chunks = PngImagePlugin.PngInfo()
    chunks.add_text("Author", "Camille, 12 rue des Jardins")
    scan_bytes = io.BytesIO()
    Image.new("RGB", (50, 70), "white").save(scan_bytes, "PNG", pnginfo=chunks)
    photo = SimpleUploadedFile("photo.jpg", photo_bytes.getvalue(), content_type="image/jpeg")
    scan = SimpleUploadedFile("scan.png", scan_bytes.getvalue(), content_type="image/png")

    application = submit_and_confirm(client, [photo, scan])

    stored_photo = application.attachments.get(original_name="photo.jpg")
    stored_scan = application.attachments.get(original_name="scan.png")
    assert (stored_photo.content_type, stored_scan.content_type) == ("image/jpeg", "image/png")
    photo_image, scan_image = _stored_image(stored_photo), _stored_image(stored_scan)
    assert (photo_image.format, photo_image.size) == ("JPEG", (40, 30))
    assert not photo_image.getexif()
    assert (scan_image.format, scan_image.size) == ("PNG", (50, 70))
    assert "Author" not in scan_image.info
    assert stored_photo.size == stored_photo.file.size


def test_a_broken_image_is_refused_by_name_and_nothing_is_kept(client):
    broken = SimpleUploadedFile("plan.jpg", b"\xff\xd8\xff\xe0" + b"pas une image" * 10)
    response = client.post(APPLY, {**application_post(), "attachments": [pdf(), broken]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "« plan.jpg » : Ce fichier n" in html and "pas une image lisible" in html
    assert 'value="Ville de Metz"' in html  # what was typed is kept
    assert not Application.objects.exists() and not ApplicationAttachment.objects.exists()
    assert not mail.outbox


def test_draft_files_go_to_the_application_and_count_in_the_limit(client):
    client.post(
        APPLY,
        {"email": "camille@metz.example", "save_draft": "1", "attachments": [pdf(), png()]},
    )
    draft = ApplicationDraft.objects.get()
    assert draft.attachments.count() == 2
    link = draft_link()
    page = client.get(link).content.decode()
    assert "budget.pdf" in page and "plan.png" in page
    # the draft holds 2: 4 more make 6
    too_many = client.post(
        link, {**application_post(), "attachments": [pdf(f"p{n}.pdf") for n in range(4)]}
    )
    assert too_many.status_code == 400
    assert "2 pièces jointes sont déjà enregistrées" in too_many.content.decode()
    response = client.post(link, {**application_post(), "attachments": [pdf("annexe.pdf")]})
    assert response.status_code == 200
    application = Application.objects.get()
    assert application.confirmed_at is not None
    names = sorted(application.attachments.values_list("original_name", flat=True))
    assert names == ["annexe.pdf", "budget.pdf", "plan.png"]
    assert not ApplicationDraft.objects.exists()
    assert not ApplicationAttachment.objects.filter(application=None).exists()


def test_draft_files_are_downloaded_by_the_signed_in_owner_only(client):
    client.post(APPLY, {"email": "camille@metz.example", "save_draft": "1", "attachments": [pdf()]})
    url = f"/nec-locaux/pieces-jointes/{ApplicationAttachment.objects.get().pk}/"
    client.force_login(make_user("autre@metz.example"))
    assert client.get(url).status_code == 404
    client.force_login(make_user("camille@metz.example"))
    assert client.get(url).status_code == 200


def test_a_refused_file_when_saving_a_draft_keeps_nothing(client):
    response = client.post(
        APPLY,
        {
            "email": "camille@metz.example",
            "commune": "Metz",
            "save_draft": "1",
            "attachments": [pdf("faux.pdf", b"texte")],
        },
    )
    assert response.status_code == 400
    assert "faux.pdf" in response.content.decode()
    assert not ApplicationDraft.objects.exists() and not mail.outbox


def test_the_form_is_multipart_and_says_the_limits(client):
    html = client.get(APPLY).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert "Pièces jointes (PDF, PNG ou JPEG, 5 Mo maximum chacune, 5 au plus)" in html
    assert re.search(r'<input[^>]*name="attachments"[^>]*multiple', html)
    assert 'name="save_draft"' in html


def test_a_draft_file_can_be_removed(client):
    client.post(
        APPLY,
        {"email": "camille@metz.example", "save_draft": "1", "attachments": [pdf(), png()]},
    )
    link = draft_link()
    budget = ApplicationAttachment.objects.get(original_name="budget.pdf")
    page = client.get(link).content.decode()
    assert "Retirer « budget.pdf »" in page and f'value="{budget.pk}"' in page
    # another draft's file cannot be removed from this link
    client.post(APPLY, {"email": "autre@metz.example", "save_draft": "1", "attachments": [pdf()]})
    foreign = ApplicationAttachment.objects.get(draft__email="autre@metz.example")
    saved = client.post(
        link,
        {
            "email": "camille@metz.example",
            "save_draft": "1",
            "remove_files": [str(budget.pk), str(foreign.pk), "abc", "9" * 30],
        },
    )
    assert saved.status_code == 302
    assert not ApplicationAttachment.objects.filter(pk=budget.pk).exists()
    assert ApplicationAttachment.objects.filter(pk=foreign.pk).exists()
    # removing one makes room for another on submission
    plan = ApplicationAttachment.objects.get(original_name="plan.png")
    files = [pdf(f"p{n}.pdf") for n in range(5)]
    response = client.post(
        saved.url, {**application_post(), "attachments": files, "remove_files": [str(plan.pk)]}
    )
    assert response.status_code == 200
    application = Application.objects.get()
    assert application.attachments.count() == 5
    assert "plan.png" not in set(application.attachments.values_list("original_name", flat=True))


def test_private_files_are_kept_outside_media_root(settings):
    """Attachments and signed agreements never land where a web server serves /media/."""
    from django.core.files.base import ContentFile

    from nec.core.storage import private_storage

    name = private_storage().save("essai.pdf", ContentFile(b"%PDF-1.4 test"))
    stored = Path(private_storage().path(name))
    assert stored.exists()
    assert Path(settings.MEDIA_ROOT) not in stored.parents


def test_my_drafts_list_counts_their_files_without_a_query_per_draft(
    client, django_assert_max_num_queries
):
    owner = make_user("camille@metz.example")
    client.force_login(owner)
    for commune in ("Metz", "Nancy", "Épinal"):
        client.post(
            APPLY,
            {"email": owner.email, "commune": commune, "save_draft": "1", "attachments": [pdf()]},
        )
    with django_assert_max_num_queries(5):
        html = client.get("/nec-locaux/mes-candidatures/").content.decode()
    assert html.count("1 pièce jointe") == 3
