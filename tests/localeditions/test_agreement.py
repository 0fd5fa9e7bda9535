"""The grant agreement: drafted in versions from the accepted application, its PDF naming the
parties and the amount, sent with the PDF attached, the signed copy uploaded back (a real PDF
only, by the team or the edition's organisers), the payment recorded by the team."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfReader

from nec.localeditions.models import Agreement
from nec.localeditions.services import agreement as agreements
from nec.localeditions.services import instruction
from tests.factories import make_national
from tests.localeditions.builders import confirmed_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return make_national("instruction@anct.example")


@pytest.fixture
def accepted(team):
    application = confirmed_application()
    return instruction.accept(application, actor=team, with_grant=True, amount=3500)


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def minimal_pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string="<p>Signé</p>").write_pdf()


def follow(edition) -> str:
    return f"/orga/{edition.slug}/suivi/"


def test_team_drafts_sends_and_the_organiser_uploads_the_signed_copy(client, team, accepted):
    edition = accepted.edition
    client.force_login(team)
    form = client.get(f"{follow(edition)}convention/").context["form"]
    assert form.initial["amount"] == 3500 and form.initial["beneficiary"] == "Ville de Metz"
    data = {k: v for k, v in form.initial.items()}
    data["documentation_due"] = data["documentation_due"].isoformat()
    response = client.post(f"{follow(edition)}convention/", data)
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert (agreement.version, agreement.state) == (1, Agreement.State.DRAFTED)

    pdf = client.get(f"{follow(edition)}convention/{agreement.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "3 500" in text or "3\u202f500" in text or "3\xa0500" in text
    assert "Ville de Metz" in text and "Agence nationale de la cohésion des territoires" in text

    client.post(f"{follow(edition)}convention/{agreement.pk}/envoyer/")
    agreement.refresh_from_db()
    assert agreement.state == Agreement.State.SENT
    sent = mail.outbox[-1]
    assert sent.to == ["camille@metz.example"]
    assert sent.attachments[0][0] == f"convention-{edition.slug}-v1.pdf"

    client.force_login(accepted.applicant)
    not_pdf = SimpleUploadedFile("signee.pdf", b"GIF89a...", content_type="application/pdf")
    response = client.post(
        f"{follow(edition)}convention/{agreement.pk}/deposer/", {"signed_copy": not_pdf}
    )
    assert "au format PDF" in client.get(response["Location"]).content.decode()
    agreement.refresh_from_db()
    assert agreement.state == Agreement.State.SENT and not agreement.signed_copy
    signed = SimpleUploadedFile("signee.pdf", minimal_pdf(), content_type="application/pdf")
    client.post(f"{follow(edition)}convention/{agreement.pk}/deposer/", {"signed_copy": signed})
    agreement.refresh_from_db()
    assert agreement.state == Agreement.State.SIGNED and agreement.signed_copy
    # the organiser cannot record a payment nor draft a version
    assert client.post(f"{follow(edition)}convention/{agreement.pk}/versement/").status_code == 403
    assert client.get(f"{follow(edition)}convention/").status_code == 403

    client.force_login(team)
    too_much = {"paid_on": timezone.localdate().isoformat(), "amount": "9000"}
    client.post(f"{follow(edition)}convention/{agreement.pk}/versement/", too_much)
    agreement.refresh_from_db()
    assert agreement.paid_on is None
    paid = {"paid_on": timezone.localdate().isoformat(), "amount": "3500"}
    client.post(f"{follow(edition)}convention/{agreement.pk}/versement/", paid)
    agreement.refresh_from_db()
    assert agreement.paid_amount == 3500
    assert "Versée le" in client.get(follow(edition)).content.decode()


def test_amount_outside_the_range_needs_a_reason_and_versions_count_up(client, team, accepted):
    edition = accepted.edition
    client.force_login(team)
    data = {
        k: v for k, v in client.get(f"{follow(edition)}convention/").context["form"].initial.items()
    }
    data.update(documentation_due=data["documentation_due"].isoformat(), amount="7000")
    response = client.post(f"{follow(edition)}convention/", data)
    assert response.status_code == 400 and "demande un motif" in response.content.decode()
    assert 'value="7000"' in response.content.decode()
    assert not Agreement.objects.exists()
    data["override_reason"] = "Édition sur deux jours"
    assert client.post(f"{follow(edition)}convention/", data).status_code == 302
    data.update(amount="4000", override_reason="")
    assert client.post(f"{follow(edition)}convention/", data).status_code == 302
    assert list(Agreement.objects.values_list("version", "amount")) == [(2, 4000), (1, 7000)]


def test_agreements_of_another_edition_are_out_of_reach(client, team, accepted):
    other = instruction.accept(
        confirmed_application("b@lens.example", commune="Lens"),
        actor=team,
        with_grant=True,
        amount=2500,
    )
    client.force_login(team)
    data = {
        k: v
        for k, v in client.get(f"{follow(other.edition)}convention/")
        .context["form"]
        .initial.items()
    }
    data["documentation_due"] = data["documentation_due"].isoformat()
    client.post(f"{follow(other.edition)}convention/", data)
    theirs = Agreement.objects.get()
    client.force_login(accepted.applicant)
    mine = follow(accepted.edition)
    assert client.get(f"{mine}convention/{theirs.pk}/pdf/").status_code == 404
    assert client.get(f"{follow(other.edition)}convention/{theirs.pk}/pdf/").status_code == 403


def test_the_signed_copy_is_downloaded_replaced_and_a_missing_one_is_a_404(
    client, team, accepted, django_capture_on_commit_callbacks
):
    edition = accepted.edition
    agreement = agreements.draft_agreement(edition, actor=team, **agreements.default_terms(edition))
    agreements.send_agreement(agreement, actor=team)
    client.force_login(accepted.applicant)
    url = f"{follow(edition)}convention/{agreement.pk}/signee/"
    assert client.get(url).status_code == 404  # nothing uploaded yet
    upload = f"{follow(edition)}convention/{agreement.pk}/deposer/"
    client.post(upload, {"signed_copy": SimpleUploadedFile("a.pdf", minimal_pdf())})
    agreement.refresh_from_db()
    first = agreement.signed_copy.name
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    storage = agreement.signed_copy.storage
    with django_capture_on_commit_callbacks(execute=True):
        client.post(upload, {"signed_copy": SimpleUploadedFile("b.pdf", minimal_pdf())})
    agreement.refresh_from_db()
    assert agreement.signed_copy.name != first and not storage.exists(first)
    storage.delete(agreement.signed_copy.name)  # gone from the storage: a 404, not a 500
    assert client.get(url).status_code == 404
