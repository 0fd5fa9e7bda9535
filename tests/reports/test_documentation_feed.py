"""The local edition's bilan feeds its documentation sheet: the sheet opens with the attendance
counted at check-in and the bilan's figures as a starting text; a national edition's does not."""

import pytest
from django.utils import timezone

from tests.factories import make_registration

pytestmark = pytest.mark.django_db


def _sheet(client, edition) -> str:
    response = client.get(f"/orga/{edition.slug}/ressources/fiche-documentation/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_sheet_opens_with_the_check_in_count_and_the_bilan(
    client, other_edition, other_organiser
):
    people = [make_registration(other_edition) for _ in range(3)]
    for person in people[:2]:
        person.checked_in_at = timezone.now()
        person.save(update_fields=["checked_in_at"])
    client.force_login(other_organiser)
    html = _sheet(client, other_edition)
    assert 'name="attendance" value="2"' in html
    assert "Chiffres calculés par la plateforme" in html
    assert "Personnes inscrites : 3" in html


def test_an_edition_with_nobody_checked_in_opens_with_the_registered(
    client, other_edition, other_organiser
):
    make_registration(other_edition)
    client.force_login(other_organiser)
    assert 'name="attendance" value="1"' in _sheet(client, other_edition)
