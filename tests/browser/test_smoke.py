"""The home page in a browser: one h1, French, a working skip link, no axe-core violation."""

import pytest


@pytest.mark.django_db(transaction=True)
def test_home_page_is_accessible_and_skip_link_works(page, live_server, assert_accessible):
    page.goto("/")
    assert page.locator("h1").count() == 1
    assert page.locator("html").get_attribute("lang") == "fr"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#contenu"
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#contenu'")  # fails after the timeout
    assert_accessible(page)
