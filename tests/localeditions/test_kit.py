"""The communication kit of a local edition: the personalised logo (SVG with escaped text, PNG of
the announced size), the charter and the ready-to-paste texts; reached only by the edition's own
organisers, and only for local editions."""

import io
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.conf import settings
from PIL import Image

from nec.editions.models import Edition
from nec.localeditions import kit
from nec.localeditions.services import instruction
from tests.factories import make_edition, make_member, make_national
from tests.localeditions.builders import confirmed_application

pytestmark = pytest.mark.django_db
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def accepted():
    team = make_national("kit@anct.example")
    application = confirmed_application()
    return instruction.accept(application, actor=team, with_grant=False)


def local(slug="nec-local-test", **fields) -> Edition:
    values = {"kind": Edition.Kind.LOCAL, "city": "Metz", "start_date": date(2027, 3, 14)}
    return make_edition(slug, **{**values, **fields})


def test_french_date_of_one_or_several_days():
    edition = local(end_date=date(2027, 3, 14))
    assert kit.french_date(edition) == "14 mars 2027"
    edition.end_date = date(2027, 3, 15)
    assert kit.french_date(edition) == "14 – 15 mars 2027"
    edition.end_date = date(2027, 4, 2)
    assert kit.french_date(edition) == "14 mars – 2 avril 2027"
    edition.start_date = None
    assert kit.french_date(edition) == ""


def test_svg_names_the_city_and_date_and_escapes_the_city():
    edition = local(city="Metz", end_date=date(2027, 3, 14))
    svg = kit.logo_svg(edition)
    ET.fromstring(svg)  # well-formed
    assert "NEC local Metz" in svg and "14 mars 2027" in svg
    assert "Numérique en Commun" in svg and "[s]" in svg

    edition.city = '<script>alert("x")</script> & Cie'
    svg = kit.logo_svg(edition)
    root = ET.fromstring(svg)
    assert "<script" not in svg and "&lt;script&gt;" in svg
    assert not root.findall(".//{http://www.w3.org/2000/svg}script")
    texts = ["".join(node.itertext()) for node in root.iter("{http://www.w3.org/2000/svg}text")]
    assert 'NEC local <script>alert("x")</script> & Cie' in texts


def test_png_has_the_signature_and_size_even_for_a_long_city():
    data = kit.logo_png(local(city="Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson" * 2))
    assert data.startswith(PNG_SIGNATURE)
    image = Image.open(io.BytesIO(data))
    assert image.size == (kit.WIDTH, kit.HEIGHT) == (1200, 600)
    assert image.format == "PNG"


def test_texts_contain_title_date_place_and_registration_address():
    edition = local("nec-local-metz", title="NEC local Metz", venue="Arsenal")
    url = f"{settings.BASE_URL}/editions/nec-local-metz/inscription/"
    assert kit.registration_url(edition) == url
    texts = kit.announcement_texts(edition)
    assert [t["key"] for t in texts] == ["post", "invitation", "press"]
    for text in texts:
        body = text["text"]
        assert "NEC local Metz" in body and "14" in body and "mars 2027" in body
        assert url in body and "Arsenal, Metz" in body


def test_organiser_gets_the_kit_page_and_both_downloads(client, accepted):
    edition = accepted.edition
    client.force_login(accepted.applicant)
    base = f"/orga/{edition.slug}/kit/"
    page = client.get(base)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Kit de communication" in html and 'href="/charte/"' in html
    assert f"{base}logo.svg" in html and f"{base}logo.png" in html
    assert html.count("<textarea") == 3 and html.count("readonly") >= 3
    assert kit.registration_url(edition) in html
    assert "Documenter" in html  # the organiser's commitments

    svg = client.get(f"{base}logo.svg")
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert svg["Content-Disposition"] == (
        f'attachment; filename="logo-nec-local-{edition.slug}.svg"'
    )
    assert "NEC local Metz" in svg.content.decode()
    png = client.get(f"{base}logo.png")
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert png.content.startswith(PNG_SIGNATURE)
    assert png["Content-Disposition"].endswith(f'filename="logo-nec-local-{edition.slug}.png"')
    assert client.post(f"{base}logo.png").status_code == 405


def test_the_kit_is_in_the_local_editions_navigation_only(client, accepted):
    client.force_login(accepted.applicant)
    follow = client.get(f"/orga/{accepted.edition.slug}/suivi/").content.decode()
    assert f'href="/orga/{accepted.edition.slug}/kit/"' in follow

    national = make_edition("nec-2027", kind=Edition.Kind.NATIONAL)
    make_member(accepted.applicant.email, national)
    home = client.get("/orga/nec-2027/").content.decode()
    assert "/kit/" not in home and "Kit de communication" not in home
    assert client.get("/orga/nec-2027/kit/").status_code == 404
    assert client.get("/orga/nec-2027/kit/logo.svg").status_code == 404


def test_another_editions_organiser_gets_403_and_anonymous_signs_in(client, accepted):
    other = confirmed_application("autre@lens.example", commune="Lens")
    other = instruction.accept(other, actor=make_national("b@anct.example"), with_grant=False)
    client.force_login(other.applicant)
    slug = accepted.edition.slug
    for suffix in ("", "logo.svg", "logo.png"):
        assert client.get(f"/orga/{slug}/kit/{suffix}").status_code == 403
    client.logout()
    response = client.get(f"/orga/{slug}/kit/logo.png")
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]
