"""The documentation step of a local edition's retro-planning follows its documentation sheet
(`nec.resources.publication_hooks`): done by the publisher when the sheet is published, in the
same transaction, audited; open again when the sheet is withdrawn; other resources and the
national edition change nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nec.core.models import AuditEntry
from nec.editions.models import Edition
from nec.localeditions.models import Milestone
from nec.resources import publication_hooks
from nec.resources import services as resources
from nec.resources.models import Resource
from tests.factories import make_edition, make_national
from tests.localeditions.test_documentation import _accepted, _photo, _sheet

pytestmark = pytest.mark.django_db
DONE = "localeditions.documentation_step_done"
REOPENED = "localeditions.documentation_step_reopened"


@pytest.fixture
def team():
    return make_national("instruction@anct.example")


def _step(edition) -> Milestone:
    return Milestone.objects.get(edition=edition, title__icontains="documentation")


def _data(kind: str, edition, **extra) -> resources.ResourceData:
    return resources.ResourceData(
        kind=kind,
        title=f"Ressource — {edition.title}",
        summary="Une journée d'ateliers et de retours d'expérience.",
        date=edition.end_date or timezone.localdate(),
        authors=[("Équipe locale", "organisation")],
        **extra,
    )


def test_publishing_the_sheet_marks_the_step_done_by_the_publisher(team):
    application = _accepted(team, "Metz", days_ago=10)
    edition = application.edition
    assert _step(edition).done_on is None
    done_before = set(edition.milestones.filter(done_on__isnull=False).values_list("pk", flat=True))
    sheet = _sheet(application)
    assert _step(edition).done_on is None  # sent, not published yet

    resources.publish(sheet, actor=team)
    step = _step(edition)
    assert step.done_on == timezone.localdate()
    entry = AuditEntry.objects.get(action=DONE)
    assert entry.actor == team and entry.edition == edition
    assert entry.object_id == str(step.pk) and entry.details["resource"] == sheet.pk
    # the other steps of the retro-planning are left as they were
    done_after = set(edition.milestones.filter(done_on__isnull=False).values_list("pk", flat=True))
    assert done_after == done_before | {step.pk}


def test_withdrawing_the_sheet_opens_the_step_again(team):
    application = _accepted(team, "Metz", days_ago=10)
    edition = application.edition
    sheet = _sheet(application, publish_by=team)
    assert _step(edition).done_on is not None

    resources.request_changes(sheet, actor=team, note="Ajoutez la fréquentation par atelier.")
    assert _step(edition).done_on is None
    entry = AuditEntry.objects.get(action=REOPENED)
    assert entry.actor == team and entry.edition == edition

    resources.publish(sheet, actor=team)  # corrected and published again
    assert _step(edition).done_on == timezone.localdate()
    assert AuditEntry.objects.filter(action=DONE).count() == 2


def test_step_stays_done_while_another_sheet_is_published(team):
    application = _accepted(team, "Metz", days_ago=10)
    edition = application.edition
    first = _sheet(application, publish_by=team)
    _sheet(application, publish_by=team)
    resources.refuse(first, actor=team, reason="Doublon.")
    assert _step(edition).done_on is not None
    assert not AuditEntry.objects.filter(action=REOPENED).exists()


def test_refusing_a_sheet_never_published_changes_nothing(team):
    application = _accepted(team, "Metz", days_ago=10)
    edition = application.edition
    step = _step(edition)
    step.done_on = timezone.localdate() - timedelta(days=1)  # ticked by hand by the organisers
    step.save()
    resources.refuse(_sheet(application), actor=team, reason="Hors sujet.")
    assert _step(edition).done_on == step.done_on
    assert not AuditEntry.objects.filter(action__in=[DONE, REOPENED]).exists()


def test_a_sheet_added_published_by_the_team_marks_the_step_done(team):
    application = _accepted(team, "Metz", days_ago=10)
    edition = application.edition
    data = _data(
        Resource.Kind.DOCUMENTATION, edition, attendance=80, format_feedback="Un barcamp réussi."
    )
    resources.submit_resource(
        actor=team, edition=edition, data=data, status=Resource.Status.PUBLISHED
    )
    assert _step(edition).done_on == timezone.localdate()
    assert AuditEntry.objects.get(action=DONE).actor == team


def test_publishing_another_kind_of_resource_changes_nothing(team):
    application = _accepted(team, "Metz", days_ago=10)
    edition = application.edition
    video = resources.submit_resource(
        actor=application.applicant,
        edition=edition,
        data=_data(Resource.Kind.LINK, edition, url="https://example.org/documentation"),
    )
    resources.publish(video, actor=team)
    assert video.status == Resource.Status.PUBLISHED
    assert _step(edition).done_on is None
    assert not AuditEntry.objects.filter(action=DONE).exists()


def test_national_edition_is_unaffected(team):
    edition = make_edition("nec-2026", start_date=timezone.localdate() - timedelta(days=20))
    assert edition.kind == Edition.Kind.NATIONAL
    step = Milestone.objects.create(
        edition=edition, title="Fiche de documentation publiée", due_date=timezone.localdate()
    )
    data = _data(
        Resource.Kind.DOCUMENTATION, edition, attendance=1800, format_feedback="Des ateliers."
    )
    sheet = resources.submit_resource(actor=team, edition=edition, data=data)
    resources.add_image(sheet, _photo(), alt="La plénière", actor=team)
    resources.publish(sheet, actor=team)
    step.refresh_from_db()
    assert step.done_on is None
    assert not AuditEntry.objects.filter(action=DONE).exists()


def test_a_failing_callback_undoes_the_publication(team):
    """The callbacks run inside the publication's transaction: all or nothing."""
    application = _accepted(team, "Metz", days_ago=10)
    sheet = _sheet(application)

    def refuse_everything(resource, *, actor):
        raise ValidationError("Refusé par un module tiers.")

    publication_hooks.register(refuse_everything)
    try:
        with pytest.raises(ValidationError):
            resources.publish(sheet, actor=team)
    finally:
        publication_hooks._CALLBACKS.remove(refuse_everything)
    sheet.refresh_from_db()
    assert sheet.status == Resource.Status.SUBMITTED
    assert _step(application.edition).done_on is None
    assert not AuditEntry.objects.filter(action__in=[DONE, "resources.publish"]).exists()
