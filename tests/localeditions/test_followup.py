"""The follow-up of an accepted local edition: the retro-planning generated from the event date
(Metz 2023 milestones), overdue steps highlighted and reminded once by e-mail, committees, and the
national team's progress table; a local organiser reaches only their own edition."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from nec.localeditions.models import Milestone
from nec.localeditions.services import followup, instruction
from tests.factories import make_edition, make_member, make_national
from tests.localeditions.builders import confirmed_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted():
    team = make_national("instruction@anct.example")
    application = confirmed_application()
    return instruction.accept(application, actor=team, with_grant=True, amount=3500)


def test_shift_months_keeps_the_day_or_takes_the_last_one():
    assert followup.shift_months(date(2027, 3, 31), -1) == date(2027, 2, 28)
    assert followup.shift_months(date(2027, 1, 15), -12) == date(2026, 1, 15)
    assert followup.shift_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_retro_planning_follows_the_event_date(accepted):
    edition = accepted.edition
    milestones = {m.title: m for m in edition.milestones.all()}
    event = edition.start_date
    assert milestones["Budget prévisionnel établi"].due_date == followup.shift_months(event, -12)
    assert milestones["Comité de pilotage à 1 mois"].due_date == followup.shift_months(event, -1)
    assert milestones["Questionnaire de satisfaction envoyé"].due_date == event + timedelta(2)
    # the steps before the acceptance are done; the later ones are not
    today = timezone.localdate()
    assert all(m.done_on == today for m in milestones.values() if m.due_date < today)
    assert milestones["Comité de pilotage à 1 mois"].done_on is None


def test_organiser_sees_overdue_steps_marks_one_done_and_adds_a_committee(client, accepted):
    edition = accepted.edition
    late = Milestone.objects.create(
        edition=edition, title="Réserver la salle", due_date=timezone.localdate() - timedelta(3)
    )
    client.force_login(accepted.applicant)
    url = f"/orga/{edition.slug}/suivi/"
    page = client.get(url).content.decode()
    assert "1 étape en retard" in page and 'class="overdue"' in page
    response = client.post(f"{url}etape/{late.pk}/faite/")
    assert response.status_code == 302 and response["Location"].endswith(f"#etape-{late.pk}")
    late.refresh_from_db()
    assert late.done_on == timezone.localdate()
    assert "en retard" not in client.get(url).content.decode().split("<h2")[1]

    response = client.post(f"{url}comite/", {"committee-held_on": "2001-13-01"})
    assert response.status_code == 400
    assert "committee-participants" in response.content.decode()
    response = client.post(
        f"{url}comite/",
        {
            "committee-held_on": timezone.localdate().isoformat(),
            "committee-participants": "Ville, ANCT, HubEst",
            "committee-minutes": "Programme validé",
        },
    )
    assert response.status_code == 302
    assert "Ville, ANCT, HubEst" in client.get(url).content.decode()

    response = client.post(f"{url}etape/", {"new-title": "", "new-due_date": ""})
    assert response.status_code == 400
    edit = client.post(
        f"{url}etape/{late.pk}/",
        {"title": "Réserver la salle", "due_date": "2027-02-30", "owner": "Mairie"},
    )
    assert edit.status_code == 400 and "Réserver la salle" in edit.content.decode()


def test_overdue_reminder_is_mailed_once(accepted):
    edition = accepted.edition
    Milestone.objects.create(
        edition=edition, title="Réserver la salle", due_date=timezone.localdate() - timedelta(1)
    )
    mail.outbox.clear()
    assert followup.send_overdue_reminders() == 1
    assert mail.outbox[0].to == ["camille@metz.example"]
    assert "Réserver la salle" in mail.outbox[0].body
    assert followup.send_overdue_reminders() == 0


def test_followup_is_scoped_to_the_organisers_own_local_edition(client, accepted):
    other = confirmed_application("autre@lens.example", commune="Lens")
    other = instruction.accept(other, actor=make_national("b@anct.example"), with_grant=False)
    client.force_login(accepted.applicant)
    assert client.get(f"/orga/{other.edition.slug}/suivi/").status_code == 403
    late = other.edition.milestones.first()
    assert (
        client.post(f"/orga/{other.edition.slug}/suivi/etape/{late.pk}/faite/").status_code == 403
    )
    mine = accepted.edition.slug
    assert client.post(f"/orga/{mine}/suivi/etape/{late.pk}/faite/").status_code == 404
    assert client.get("/orga/candidatures/suivi/").status_code == 403
    national_edition = make_edition("nec-2027", kind="national")
    make_member(accepted.applicant.email, national_edition)
    assert client.get("/orga/nec-2027/suivi/").status_code == 404  # not a local edition


def test_national_progress_table_sorts(client, accepted):
    Milestone.objects.create(
        edition=accepted.edition, title="En retard", due_date=timezone.localdate() - timedelta(1)
    )
    client.force_login(make_national("c@anct.example"))
    for sort in ("date", "-date", "region", "retards", "subvention", "titre", "inconnu"):
        page = client.get(f"/orga/candidatures/suivi/?tri={sort}")
        assert page.status_code == 200
    html = page.content.decode()
    assert accepted.edition.title in html and "3\xa0500 €" in html and "Grand Est" in html
