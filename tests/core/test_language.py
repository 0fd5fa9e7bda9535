"""French by default whatever the browser asks, English once the visitor switches."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_english_browser_still_gets_french_until_the_visitor_switches(client):
    response = client.get(reverse("site:home"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="fr">' in response.content.decode()

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("site:home"), HTTP_ACCEPT_LANGUAGE="fr-FR")
    assert '<html lang="en">' in response.content.decode()
