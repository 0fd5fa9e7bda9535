"""Bad input on the bilan's team page: a correction of a figure the bilan does not have, a
typed-in figure that is no number; nothing is stored."""

import pytest
from django.urls import reverse

from nec.reports.models import Override, TypedFigure

pytestmark = pytest.mark.django_db


def test_a_correction_of_an_unknown_figure_is_refused(edition, organiser, client):
    client.force_login(organiser)
    url = reverse("reports:team_override", args=[edition.slug])
    page = client.post(url, {"key": "nope", "value": "12", "reason": "Une raison"})
    assert page.status_code == 400
    assert not Override.objects.exists()


def test_a_typed_figure_that_is_no_number_is_refused(edition, organiser, client):
    client.force_login(organiser)
    url = reverse("reports:team_typed", args=[edition.slug])
    post = {"topic": "social", "label": "Abonnés", "value": "beaucoup", "source": "LinkedIn"}
    page = client.post(url, post)
    assert page.status_code == 400
    assert not TypedFigure.objects.exists()
