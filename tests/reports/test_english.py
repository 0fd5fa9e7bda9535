"""The bilan in English (issue 9): every text the report computes (sections, figure labels, chart
titles, how a figure is computed, what is missing) goes through gettext in the active language
and comes out as a plain `str`; the team page, the public page, the PDF, the CSV and the API
render in both languages, and the API's cache does not mix them."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from nec.registrations.models import Answer
from nec.reports import services
from nec.reports.figures import compute
from tests.factories import make_registration

pytestmark = pytest.mark.django_db


def _texts(data) -> list:
    """Every text of a computed report that the site writes itself."""
    texts = []
    for section in data.sections:
        texts += [section.title, section.missing]
        if "best_how" in section.extra:
            texts.append(section.extra["best_how"])
        for figure in section.figures:
            texts += [figure.label, figure.how, figure.missing]
        for chart in section.charts:
            texts += [chart.title, chart.how, chart.missing, chart.count_label]
            texts += [row["label"] for row in chart.rows]
    return texts


@pytest.fixture
def answered(edition):
    for n in range(3):
        person = make_registration(edition)
        Answer.objects.create(
            registration=person,
            question=edition.questions.get(key="sector"),
            value="public" if n else "private",
        )
        Answer.objects.create(
            registration=person, question=edition.questions.get(key="departement"), value="67"
        )
    return edition


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_computed_text_is_a_plain_string(answered, language):
    with translation.override(language):
        texts = _texts(compute(answered))
    assert len(texts) > 50
    assert [t for t in texts if type(t) is not str] == []


def test_figure_labels_follow_the_active_language(answered):
    with translation.override("en"):
        data = compute(answered)
    figures, sections = data.figures(), {s.key: s for s in data.sections}
    assert figures["public_sector"].label == "Public sector"
    assert figures["source_questionnaire"].label == "Registration questionnaire"
    assert sections["headline"].title == "Key figures"
    assert sections["attendance"].title == "Attendance"
    assert data.charts()["audience"].count_label == "People"
    assert data.charts()["regions"].rows[0]["label"] == "Grand Est"  # a région: as named
    with translation.override("fr"):
        data = compute(answered)
    assert data.figures()["public_sector"].label == "Secteur public"
    assert {s.key: s for s in data.sections}["headline"].title == "Chiffres clés"


def test_team_page_pdf_and_csv_in_both_languages(answered, organiser, client):
    client.force_login(organiser)
    url = reverse("reports:team", args=[answered.slug])
    html = client.get(url).content.decode()
    assert "<dt>Secteur public</dt>" in html
    client.post(reverse("set_language"), {"language": "en", "next": url})
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html and "<dt>Public sector</dt>" in html
    assert "<dt>Secteur public</dt>" not in html
    csv = client.get(reverse("reports:team_csv", args=[answered.slug, "audience"]))
    assert csv.content.decode("utf-8-sig").startswith("Label;People;")
    pdf = client.get(reverse("reports:team_pdf", args=[answered.slug]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    with translation.override("en"):
        context = {"edition": answered, "report": None, "data": compute(answered)}
        html = render_to_string("reports/report_pdf.html", context)
    assert '<html lang="en">' in html and "Key figures" in html


def test_the_api_answers_in_the_asked_language_without_mixing(answered, client):
    services.publish(services.get_report(answered), actor=None)

    def label(language: str) -> str:
        cache.clear()  # the rate limit's counter
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # the site's language switch
        response = client.get(f"/api/v1/editions/{answered.slug}")
        assert response.status_code == 200
        figures = {f["key"]: f for f in response.json()["bilan_figures"]}
        return figures["public_sector"]["label"]

    assert label("fr") == "Secteur public"
    assert label("en") == "Public sector"
    assert label("fr") == "Secteur public"
