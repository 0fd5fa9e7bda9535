"""Security review "Hardening": the call for proposals (identity, sign-in limits, co-speakers'
accounts) and the speaker photo upload (size, re-encoding, metadata, files left behind). Each
test reproduces the attack of the review."""

import io
import re
import time

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from nec.accounts.models import LoginRequest, User
from nec.accounts.services import request_login_link
from nec.core.models import PendingAction
from nec.core.signed_links import LinkError
from nec.editions.models import Membership
from nec.programme.models import Proposal, Session, SessionSpeaker, Speaker
from nec.programme.services import cospeakers
from nec.programme.services.proposals import ProposalData, submit_proposal
from nec.programme.services.reviews import review_proposal
from tests.factories import (
    make_catalogue,
    make_edition,
    make_member,
    make_national,
    make_user,
    open_call,
)

pytestmark = pytest.mark.django_db
TITLE = "Souveraineté numérique des territoires"


@pytest.fixture
def edition(db):
    # Overrides the root fixture: every test here needs the call for proposals open.
    edition = make_edition("nec-durci")
    open_call(edition)
    return edition


@pytest.fixture
def catalogue(edition):
    return make_catalogue(edition)


def call_url(edition):
    return reverse("programme:cfp_call", kwargs={"edition": edition.slug})


def form(catalogue, email="camille@example.org", **extra):
    data = {
        "first_name": "Camille",
        "last_name": "Martin",
        "email": email,
        "title": TITLE,
        "format_type": catalogue[0].pk,
        "summary": "Reprendre la main sur les outils.",
        "co_speakers": "",
    }
    return {**data, **extra}


def path_of(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def link_in(email: str, kind: str = "confirmer") -> str:
    message = [m for m in mail.outbox if m.to == [email]][-1]
    found = re.search(rf"https?://\S+/appel-a-propositions/{kind}/\S+/", message.body)
    return path_of(found.group(0))


def page(client, url_name, **kwargs) -> str:
    return client.get(reverse(url_name, kwargs=kwargs)).content.decode()


# --- 1. identity: an anonymous proposal is nobody's until its author clicks ------------------


def test_anonymous_proposal_with_the_national_teams_address_is_invisible_until_confirmed(
    client, edition, catalogue
):
    national = make_national("equipe@anct.example")
    organiser = make_member("orga@example.org", edition)
    reviewer = make_member("relecture@example.org", edition, Membership.Role.REVIEWER)
    response = client.post(call_url(edition), form(catalogue, email="Equipe@ANCT.example"))
    assert response.status_code == 302
    # nothing exists but the pending proposal: no session, no speaker, the account untouched
    assert not Session.objects.exists() and not Proposal.objects.exists()
    assert not Speaker.objects.exists()
    national.refresh_from_db()
    assert (national.first_name, national.last_name) == ("", "")
    assert PendingAction.objects.count() == 1
    for person, url_name in (
        (national, "programme:my_proposals"),
        (reviewer, "programme:cfp_proposals"),
        (organiser, "programme:cfp_proposals"),
        (organiser, "programme:orga_index"),
    ):
        client.force_login(person)
        kwargs = {} if url_name == "programme:my_proposals" else {"edition": edition.slug}
        assert TITLE not in page(client, url_name, **kwargs)
    client.logout()
    # the owner of the address confirms: now it is theirs and reviewers see it
    link = link_in("equipe@anct.example")
    assert TITLE in client.get(link).content.decode()  # GET shows, changes nothing
    assert not Session.objects.exists()
    response = client.post(link)
    assert response["Location"] == reverse("programme:my_proposals")
    assert Proposal.objects.get().proposer == national
    assert TITLE in page(client, "programme:my_proposals")
    client.force_login(reviewer)
    assert TITLE in page(client, "programme:cfp_proposals", edition=edition.slug)


def test_the_confirmation_link_works_once_and_bad_links_are_a_400(client, edition, catalogue):
    client.post(call_url(edition), form(catalogue))
    link = link_in("camille@example.org")
    client.post(link)
    client.logout()
    again = client.post(link)
    assert again.status_code == 400 and "déjà été utilisé" in again.content.decode()
    assert Proposal.objects.count() == 1
    for bad in (link[:-6] + "xx/", "/appel-a-propositions/confirmer/pas-un-jeton/"):
        assert client.get(bad).status_code == 400
        assert client.post(bad).status_code == 400
    # a link signed eight days ago has expired
    real_time = time.time
    try:
        time.time = lambda: real_time() - 8 * 24 * 3600
        mail.outbox.clear()
        client.post(call_url(edition), form(catalogue, email="nour@example.org"))
        old = link_in("nour@example.org")
    finally:
        time.time = real_time
    response = client.post(old)
    assert response.status_code == 400 and "a expiré" in response.content.decode()
    assert Proposal.objects.count() == 1


def test_a_signed_in_author_is_recorded_at_once_under_their_own_account(edition, catalogue):
    author = make_user("nour@example.org")
    data = ProposalData(
        email="equipe@anct.example", first_name="Nour", last_name="H.", title=TITLE, summary="…"
    )
    proposal = submit_proposal(edition, data, actor=author)
    assert proposal.proposer == author  # the address typed cannot be someone else's
    assert not User.objects.filter(email="equipe@anct.example").exists()
    assert mail.outbox == []


# --- 1. the same rate limits as signing in, with the same answer ----------------------------


def test_six_submissions_in_a_row_are_limited_like_sign_in_with_the_same_answer(
    client, edition, catalogue, settings
):
    answers = []
    for n in range(6):
        response = client.post(call_url(edition), form(catalogue, title=f"{TITLE} {n}"))
        answers.append((response.status_code, response["Location"], page_after(client, response)))
    assert len(set(answers)) == 1  # the sixth looks exactly like the first
    assert len(mail.outbox) == settings.MAGIC_LINK_RATE_PER_HOUR == 5
    assert PendingAction.objects.count() == 5
    # the limit is the sign-in one: the address has used it up for sign-in links too
    assert request_login_link("camille@example.org") is False


def page_after(client, response) -> str:
    """The page the visitor lands on, without its per-response CSRF token."""
    html = client.get(response["Location"]).content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_sign_in_requests_count_against_proposals_and_the_ip_limit_applies(
    client, edition, catalogue, settings
):
    make_user("camille@example.org")
    for _ in range(settings.MAGIC_LINK_RATE_PER_HOUR):
        request_login_link("camille@example.org", ip_address="203.0.113.9")
    mail.outbox.clear()
    client.post(call_url(edition), form(catalogue))
    assert mail.outbox == [] and not PendingAction.objects.exists()
    settings.MAGIC_LINK_RATE_PER_IP_PER_HOUR = 3
    LoginRequest.objects.all().delete()
    for n in range(4):
        client.post(call_url(edition), form(catalogue, email=f"p{n}@example.org"))
    assert sorted(m.to[0] for m in mail.outbox) == [f"p{n}@example.org" for n in range(3)]


# --- 1. co-speakers: invited once confirmed, no account before they accept -------------------


def test_co_speakers_are_invited_only_once_confirmed_and_get_an_account_only_by_accepting(
    client, edition, catalogue
):
    made_up = [f"inconnu{n}@example.org" for n in range(10)]
    client.post(call_url(edition), form(catalogue, co_speakers="\n".join(made_up)))
    assert User.objects.count() == 0
    assert [m.to for m in mail.outbox] == [["camille@example.org"]]
    client.post(link_in("camille@example.org"))
    client.logout()
    # confirmed: ten invitations, still only the author's account
    assert sorted(m.to[0] for m in mail.outbox[1:]) == sorted(made_up)
    assert list(User.objects.values_list("email", flat=True)) == ["camille@example.org"]
    roles = SessionSpeaker.objects.filter(speaker__email__in=made_up)
    assert roles.count() == 10 and not roles.filter(speaker__user__isnull=False).exists()
    invitation = link_in("inconnu3@example.org", "invitation")
    assert "Accepter l'invitation" in client.get(invitation).content.decode()
    assert User.objects.count() == 1  # opening the link is not accepting
    client.post(invitation)
    assert User.objects.filter(email="inconnu3@example.org").exists()
    assert User.objects.count() == 2
    assert roles.get(speaker__email="inconnu3@example.org").confirmed
    again = client.post(invitation)
    assert again.status_code == 400  # accepted already: not a lasting sign-in link
    assert client.get(invitation[:-5] + "abc/").status_code == 400


def test_invitation_of_a_declined_session_cannot_be_accepted(client, edition, catalogue):
    client.post(call_url(edition), form(catalogue, co_speakers="ines@example.org"))
    client.post(link_in("camille@example.org"))
    Session.objects.update(status=Session.Status.DECLINED)
    token = link_in("ines@example.org", "invitation").rstrip("/").rsplit("/", 1)[1]
    with pytest.raises(LinkError) as error:
        cospeakers.accept_invitation(token)
    assert error.value.reason == "cancelled"
    assert not User.objects.filter(email="ines@example.org").exists()


def test_a_reviewer_invited_as_co_speaker_cannot_score_before_accepting(edition, catalogue):
    reviewer = make_member("relecture@example.org", edition, Membership.Role.REVIEWER)
    author = make_user("nour@example.org")
    data = ProposalData(
        email=author.email,
        first_name="Nour",
        last_name="H.",
        title=TITLE,
        summary="…",
        co_speakers=["relecture@example.org"],
    )
    proposal = submit_proposal(edition, data, actor=author)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        review_proposal(proposal.session, 5, actor=reviewer)


# --- 5. speaker photos -------------------------------------------------------------------------


def jpeg_with_gps(size=(2400, 1600)) -> bytes:
    image = Image.new("RGB", size, (200, 60, 30))
    exif = Image.Exif()
    exif[0x010F] = "Appareil Indiscret"  # Make
    exif[0x0132] = "2026:05:01 10:00:00"  # DateTime
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (45.0, 46.0, 40.0), 3: "E", 4: (3.0, 5.0, 15.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=95)
    return out.getvalue()


@pytest.fixture
def speaker_client(client, edition):
    user = make_user("sacha@example.org")
    speaker = Speaker.objects.create(edition=edition, user=user, name="Sacha", slug="sacha")
    client.force_login(user)
    return client, speaker


def post_photo(client, edition, content: bytes, name="photo-sacha-domicile.jpg", **extra):
    url = reverse("programme:my_speaker_profile", kwargs={"edition": edition.slug})
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    data = {"name": "Sacha", "photo": upload, "photo_alt": "Sacha souriant", **extra}
    return client.post(url, data)


def test_a_25_mb_photo_is_refused_with_a_clear_message(speaker_client, edition, settings):
    client, speaker = speaker_client
    response = post_photo(client, edition, b"\xff\xd8\xff" + bytes(25 * 1024 * 1024))
    assert response.status_code == 400
    assert "la limite est de 5 Mo" in response.content.decode()
    speaker.refresh_from_db()
    assert not speaker.photo
    assert not (settings.MEDIA_ROOT / "speakers").exists()


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4 pas une image",
        jpeg_with_gps((40, 40))[:300],
        b"",
        b"\x89PNG\r\n\x1a\n" + b"x" * 50,
    ],
)
def test_a_non_image_or_a_corrupt_image_gets_a_clear_message(speaker_client, edition, content):
    client, speaker = speaker_client
    response = post_photo(client, edition, content)
    assert response.status_code == 400
    body = response.content.decode()
    assert "pas une image lisible" in body or "Le fichier soumis est vide" in body
    speaker.refresh_from_db()
    assert not speaker.photo


def test_a_picture_too_large_in_pixels_is_refused_before_decoding(speaker_client, edition):
    client, _speaker = speaker_client
    out = io.BytesIO()
    Image.new("1", (7000, 7000)).save(out, "PNG")
    response = post_photo(client, edition, out.getvalue(), name="immense.png")
    assert response.status_code == 400
    assert "trop grande" in response.content.decode()


def test_the_photo_is_resized_re_encoded_and_stripped_of_exif_and_gps(speaker_client, edition):
    client, speaker = speaker_client
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the test photo has GPS
    response = post_photo(client, edition, original)
    assert response.status_code == 302
    speaker.refresh_from_db()
    assert "domicile" not in speaker.photo.name and speaker.photo.name.startswith("speakers/")
    with Image.open(speaker.photo.path) as stored:
        assert stored.format == "JPEG"
        assert max(stored.size) == 800 and stored.size == (800, 533)
        exif = stored.getexif()
        assert len(exif) == 0 and not exif.get_ifd(0x8825)
        assert "exif" not in stored.info
    assert b"Appareil Indiscret" not in speaker.photo.read()


def test_a_transparent_png_stays_transparent(speaker_client, edition):
    client, speaker = speaker_client
    out = io.BytesIO()
    Image.new("RGBA", (300, 200), (0, 0, 0, 0)).save(out, "PNG")
    assert post_photo(client, edition, out.getvalue(), name="logo.png").status_code == 302
    speaker.refresh_from_db()
    with Image.open(speaker.photo.path) as stored:
        assert (stored.format, stored.mode) == ("PNG", "RGBA")


def test_the_replaced_photo_and_the_photo_of_a_deleted_speaker_are_removed(
    speaker_client, edition, django_capture_on_commit_callbacks
):
    client, speaker = speaker_client
    with django_capture_on_commit_callbacks(execute=True):
        post_photo(client, edition, jpeg_with_gps((100, 100)))
    speaker.refresh_from_db()
    first = speaker.photo.path
    with django_capture_on_commit_callbacks(execute=True):
        post_photo(client, edition, jpeg_with_gps((120, 100)))
    speaker.refresh_from_db()
    second = speaker.photo.path
    assert second != first
    assert not _exists(first) and _exists(second)
    with django_capture_on_commit_callbacks(execute=True):
        speaker.delete()
    assert not _exists(second)


def test_the_organisers_speaker_form_uses_the_same_checks(client, edition):
    organiser = make_member("orga@example.org", edition)
    client.force_login(organiser)
    url = reverse("programme:orga_speaker_create", kwargs={"edition": edition.slug})
    upload = SimpleUploadedFile("x.jpg", b"pas une image", content_type="image/jpeg")
    response = client.post(url, {"name": "Inès", "photo": upload, "photo_alt": "Inès"})
    assert response.status_code == 400
    assert "pas une image lisible" in response.content.decode()
    assert not Speaker.objects.filter(name="Inès").exists()


def _exists(path: str) -> bool:
    from pathlib import Path

    return Path(path).exists()
