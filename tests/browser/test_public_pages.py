"""Every public page, with the real history loaded: one h1, lang, skip link, axe-core, 320 px."""

import pytest
from playwright.sync_api import expect

from nec.editions.history import load_history
from tests.browser.helpers import click_and_wait

PUBLIC_PAGES = [
    "/",
    "/editions/",
    "/editions/nec-2022-lens/",
    "/editions/nec-local-2023-metz/",
    "/charte/",
    "/partenaires/",
    "/mentions-legales/",
    "/accessibilite/",
    "/donnees-personnelles/",
    "/compte/connexion/",
    "/cette-page-n-existe-pas/",
]
NARROW = 320
RESET_FOCUS = """() => {
  if (document.activeElement !== document.body) {
    document.body.tabIndex = -1; document.body.focus(); document.body.removeAttribute("tabindex");
  }
}"""
TOLERANCE = 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page(page, path, assert_accessible):
    load_history()
    response = page.goto(path)
    assert response.status == (404 if "n-existe-pas" in path else 200)
    assert page.locator("h1").count() == 1
    assert page.locator("html").get_attribute("lang") == "fr"
    # The skip link is the first stop and moves the focus to the content. (A page that
    # autofocuses a field, like the login form, starts from the top of the document here.)
    page.evaluate(RESET_FOCUS)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#contenu"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'contenu'")  # fails after the timeout
    assert_accessible(page)
    # From 320 px wide, nothing scrolls horizontally (wide tables scroll inside their box).
    page.set_viewport_size({"width": NARROW, "height": 800})
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= NARROW + TOLERANCE, f"{path}: {scroll_width}px wide at {NARROW}px"
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_language_switch_to_english_and_back(page, assert_accessible):
    load_history()
    page.goto("/charte/")
    click_and_wait(page.get_by_role("button", name="English"))
    assert page.url.endswith("/charte/")
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_text("Guaranteeing openness and access for all")).to_be_visible()
    assert_accessible(page)
    click_and_wait(page.get_by_role("button", name="Français"))
    assert page.locator("html").get_attribute("lang") == "fr"
