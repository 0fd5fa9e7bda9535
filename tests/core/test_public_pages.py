"""Site-wide public pages: home, charter, legal pages, error pages, language switch, formats."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from nec.core import views
from nec.core.templatetags.nec_format import date_range, number
from nec.editions.history import load_history
from nec.editions.models import Edition

PUBLIC_PAGES = [
    "site:home",
    "site:charter",
    "site:legal",
    "site:accessibility",
    "site:privacy",
    "editions:history",
    "editions:partners",
    "accounts:login",
]


def h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


@pytest.mark.django_db
@pytest.mark.parametrize("with_history", [False, True])
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_renders_in_french_with_one_h1(client, name, with_history):
    if with_history:
        load_history()
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert h1_count(html) == 1
    assert '<html lang="fr">' in html
    assert 'href="#contenu"' in html and 'id="contenu"' in html
    assert "Content-Security-Policy" in response.headers
    assert "<script" not in html  # the public site needs no JavaScript
    assert 'style="' not in html  # no inline style (CSP style-src 'self')


@pytest.mark.django_db
def test_unknown_url_gets_styled_404(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html
    assert h1_count(html) == 1 and 'class="site-header"' in html and "nec.css" in html


@pytest.mark.django_db
def test_403_and_500_pages_in_the_site_style(rf: RequestFactory):
    request = rf.get("/")
    request.user = AnonymousUser()
    for view, status, title in (
        (views.permission_denied, 403, "Accès refusé"),
        (views.server_error, 500, "Erreur du serveur"),
    ):
        response = view(request)
        assert response.status_code == status
        html = response.content.decode()
        assert title in html and h1_count(html) == 1 and "nec.css" in html


@pytest.mark.django_db
def test_home_without_any_edition(client):
    html = client.get("/").content.decode()
    assert "pas encore annoncée" in html
    assert "Organiser un NEC local" in html and reverse("editions:history") in html


@pytest.mark.django_db
def test_home_with_history_shows_key_figures_with_sources_and_commitments(client):
    load_history(today=date(2026, 11, 25))
    html = client.get("/").content.decode()
    assert "Strasbourg 2025 en chiffres" in html
    assert "1\xa0800" in html and "300" in html and "102" in html and "31" in html
    assert "45" in html and "NEC locaux depuis janvier 2021" in html
    assert "Bilan de l&#x27;édition 2025" in html or "Bilan de l'édition 2025" in html
    assert "Dernière édition" in html and "/editions/nec-2025-strasbourg/" in html
    assert html.count("<li>Garantir") + html.count("<li>Agir pour la diversité") == 2
    assert len(re.findall(r'<ol class="commitments">(.*?)</ol>', html, re.S)[0].split("<li>")) == 6


@pytest.mark.django_db
def test_home_puts_forward_the_current_published_edition(client):
    load_history()
    Edition.objects.create(
        kind=Edition.Kind.NATIONAL,
        year=2026,
        title="Numérique en Commun[s] 2026 — Rennes",
        slug="nec-2026-rennes",
        city="Rennes",
        status=Edition.Status.PUBLISHED,
        start_date=date(2026, 12, 1),
        end_date=date(2026, 12, 2),
    )
    html = client.get("/").content.decode()
    assert "Numérique en Commun[s] 2026 — Rennes" in html
    assert "Les 1er et 2 décembre 2026" in html
    assert "Édition 2026" in html  # header navigation
    assert "Voir le programme" in html
    assert 'href="/editions/nec-2026-rennes/programme/"' in html
    assert 'href="/editions/nec-2026-rennes/inscription/"' in html
    detail = client.get("/editions/nec-2026-rennes/").content.decode()
    assert 'href="/editions/nec-2026-rennes/inscription/"' in detail
    assert "seront annoncés prochainement" in detail
    assert "Tous les chiffres publiés" not in detail  # nothing published yet: no empty table
    past = client.get("/editions/nec-2025-strasbourg/").content.decode()
    assert "/inscription/" not in past
    assert "pas encore annoncée" not in html


@pytest.mark.django_db
def test_charter_and_local_nec(client):
    html = client.get(reverse("site:charter")).content.decode()
    assert h1_count(html) == 1
    for title in (
        "Garantir l’ouverture et l’accès à tous et toutes",
        "Agir pour la diversité",
        "licences libres et ouvertes",
        "Organiser un événement durable",
        "écosystèmes numériques frugaux et responsables",
    ):
        assert title in html
    assert "Aucun panel exclusivement composé d’hommes" in html
    assert 'id="nec-local"' in html and "2\xa0500" in html and "5\xa0000" in html


@pytest.mark.django_db
def test_legal_pages_content(client):
    legal = client.get(reverse("site:legal")).content.decode()
    assert "Agence nationale de la cohésion des territoires" in legal
    assert "CC BY-SA 4.0 FR" in legal and "À compléter" in legal
    a11y = client.get(reverse("site:accessibility")).content.decode()
    assert "<strong>partiellement conforme</strong>" in a11y and "RGAA" in a11y
    assert "axe-core" in a11y and "Défenseur des droits" in a11y and "25 novembre 2026" in a11y
    privacy = client.get(reverse("site:privacy")).content.decode()
    for word in ("sessionid", "csrftoken", "django_language", "CNIL", "aucun traceur", "6.1.e"):
        assert word in privacy
    footer = client.get("/").content.decode()
    for name in ("site:legal", "site:accessibility", "site:privacy"):
        assert f'href="{reverse(name)}"' in footer


@pytest.mark.django_db
def test_english_switch_changes_lang_and_content(client):
    load_history()
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("site:charter")}
    )
    assert response.status_code == 302 and response["Location"] == reverse("site:charter")
    html = client.get(reverse("site:charter")).content.decode()
    assert '<html lang="en">' in html
    assert "Guaranteeing openness and access for all" in html
    assert "Français</button>" in html
    html = client.get(reverse("editions:history")).content.decode()
    assert '<html lang="en">' in html and "1,800" in html
    # the interface strings are translated (src/nec/locale/en)
    assert "Skip to content" in html and "Figures side by side" in html
    assert "not published" in html and "local NECs have been held since January 2021" in html
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert '<html lang="fr">' in client.get("/").content.decode()


def test_bad_language_switch_is_ignored(client):
    response = client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("start", "end", "french"),
    [
        (date(2022, 9, 27), date(2022, 9, 29), "du 27 au 29 septembre 2022"),
        (date(2025, 10, 29), date(2025, 10, 30), "les 29 et 30 octobre 2025"),
        (date(2025, 9, 30), date(2025, 10, 1), "du 30 septembre au 1er octobre 2025"),
        (date(2025, 12, 31), date(2026, 1, 1), "du 31 décembre 2025 au 1er janvier 2026"),
        (date(2023, 10, 12), None, "le 12 octobre 2023"),
        (None, None, ""),
    ],
)
def test_date_range_in_french(start, end, french):
    with translation.override("fr"):
        assert date_range(start, end) == french


def test_number_grouping():
    with translation.override("fr"):
        assert number(Decimal("1800.00")) == "1\xa0800"
        assert number(Decimal("31.5")) == "31,5"
        assert number(None) == ""
    with translation.override("en"):
        assert number(325800) == "325,800"


def broken_context_processor(request):
    raise RuntimeError("database unavailable")


@pytest.mark.django_db
def test_500_page_falls_back_to_plain_html_when_the_site_template_breaks(rf, settings):
    templates = [dict(settings.TEMPLATES[0])]
    templates[0]["OPTIONS"] = dict(templates[0]["OPTIONS"])
    templates[0]["OPTIONS"]["context_processors"] = [
        *templates[0]["OPTIONS"]["context_processors"],
        "tests.core.test_public_pages.broken_context_processor",
    ]
    settings.TEMPLATES = templates
    request = rf.get("/")
    request.user = AnonymousUser()
    response = views.server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="fr">' in html and h1_count(html) == 1 and "Erreur du serveur" in html


def test_favicon_ico_redirects_to_the_svg_icon(client, db):
    # regression: every browser's request for /favicon.ico was a 404 in the logs
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("nec/favicon.svg")


@pytest.mark.parametrize(
    "value, shown",
    [
        (None, "—"),
        ("", "—"),
        ([], "—"),
        (True, "oui"),
        (False, "non"),
        (["a", 2], "a, 2"),
        (3, "3"),
    ],
)
def test_audit_value_never_shows_python_literals(value, shown):
    from nec.core.templatetags.nec_format import audit_value

    with translation.override("fr"):
        assert audit_value(value) == shown
