"""The charter rules on sessions (no all-male panel, no guessed gender), the edition report."""

import pytest
from django.urls import reverse

from nec.editions.models import Organisation
from nec.programme import charter
from nec.programme.models import Session
from nec.programme.services.setup import ensure_default_format_types
from tests.factories import make_member, make_session, make_speaker

pytestmark = pytest.mark.django_db


def _issues(session):
    return charter.session_issues(charter.with_speakers(Session.objects).get(pk=session.pk))


def test_all_male_panel_is_a_hard_block(edition):
    men = [make_speaker(edition, n, "homme") for n in ("Paul", "Jacques", "Pierre")]
    panel = make_session(edition, "Table ronde", speakers=men)
    issues = _issues(panel)
    assert [i.code for i in issues] == ["all_male_panel"]
    assert issues[0].is_blocking and "3 intervenant·es" in issues[0].message


def test_one_man_alone_or_a_mixed_panel_is_fine(edition):
    paul = make_speaker(edition, "Paul", "homme")
    alice = make_speaker(edition, "Alice", "femme")
    assert _issues(make_session(edition, "Masterclass", speakers=[paul])) == []
    assert _issues(make_session(edition, "Regards croisés", speakers=[paul, alice])) == []
    sam = make_speaker(edition, "Sam", "non_binaire")
    assert _issues(make_session(edition, "Retex", speakers=[paul, sam])) == []


def test_undeclared_gender_is_a_warning_never_a_guess(edition):
    paul = make_speaker(edition, "Paul", "homme")
    jean = make_speaker(edition, "Jean", "")  # a "male" first name: never guessed
    dom = make_speaker(edition, "Dominique", "no_answer")
    issues = _issues(make_session(edition, "Table ronde", speakers=[paul, jean, dom]))
    assert [(i.code, i.level) for i in issues] == [("undeclared_gender", charter.WARNING)]
    assert "2 intervenant·es" in issues[0].message


def test_edition_report_shares(edition):
    ensure_default_format_types(edition, actor=None)
    atelier = edition.format_types.get(slug="atelier")
    retex = edition.format_types.get(slug="retex")
    partner = Organisation.objects.create(name="La Mednum", slug="la-mednum")
    women = [make_speaker(edition, f"Femme {n}", "femme") for n in range(3)]
    men = [make_speaker(edition, f"Homme {n}", "homme") for n in range(2)]
    undeclared = make_speaker(edition, "Claude", "")
    make_session(
        edition, "Atelier", speakers=[women[0], men[0]], format_type=atelier, partners=[partner]
    )
    make_session(edition, "Retex 1", speakers=[women[1], women[0]], format_type=retex)
    make_session(edition, "Panel", speakers=men, format_type=retex)
    make_session(edition, "Retex 2", speakers=[women[2], undeclared], format_type=retex)
    # declined or cancelled sessions are not part of the programme
    make_session(
        edition, "Refusée", speakers=[make_speaker(edition, "X", "homme")], status="declined"
    )

    report = charter.edition_report(edition)
    assert report.sessions == 4 and report.speakers == 6
    assert (report.women, report.men, report.non_binary, report.undeclared) == (3, 2, 0, 1)
    assert report.share_women == pytest.approx(3 / 5)  # undeclared counted apart
    assert report.parity_reached
    assert report.share_participatory == pytest.approx(1 / 4)
    assert report.share_co_designed == pytest.approx(1 / 4)
    assert [c.session.title for c in report.blocking] == ["Panel"]
    assert [c.session.title for c in report.warnings] == ["Retex 2"]
    assert not report.can_publish


def test_empty_edition_report_has_no_shares(edition):
    report = charter.edition_report(edition)
    assert report.share_women is None and report.share_co_designed is None
    assert report.can_publish


def test_dashboard_page_shows_figures_and_breaking_sessions(client, edition):
    organiser = make_member("orga@rennes.example", edition)
    men = [make_speaker(edition, n, "homme") for n in ("Paul", "Jacques")]
    make_session(edition, "Panel masculin", speakers=men)
    make_session(edition, "Atelier", speakers=[make_speaker(edition, "Alice", "femme")])
    client.force_login(organiser)
    response = client.get(reverse("programme:orga_charter", args=[edition.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "33,3 %" in html  # 1 woman out of 3 declared
    assert "Panel masculin" in html and "Bloquant" in html
    assert "La parité n'est pas atteinte" in html
