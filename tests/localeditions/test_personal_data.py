"""The local editions' part of the GDPR rights and retention: an applicant's applications and
drafts in "download my data"; erasure deletes drafts and anonymises applications that were not
accepted, keeping accepted ones (the grant's record); forgotten drafts are purged daily."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nec.accounts import personal_data
from nec.core import periodic
from nec.localeditions.models import Application, ApplicationDraft
from nec.localeditions.personal_data import purge_stale_drafts
from tests.localeditions.builders import confirmed_application

pytestmark = pytest.mark.django_db


def test_export_lists_applications_and_drafts():
    confirmed_application("lou@rennes.example", commune="Rennes")
    ApplicationDraft.objects.create(email="lou@rennes.example", data={"commune": "Vannes"})
    ApplicationDraft.objects.create(email="autre@example.org", data={"commune": "Brest"})
    sections = {s["key"]: s["data"] for s in personal_data.export_all("Lou@Rennes.example")}
    local = sections["localeditions"]
    assert [a["commune"] for a in local["candidatures"]] == ["Rennes"]
    assert [d["champs"]["commune"] for d in local["brouillons"]] == ["Vannes"]


def test_erasure_keeps_accepted_applications_and_anonymises_the_others():
    refused = confirmed_application("lou@rennes.example", commune="Rennes")
    Application.objects.filter(pk=refused.pk).update(state=Application.State.REFUSED)
    accepted = confirmed_application("lou@rennes.example", commune="Vannes")
    Application.objects.filter(pk=accepted.pk).update(state=Application.State.ACCEPTED)
    ApplicationDraft.objects.create(email="lou@rennes.example", data={"commune": "Lorient"})
    personal_data.erase_all("lou@rennes.example", actor=None)
    refused.refresh_from_db()
    accepted.refresh_from_db()
    assert refused.email.endswith("@anonyme.invalid") and refused.last_name == ""
    assert refused.commune == "Rennes"  # the project itself stays for the statistics
    assert accepted.email == "lou@rennes.example"  # the record of a public grant
    assert not ApplicationDraft.objects.exists()


def test_forgotten_drafts_are_purged_and_the_job_is_daily():
    old = ApplicationDraft.objects.create(email="a@example.org")
    recent = ApplicationDraft.objects.create(email="b@example.org")
    ApplicationDraft.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - timedelta(days=181)
    )
    assert purge_stale_drafts() == 1
    assert list(ApplicationDraft.objects.values_list("pk", flat=True)) == [recent.pk]
    assert "localeditions.purge_drafts" in [job.key for job in periodic.jobs("day")]
