"""The communication kit of a local edition in a browser: the organiser reaches it from the
edition's navigation, sees the personalised logo, downloads it as SVG and PNG, reads the texts;
axe-core clean at 1280 px and 375 px."""

import re

import pytest
from playwright.sync_api import expect

from nec.localeditions.services import instruction
from tests.browser.helpers import click_and_wait, sign_in_by_link
from tests.factories import make_national
from tests.localeditions.builders import confirmed_application


@pytest.mark.django_db(transaction=True)
def test_organiser_downloads_the_kit(page, live_server, assert_accessible):
    accepted = instruction.accept(
        confirmed_application(), actor=make_national("kit@anct.example"), with_grant=False
    )
    slug = accepted.edition.slug
    sign_in_by_link(page, accepted.applicant, f"/orga/{slug}/suivi/")
    click_and_wait(page.get_by_role("link", name="Kit de communication"))
    expect(page).to_have_url(re.compile(f"/orga/{slug}/kit/$"))
    page.get_by_role("heading", level=1, name="Kit de communication").wait_for()
    logo = page.get_by_role("img", name="Logo : Numérique en Commun[s], NEC local Metz")
    assert logo.evaluate("img => img.complete && img.naturalWidth") == 1200
    assert_accessible(page)

    with page.expect_download() as svg:
        page.get_by_role("link", name="Télécharger le logo (SVG, vectoriel)").click()
    assert svg.value.suggested_filename == f"logo-nec-local-{slug}.svg"
    with page.expect_download() as png:
        page.get_by_role("link", name="Télécharger le logo (PNG, 1200 × 600 px)").click()
    assert png.value.suggested_filename == f"logo-nec-local-{slug}.png"

    invitation = page.get_by_label("Invitation par e-mail")
    assert invitation.get_attribute("readonly") is not None
    assert f"/editions/{slug}/inscription/" in invitation.input_value()

    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(page)
