"""The documentation obligation of local editions, seen from the follow-up page and the national
progress table: due on the retro-planning's documentation step (else the event + the delay), state
none / submitted / published, "documentée" only once the sheet is published, late ones
highlighted, the table sortable on it without a query per edition."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from nec.localeditions.models import Committee, Milestone
from nec.localeditions.selectors import documentation_of
from nec.localeditions.services import followup, instruction
from nec.resources import services as resources
from nec.resources.models import Resource
from tests.factories import make_national
from tests.localeditions.builders import confirmed_application

pytestmark = pytest.mark.django_db
PROGRESS = "/orga/candidatures/suivi/"


@pytest.fixture
def team():
    return make_national("instruction@anct.example")


def _accepted(team, commune: str, *, days_ago: int):
    """A local edition accepted then held `days_ago` days ago; its documentation step follows."""
    application = confirmed_application(f"porteur@{commune.lower()}.example", commune=commune)
    application = instruction.accept(application, actor=team, with_grant=False)
    edition = application.edition
    edition.start_date = edition.end_date = timezone.localdate() - timedelta(days=days_ago)
    edition.save()
    Milestone.objects.filter(edition=edition, title__icontains="documentation").update(
        due_date=edition.end_date + followup.DOCUMENTATION_DELAY
    )
    return application


def _photo() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (80, 40, 160)).save(buffer, "JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


def _sheet(application, *, publish_by=None) -> Resource:
    """The documentation sheet sent by the organiser, published by the team when asked."""
    edition = application.edition
    data = resources.ResourceData(
        kind=Resource.Kind.DOCUMENTATION,
        title=f"Fiche de documentation — {edition.title}",
        summary="Une journée d'ateliers et de retours d'expérience.",
        date=edition.end_date,
        attendance=120,
        format_feedback="Le barcamp a bien fonctionné.",
        authors=[("Équipe locale", "organisation")],
    )
    sheet = resources.submit_resource(actor=application.applicant, edition=edition, data=data)
    resources.add_image(sheet, _photo(), alt="Un atelier", actor=application.applicant)
    if publish_by is not None:
        resources.publish(sheet, actor=publish_by)
    return sheet


def test_documented_only_once_the_sheet_is_published(client, team):
    application = _accepted(team, "Metz", days_ago=10)
    edition = application.edition
    today = timezone.localdate()
    url = f"/orga/{edition.slug}/suivi/"
    client.force_login(application.applicant)

    documentation = documentation_of([edition], today)[edition.pk]
    assert documentation.state == "none" and not documentation.is_documented
    assert documentation.due == edition.end_date + followup.DOCUMENTATION_DELAY
    assert not documentation.overdue
    html = client.get(url).content.decode()
    assert "Aucune fiche pour l&#x27;instant" in html or "Aucune fiche pour l'instant" in html
    assert f'href="/orga/{edition.slug}/ressources/fiche-documentation/"' in html
    assert "Documentée" not in html

    sheet = _sheet(application)
    documentation = documentation_of([edition], today)[edition.pk]
    assert documentation.state == "submitted" and not documentation.is_documented
    html = client.get(url).content.decode()
    assert "Fiche envoyée, pas encore publiée" in html and "Documentée" not in html

    resources.request_changes(sheet, actor=team, note="Ajoutez la fréquentation par atelier.")
    assert documentation_of([edition], today)[edition.pk].state == "submitted"

    resources.publish(sheet, actor=team)
    documentation = documentation_of([edition], today)[edition.pk]
    assert documentation.is_documented and documentation.sheet == sheet
    html = client.get(url).content.decode()
    assert "Documentée" in html and f'href="{sheet.get_absolute_url()}"' in html


def test_due_date_is_the_documentation_step_else_the_event_plus_the_delay(team):
    application = _accepted(team, "Metz", days_ago=90)
    edition = application.edition
    today = timezone.localdate()
    step = Milestone.objects.get(edition=edition, title__icontains="documentation")
    step.due_date = today + timedelta(days=5)  # the organisers moved it
    step.save()
    documentation = documentation_of([edition], today)[edition.pk]
    assert documentation.due == step.due_date and not documentation.overdue

    step.delete()
    documentation = documentation_of([edition], today)[edition.pk]
    assert documentation.due == edition.end_date + followup.DOCUMENTATION_DELAY
    assert documentation.overdue  # 90 days after the event, 60 allowed, nothing sent


def test_late_documentation_is_highlighted_until_published(client, team):
    application = _accepted(team, "Metz", days_ago=90)
    client.force_login(application.applicant)
    url = f"/orga/{application.edition.slug}/suivi/"
    html = client.get(url).content.decode()
    assert "documentation-overdue" in html and "En retard" in html
    _sheet(application)  # sent but not published: still late
    assert "documentation-overdue" in client.get(url).content.decode()
    sheet = Resource.objects.get(edition=application.edition)
    resources.publish(sheet, actor=team)
    assert "documentation-overdue" not in client.get(url).content.decode()


def test_progress_table_shows_each_state_and_sorts_on_documentation(client, team):
    late = _accepted(team, "Lille", days_ago=100)  # nothing sent, 40 days late
    sent = _accepted(team, "Nancy", days_ago=20)
    done = _accepted(team, "Brest", days_ago=30)
    _sheet(sent)
    _sheet(done, publish_by=team)
    client.force_login(team)

    html = client.get(f"{PROGRESS}?tri=documentation").content.decode()
    table = html[html.index("<tbody>") :]
    assert "1 édition documentée (fiche publiée) sur 3." in html
    assert "1 documentation en retard." in html
    # most urgent first: late, then sent, then documented
    assert (
        table.index(late.edition.title)
        < table.index(sent.edition.title)
        < table.index(done.edition.title)
    )
    row = table[table.index(late.edition.title) :].split("</tr>")[0]
    assert "Aucune fiche" in row and "En retard" in row and "documentation-overdue" in row
    row = table[table.index(sent.edition.title) :].split("</tr>")[0]
    assert "Fiche envoyée" in row and "En retard" not in row
    sheet = Resource.objects.get(edition=done.edition)
    row = table[table.index(done.edition.title) :].split("</tr>")[0]
    assert "Documentée" in row and f'href="{sheet.get_absolute_url()}"' in row
    assert 'aria-sort="ascending"><a href="?tri=documentation">' in html


def test_progress_table_queries_do_not_grow_with_the_editions(client, team):
    client.force_login(team)
    first = _accepted(team, "Lille", days_ago=100)
    _sheet(first, publish_by=team)
    client.get(PROGRESS)  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        assert client.get(PROGRESS).status_code == 200
    for commune in ("Nancy", "Brest", "Tours", "Pau"):
        _sheet(_accepted(team, commune, days_ago=30))
    with CaptureQueriesContext(connection) as five:
        html = client.get(PROGRESS).content.decode()
    assert html.count('class="documentation-cell') == 5
    assert len(five.captured_queries) == len(one.captured_queries)


def test_overdue_steps_are_not_multiplied_by_the_committees(client, team):
    application = _accepted(team, "Metz", days_ago=-150)  # 150 days ahead
    edition = application.edition
    Milestone.objects.create(
        edition=edition, title="Réserver la salle", due_date=timezone.localdate() - timedelta(2)
    )
    for n in range(3):
        Committee.objects.create(
            edition=edition, held_on=timezone.localdate() - timedelta(n), participants="ANCT"
        )
    client.force_login(team)
    html = client.get(f"{PROGRESS}?tri=retards").content.decode()
    row = html[html.index(edition.title) :].split("</tr>")[0]
    cells = row.split("<td>")
    overdue_steps = Milestone.objects.filter(
        edition=edition, done_on__isnull=True, due_date__lt=timezone.localdate()
    ).count()
    assert f"<strong>{overdue_steps}</strong>" in row and "<td>3</td>" in row, cells
