"""Check-in on a phone: five people checked in by typed code at 375 px, without ever
scrolling; the field is empty and focused after each save, the count goes up."""

import pytest

from nec.editions.models import Membership
from tests.browser.helpers import signed_in_page
from tests.factories import make_edition, make_member, make_registration


@pytest.mark.django_db(transaction=True)
def test_check_in_five_people_by_typed_code_on_a_phone(browser, live_server, assert_accessible):
    edition = make_edition()
    people = [make_registration(edition, name) for name in ("Ana", "Bao", "Cyd", "Dia", "Eli")]
    staff = make_member("accueil@example.fr", edition, Membership.Role.STAFF)
    page = signed_in_page(browser, live_server, staff)
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(f"/orga/{edition.slug}/accueil/")
    assert_accessible(page)
    field = page.get_by_label("Code du billet ou nom")
    for done, person in enumerate(people):
        # autofocus applies once the page has rendered: wait for it (fails after the timeout)
        page.wait_for_function("document.activeElement?.id === 'checkin-q'")
        assert field.input_value() == ""
        page.get_by_text(f"{done} / 5 présent·es").wait_for()
        field.fill(person.code)
        field.press("Enter")
        page.get_by_role("heading", name=f"{person.first_name} Test").wait_for()
        save = page.get_by_role("button", name="Enregistrer la présence")
        box = save.bounding_box()
        assert box["y"] + box["height"] <= 667, "the save button needs scrolling"
        if done == 0:
            assert_accessible(page)
        save.click()
        page.get_by_text(f"Présence enregistrée : {person.first_name} Test.").wait_for()
        assert page.evaluate("window.scrollY") == 0
    page.get_by_text("5 / 5 présent·es").wait_for()
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    for person in people:
        person.refresh_from_db()
        assert person.checked_in_at is not None
    page.context.close()
