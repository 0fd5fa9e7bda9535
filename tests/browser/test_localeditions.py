"""The page "Organiser un NEC local" in a browser, with the real history loaded and local
editions in two régions: one h1, axe-core WCAG 2.1 AA, no horizontal scroll at 375 and 1280 px."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from nec.editions.history import load_history
from nec.editions.models import Edition
from tests.browser.helpers import click_and_wait
from tests.factories import make_edition

TOLERANCE = 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [375, 1280])
def test_local_editions_page(page, width, assert_accessible):
    load_history()
    make_edition(
        "nec-local-brest-test",
        kind=Edition.Kind.LOCAL,
        title="NEC local Brest",
        city="Brest",
        region_code="53",
        start_date=date.today() + timedelta(days=40),
    )
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto("/nec-locaux/")
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert page.locator("html").get_attribute("lang") == "fr"
    expect(page.get_by_role("heading", name="Bretagne")).to_be_visible()
    expect(page.get_by_role("link", name="NEC local Brest")).to_be_visible()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width + TOLERANCE, f"{scroll_width}px wide at {width}px"
    assert_accessible(page)
    click_and_wait(page.get_by_role("link", name="NEC local Brest"))
    assert page.url.endswith("/editions/nec-local-brest-test/")
