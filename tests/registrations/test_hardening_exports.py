"""Exports of the registrations: a question the team labelled `=HYPERLINK(...)` must not become a
formula in the XLSX header (rows were escaped, headers were not: review finding 6)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from nec.accounts.models import User
from nec.editions.models import Edition, Membership
from nec.registrations.models import Question, Registration

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("https://evil.example","Cliquez")'


@pytest.fixture
def organiser_client(client):
    edition = Edition.objects.create(
        slug="nec-export", kind="national", year=2027, title="NEC export", status="published"
    )
    Question.objects.create(edition=edition, key="piege", label=HOSTILE, kind="text")
    Registration.objects.create(
        edition=edition,
        email="a@example.fr",
        first_name="@SUM(A1)",
        last_name="-1+1",
        status=Registration.Status.CONFIRMED,
    )
    organiser = User.objects.create_user("orga@export.example")
    Membership.objects.create(user=organiser, edition=edition, role=Membership.Role.ORGANISER)
    client.force_login(organiser)
    return client, edition


def test_xlsx_headers_and_rows_are_never_formulas(organiser_client):
    client, edition = organiser_client
    response = client.get(reverse("registrations:team_xlsx", args=[edition.slug]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type != "f" for cell in cells)
    values = [cell.value for cell in cells]
    assert "'" + HOSTILE in values
    assert "'@SUM(A1)" in values and "'-1+1" in values


def test_csv_headers_are_neutralised_the_same_way(organiser_client):
    client, edition = organiser_client
    text = client.get(reverse("registrations:team_csv", args=[edition.slug])).content.decode()
    header = text.splitlines()[0]
    assert "'=HYPERLINK" in header
