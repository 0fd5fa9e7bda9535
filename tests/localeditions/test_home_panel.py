""" "Mon espace" shows the person's applications under instruction, and what the national team
waits for: information to send (with the due date) or an interview; not a refused or another
person's application."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from nec.localeditions.models import RefusalReason
from nec.localeditions.services import instruction
from tests.factories import make_national, make_user
from tests.localeditions.builders import confirmed_application

pytestmark = pytest.mark.django_db


def home(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("accounts:home")).content.decode()


def test_an_application_waiting_for_information_asks_for_it(client):
    application = confirmed_application()
    html = home(client, application.applicant)
    assert "Mes candidatures NEC local en cours" in html and "Déposée" in html
    assert reverse("localeditions:mine", args=[application.pk]) in html
    assert "L'équipe nationale attend vos renseignements" not in html.replace("&#x27;", "'")

    due = timezone.localdate() + timedelta(days=10)
    instruction.request_information(
        application, actor=make_national(), message="Le budget, s'il vous plaît.", due=due
    )
    html = home(client, application.applicant).replace("&#x27;", "'")
    assert "L'équipe nationale attend vos renseignements" in html
    assert "Compléter ma candidature" in html
    assert f"Renseignements attendus pour le {due.day} " in html

    assert "Mes candidatures NEC local en cours" not in home(client, make_user("autre@metz.fr"))


def test_a_decided_application_leaves_the_panel(client):
    application = confirmed_application()
    instruction.refuse(application, actor=make_national(), reason=RefusalReason.TIMING)
    assert "Mes candidatures NEC local en cours" not in home(client, application.applicant)
