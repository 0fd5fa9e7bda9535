"""The English locale: main pages render in English once chosen, and the catalogue is complete.

The catalogue tests keep future strings translated: after adding French strings, run
`NEC_DEBUG=1 uv run nec manage makemessages -l en --no-wrap --ignore "migrations/*"` from
src/nec, translate the new entries, then `compilemessages`.
"""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from nec.programme.services.schedule import place_session, publish_schedule
from nec.programme.services.setup import ensure_default_format_types
from tests.factories import make_edition, make_grid, make_session, make_speaker

LC_MESSAGES = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
MO_FILE = LC_MESSAGES / "django.mo"


# --- pages in English -------------------------------------------------------------------------


@pytest.fixture
def english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


def page(client, url: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr-FR")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    return html


def h1(html: str) -> str:
    headings = re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert len(headings) == 1
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", headings[0])).strip()


@pytest.mark.django_db
def test_home_page_in_english(english):
    make_edition("nec-2027", title="NEC 2027")
    html = page(english, reverse("site:home"))
    assert h1(html) == "Numérique en Commun[s]"
    assert "What Numérique en Commun[s] does" in html
    assert "The five commitments of the charter" in html
    assert "Skip to content" in html and "Main navigation" in html
    assert "Ce que fait Numérique en Commun[s]" not in html


@pytest.mark.django_db
def test_programme_page_in_english(english):
    edition = make_edition("nec-2027", title="NEC 2027")
    ensure_default_format_types(edition, actor=None)
    (room, _), (slot, _) = make_grid(edition, rooms=2, slots=2)
    speaker = make_speaker(edition, "Alice Martin", "femme", organisation_name="Coop numérique")
    session = make_session(
        edition,
        "Atelier des communs",
        speakers=[speaker],
        format_type=edition.format_types.get(slug="atelier"),
    )
    place_session(session, slot, room, actor=None)
    publish_schedule(edition, actor=None)

    html = page(english, reverse("programme:programme", args=[edition.slug]))
    assert h1(html) == "Programme of NEC 2027"
    assert ">Speakers</a>" in html
    assert "Filter the programme" in html
    assert "Atelier des communs" in html  # content stays as written
    assert "Voir les intervenant·es" not in html


@pytest.mark.django_db
def test_login_page_in_english(english):
    html = page(english, reverse("accounts:login"))
    assert h1(html) == "Sign in"
    assert "Get a sign-in link" in html
    assert "Sign in with a password (team)" in html
    assert "Recevoir un lien de connexion" not in html


@pytest.mark.django_db
def test_registration_page_in_english(english):
    edition = make_edition("nec-2027", title="NEC 2027")
    html = page(english, reverse("registrations:register", args=[edition.slug]))
    assert h1(html) == "Register for NEC 2027"
    assert "Registration is free. You will receive an e-mail with a link to confirm it." in html
    assert "our personal data policy" in html
    assert "M'inscrire" not in html


@pytest.mark.django_db
def test_default_questionnaire_in_english_and_typed_questions_as_typed(english):
    from nec.registrations.models import Question

    edition = make_edition("nec-2027", title="NEC 2027", with_questionnaire=True)
    Question.objects.create(
        edition=edition, key="repas", label="Repas végétarien ?", kind="boolean", position=99
    )
    html = page(english, reverse("registrations:register", args=[edition.slug]))
    assert "Your sector" in html and "Public sector" in html
    assert "Votre secteur" not in html and "Secteur public" not in html
    assert "Repas végétarien ?" in html  # typed by the team: stays as typed


@pytest.mark.django_db
def test_french_stays_the_default(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="fr">' in html
    assert h1(html) == "Se connecter"


# --- the catalogue ----------------------------------------------------------------------------


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgctxt, msgid, msgid_plural, msgstr (list), flags, obsolete."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry = {"msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": []}
        entry["flags"], entry["obsolete"], field = set(), False, None
        for line in block.splitlines():
            if line.startswith("#~"):
                entry["obsolete"] = True
            elif line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#") or not line.strip():
                continue
            elif line.startswith('"'):
                value = ast.literal_eval(line)
                if field == "msgstr":
                    entry["msgstr"][-1] += value
                else:
                    entry[field] += value
            else:
                keyword, _, rest = line.partition(" ")
                field = "msgstr" if keyword.startswith("msgstr") else keyword
                value = ast.literal_eval(rest)
                if field == "msgstr":
                    entry["msgstr"].append(value)
                else:
                    entry[field] = value
        if entry["msgid"] is not None and not entry["obsolete"]:
            entries.append(entry)
    return entries


def label(entry: dict) -> str:
    return repr(entry["msgid"][:80])


def test_catalogue_has_no_untranslated_entry():
    entries = parse_po(PO_FILE)
    assert len(entries) > 1000
    untranslated = [label(e) for e in entries if e["msgid"] and not all(e["msgstr"])]
    assert untranslated == [], f"{len(untranslated)} untranslated: {untranslated[:20]}"


def test_catalogue_has_no_fuzzy_entry():
    fuzzy = [label(e) for e in parse_po(PO_FILE) if "fuzzy" in e["flags"]]
    assert fuzzy == [], f"{len(fuzzy)} fuzzy: {fuzzy[:20]}"


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd%]|\{\w*\}")


def test_translations_keep_the_placeholders():
    wrong = []
    for entry in parse_po(PO_FILE):
        if not entry["msgid"]:
            continue
        source = entry["msgid_plural"] or entry["msgid"]
        if sorted(PLACEHOLDER.findall(entry["msgstr"][-1])) != sorted(PLACEHOLDER.findall(source)):
            wrong.append(label(entry))
    assert wrong == []


def test_compiled_catalogue_matches_the_po_file():
    """The committed .mo is what Django reads: it must hold every translation of the .po."""
    with MO_FILE.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    stale = []
    for entry in parse_po(PO_FILE):
        if not entry["msgid"]:
            continue
        msgid = entry["msgid"]
        if entry["msgctxt"] is not None:
            msgid = f"{entry['msgctxt']}\x04{msgid}"
        if entry["msgid_plural"] is not None:
            got = [catalogue.ngettext(msgid, entry["msgid_plural"], n) for n in (1, 2)]
        else:
            got = [catalogue.gettext(msgid)]
        if got != entry["msgstr"]:
            stale.append(label(entry))
    assert stale == [], f"run compilemessages: {len(stale)} stale, e.g. {stale[:10]}"
