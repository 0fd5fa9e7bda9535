import pytest
from django.urls import reverse

PUBLIC_PAGES = [
    "core:home",
    "core:charter",
    "core:legal",
    "core:accessibility",
    "core:privacy",
    "editions:history",
    "editions:partners",
    "accounts:login",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_renders_in_french_with_one_h1(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<html lang="fr">' in html
    assert 'href="#contenu"' in html and 'id="contenu"' in html
    assert "Content-Security-Policy" in response.headers


@pytest.mark.django_db
def test_unknown_url_gets_styled_404(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
