"""The bilan: figures computed from the edition's data, missing data said as such, overrides
with a reason, publication, PDF and CSV, scoping, the lighter local report."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from nec.editions.models import Edition
from nec.programme.models import FormatType, Track
from nec.registrations.models import Answer, Booking
from nec.reports import services
from nec.reports.figures import compute
from nec.reports.models import Override
from nec.surveys import services as survey_services
from tests.factories import make_bookable_session, make_registration, make_slot
from tests.surveys.builders import past_edition

pytestmark = pytest.mark.django_db


def _answer(edition, registration, key, value):
    Answer.objects.create(
        registration=registration, question=edition.questions.get(key=key), value=value
    )


def test_empty_edition_says_what_is_missing(edition, organiser, client):
    data = compute(edition)
    figures = data.figures()
    assert figures["registered"].is_missing
    assert figures["present"].missing == "Aucune présence pointée à l'accueil."
    assert figures["public_sector"].is_missing
    assert figures["fill_rate"].is_missing
    client.force_login(organiser)
    html = client.get(reverse("reports:team", args=[edition.slug])).content.decode()
    assert "Aucune session au programme" in html
    assert "0 %" not in html and "0\u00a0%" not in html


def test_figures_are_computed_from_the_data(edition):
    people = [make_registration(edition) for _ in range(4)]
    for n, person in enumerate(people):
        _answer(edition, person, "sector", "public" if n < 3 else "private")
        _answer(edition, person, "first_time", n % 2 == 0)
        _answer(edition, person, "objectives", ["decouvrir", "apprendre"])
        _answer(edition, person, "departement", "67" if n < 2 else "75")
    _answer(edition, people[0], "public_kind", "collectivite")
    people[0].checked_in_at = timezone.now()
    people[0].save()
    figures = compute(edition).figures()
    assert figures["registered"].value == 4
    assert figures["present"].value == 1
    assert figures["public_sector"].value == 75.0
    assert figures["public_sector"].n == 4
    assert figures["first_timers"].value == 50.0
    assert figures["no_shows"].value == 75.0
    regions = compute(edition).charts()["regions"]
    assert {row["label"]: row["count"] for row in regions.rows} == {
        "Grand Est": 2,
        "Île-de-France": 2,
    }


def test_programme_and_fill_rate_over_simultaneous_slots(edition):
    track = Track.objects.create(edition=edition, name="Autonomie")
    slot = make_slot(edition, hour=10)
    a = make_bookable_session(edition, "A", capacity=2, slot=slot)
    b = make_bookable_session(edition, "B", capacity=2, slot=slot)
    make_bookable_session(edition, "Seule", capacity=10)  # alone in its slot: not simultaneous
    a.track = track
    a.save()
    for session, n in ((a, 2), (b, 1)):
        for _ in range(n):
            Booking.objects.create(
                session=session,
                registration=make_registration(edition),
                status=Booking.Status.CONFIRMED,
            )
    data = compute(edition)
    figures = data.figures()
    assert figures["fill_rate"].value == 75.0
    assert figures["fill_rate"].n == 1
    assert figures["full_sessions"].value == 1
    tracks = {row["label"]: row["pct"] for row in data.charts()["tracks"].rows}
    assert tracks["Autonomie"] == pytest.approx(33.3)


def test_private_institutional_times_are_counted_apart(edition):
    private = FormatType.objects.create(edition=edition, name="Temps privé", public=False)
    session = make_bookable_session(edition, "Réunion des préfets")
    session.format_type = private
    session.save()
    make_bookable_session(edition, "Atelier")
    figures = compute(edition).figures()
    assert figures["sessions"].value == 1
    assert figures["private_times"].value == 1


def test_override_needs_a_reason(edition, organiser, client):
    client.force_login(organiser)
    url = reverse("reports:team_override", args=[edition.slug])
    page = client.post(url, {"key": "registered", "value": "1 800", "reason": "  "})
    assert page.status_code == 400
    assert "1 800" in page.content.decode()
    assert not Override.objects.exists()
    report = services.get_report(edition)
    with pytest.raises(services.ReportError):
        services.override(report, "registered", "1 800", "", known_keys={"registered"}, actor=None)
    page = client.post(
        url, {"key": "registered", "value": "1 800", "reason": "Inscriptions sur place non saisies"}
    )
    assert page.status_code == 302
    html = client.get(reverse("reports:team", args=[edition.slug])).content.decode()
    assert "Chiffre corrigé par l'équipe" in html
    assert "Inscriptions sur place non saisies" in html


def test_publish_then_public_page_pdf_and_csv(edition, organiser, client):
    for _ in range(3):
        person = make_registration(edition)
        _answer(edition, person, "sector", "public")
    public_url = reverse("reports:public", args=[edition.slug])
    assert client.get(public_url).status_code == 404
    client.force_login(organiser)
    client.post(reverse("reports:team_publish", args=[edition.slug]))
    client.logout()
    html = client.get(public_url).content.decode()
    assert "Bilan de" in html and "Secteur public" in html
    csv = client.get(reverse("reports:public_csv", args=[edition.slug, "regions"]))
    assert csv.status_code == 404 or csv["Content-Type"].startswith("text/csv")
    csv = client.get(reverse("reports:public_csv", args=[edition.slug, "audience"]))
    assert csv.status_code == 200
    assert client.get(reverse("reports:public_csv", args=[edition.slug, "nope"])).status_code == 404
    pdf = client.get(reverse("reports:public_pdf", args=[edition.slug]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_pdf_has_a_contents_page_and_the_figures(edition, organiser, client):
    from weasyprint import HTML

    for _ in range(7):
        make_registration(edition)
    client.force_login(organiser)
    pdf = client.get(reverse("reports:team_pdf", args=[edition.slug]))
    assert pdf.content.startswith(b"%PDF")
    context = {"edition": edition, "report": services.get_report(edition), "data": compute(edition)}
    html = render_to_string("reports/report_pdf.html", context)
    assert "Sommaire" in html and "Personnes inscrites" in html and ">7<" in html
    document = HTML(string=html).render()
    assert len(document.pages) >= 4  # cover, contents, one page per section


def test_team_pages_are_scoped(edition, other_organiser, client):
    client.force_login(other_organiser)
    assert client.get(reverse("reports:team", args=[edition.slug])).status_code == 403
    assert client.get(reverse("reports:team_pdf", args=[edition.slug])).status_code == 403
    assert client.post(reverse("reports:team_publish", args=[edition.slug])).status_code == 403


def test_typed_figure_needs_a_source(edition, organiser, client):
    client.force_login(organiser)
    url = reverse("reports:team_typed", args=[edition.slug])
    page = client.post(
        url,
        {"topic": "mailing", "label": "Taux d'ouverture", "value": "55", "unit": "%", "source": ""},
    )
    assert page.status_code == 400
    client.post(
        url,
        {
            "topic": "mailing",
            "label": "Taux d'ouverture",
            "value": "55",
            "unit": "%",
            "source": "Outil d'envoi, 10 novembre",
        },
    )
    figures = compute(edition).figures()
    typed = [f for f in figures.values() if f.key.startswith("typed_")]
    assert typed[0].value == 55 and "Outil d'envoi" in typed[0].how


def test_local_edition_gets_a_lighter_report(other_edition):
    assert other_edition.kind == Edition.Kind.LOCAL
    data = compute(other_edition)
    keys = {s.key for s in data.sections}
    assert "communication" not in keys and "comparison" not in keys
    assert "speakers" not in data.figures()


def test_satisfaction_hidden_under_five_answers():
    edition = past_edition("nec-sat")
    survey = survey_services.get_survey(edition)
    assert compute(edition).figures()["liked"].is_missing
    assert survey.pk


def test_communication_reads_the_mailings_of_the_edition_window(edition):
    """Mailings started around the edition count in its bilan (rates with their base); one
    long before does not; the team's typed mailing figures give way to them."""
    from datetime import timedelta

    from nec.community.models import Mailing, Recipient
    from nec.reports.models import TypedFigure
    from tests.community.builders import make_mailing, make_segment

    segment = make_segment()
    started = timezone.now() - timedelta(days=10)  # the edition starts in two months
    done = make_mailing(segment, status=Mailing.Status.DONE, started_at=started)
    for n in range(10):
        Recipient.objects.create(
            mailing=done,
            email=f"p{n}@example.fr",
            state=Recipient.State.SENT,
            measure_opens=n < 4,
            opened_at=timezone.now() if n < 2 else None,
            clicked_at=timezone.now() if n < 3 else None,
            unsubscribed_at=timezone.now() if n == 9 else None,
        )
    old = make_mailing(
        segment, status=Mailing.Status.DONE, started_at=timezone.now() - timedelta(days=900)
    )
    Recipient.objects.create(mailing=old, email="vieux@example.fr", state=Recipient.State.SENT)
    report = services.get_report(edition)
    TypedFigure.objects.create(
        report=report, topic="mailing", label="Newsletter", value=5, source="Brevo"
    )

    figures = {f.label: f for f in compute(edition, report).figures().values()}
    assert figures["Envois à la communauté"].value == 1
    assert figures["Messages envoyés"].value == 10
    assert figures["Désinscriptions"].value == 1
    assert figures["Taux d'ouverture"].value == 50  # 2 of the 4 who accepted the measurement
    assert "4 personnes" in figures["Taux d'ouverture"].how
    assert figures["Taux de clic"].value == 30
    assert not any("Newsletter" in label for label in figures)


def test_communication_without_mailings_keeps_the_typed_figures(edition):
    from nec.reports.models import TypedFigure

    report = services.get_report(edition)
    TypedFigure.objects.create(
        report=report, topic="mailing", label="Newsletter", value=5, source="Brevo"
    )
    labels = [f.label for f in compute(edition, report).figures().values()]
    assert "E-mailing : Newsletter" in labels
    assert "Messages envoyés" not in labels
