"""`nec manage periodic`: cron enqueues what every app registered, once per rhythm, and the
jobs are idempotent (the tests run tasks at once with the immediate backend)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from nec.editions.models import Edition
from nec.localeditions.models import Milestone
from tests.factories import make_edition, make_member


def run(*args: str) -> str:
    out = StringIO()
    call_command("periodic", *args, stdout=out)
    return out.getvalue()


def test_list_shows_the_jobs_every_app_registered():
    listing = run("--list")
    for key in (
        "registrations.expire_offers",
        "registrations.session_reminders",
        "community.due_mailings",
        "community.retention",
        "localeditions.overdue_milestones",
    ):
        assert key in listing


def test_a_rhythm_is_required():
    with pytest.raises(CommandError, match="minute or day"):
        run()
    with pytest.raises(CommandError):
        run("hourly")


@pytest.mark.django_db
def test_daily_run_reminds_overdue_milestones_once():
    edition = make_edition("nec-local-laval", kind=Edition.Kind.LOCAL, title="NEC local Laval")
    make_member("orga@laval.example", edition)
    today = timezone.localdate()
    late = Milestone.objects.create(
        edition=edition, title="Réserver le lieu", due_date=today - timedelta(days=3)
    )
    Milestone.objects.create(edition=edition, title="Annoncer", due_date=today + timedelta(days=9))

    output = run("day")

    assert "queued localeditions.overdue_milestones" in output
    reminders = [m for m in mail.outbox if "orga@laval.example" in m.to]
    assert len(reminders) == 1 and "Réserver le lieu" in reminders[0].body
    assert "Annoncer" not in reminders[0].body
    late.refresh_from_db()
    assert late.reminded_on == today

    run("day")
    assert len([m for m in mail.outbox if "orga@laval.example" in m.to]) == 1
