"""The survey goes out by itself the day after the event and is reminded once a week later,
through the daily periodic job; never before the event, never twice, never when the team turned
it off (the tests run tasks at once)."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from nec.surveys import services
from nec.surveys.models import Response, Survey
from tests.factories import make_edition
from tests.surveys.builders import checked_in_people, past_edition

pytestmark = pytest.mark.django_db


def _daily():
    call_command("periodic", "day", stdout=StringIO())


def test_sent_the_day_after_the_event_then_reminded_once_a_week_later():
    edition = past_edition("nec-auto")
    people = checked_in_people(edition, 3)

    _daily()
    survey = Survey.objects.get(edition=edition)
    assert survey.sent_at is not None
    assert Response.objects.filter(survey=survey).count() == 3
    invited = {address for message in mail.outbox for address in message.to}
    assert {person.email for person in people} <= invited

    mail.outbox.clear()
    _daily()  # the next day: nothing new, no reminder yet
    assert mail.outbox == []

    Survey.objects.filter(pk=survey.pk).update(sent_at=timezone.now() - timedelta(days=8))
    _daily()
    survey.refresh_from_db()
    assert survey.reminded_at is not None
    assert len(mail.outbox) == 3
    mail.outbox.clear()
    _daily()
    assert mail.outbox == []


def test_not_before_the_event_nor_when_turned_off_nor_long_after():
    upcoming = make_edition("nec-a-venir")
    checked_in_people(upcoming, 2)
    turned_off = past_edition("nec-manuelle")
    checked_in_people(turned_off, 2)
    services.update_settings(
        services.get_survey(turned_off),
        audience=Survey.Audience.CHECKED_IN,
        closes_at=None,
        automatic=False,
        actor=None,
    )
    start = date.today() - timedelta(days=90)
    long_ago = make_edition("nec-ancienne", start_date=start, year=start.year)
    checked_in_people(long_ago, 2)

    assert services.run_automatic() == {"sent": 0, "reminded": 0}
    assert mail.outbox == []
    assert not Survey.objects.filter(sent_at__isnull=False).exists()


def test_the_team_turns_it_off_from_the_survey_page(client, organiser, edition):
    client.force_login(organiser)
    response = client.post(
        f"/orga/{edition.slug}/enquete/", {"audience": "checked_in", "closes_at": ""}
    )
    assert response.status_code == 302
    assert Survey.objects.get(edition=edition).automatic is False


def test_the_survey_page_says_when_it_will_go_out(client, organiser, edition):
    client.force_login(organiser)
    html = client.get(f"/orga/{edition.slug}/enquete/").content.decode()
    day_after = edition.end_date + timedelta(days=1)
    assert f"Envoi automatique prévu le {day_after.day}" in html
