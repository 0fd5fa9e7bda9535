"""The instruction of an application by the national team, as the guide describes it: more
information asked and completed, an interview, acceptance (the local edition created, the
applicant its organiser, the retro-planning generated) or refusal with a reason; the thread, the
internal note, and who may see or change what."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from nec.core.models import AuditEntry
from nec.editions.models import Edition, Membership
from nec.localeditions.models import Application
from tests.factories import make_member, make_user
from tests.localeditions.builders import confirmed_application

pytestmark = pytest.mark.django_db


def team_url(application, step=""):
    return f"/orga/candidatures/{application.pk}/{step + '/' if step else ''}"


def mine_url(application, step=""):
    return f"/nec-locaux/mes-candidatures/{application.pk}/{step + '/' if step else ''}"


def audited(action, application) -> bool:
    return AuditEntry.objects.filter(
        action=f"localeditions.{action}", object_id=str(application.pk)
    ).exists()


def test_full_instruction_until_accepted_with_a_grant(client, national):
    application = confirmed_application()
    applicant = application.applicant
    assert applicant is not None and applicant.email == "camille@metz.example"
    due = timezone.localdate() + timedelta(days=10)

    client.force_login(national)
    response = client.post(
        team_url(application, "information"),
        {"information-message": "Précisez le budget, s'il vous plaît.", "information-due": due},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == Application.State.INFORMATION_REQUESTED
    assert application.information_due == due
    assert mail.outbox[-1].to == ["camille@metz.example"]
    assert "Précisez le budget" in mail.outbox[-1].body
    assert f"/nec-locaux/mes-candidatures/{application.pk}/" in mail.outbox[-1].body
    assert audited("information_requested", application)

    client.force_login(applicant)
    page = client.get(mine_url(application)).content.decode()
    assert "Précisez le budget" in page and "Compléter ma candidature" in page
    assert "Renseignements attendus pour le" in page
    form = client.get(mine_url(application)).context["complete_form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(
        expected_size="250",
        budget="14 000 € dont 3 500 € de subvention",
        free_entry="on",
        support_requested="on",
        note="Voici le budget détaillé.",
        event_date=application.event_date.isoformat(),
    )
    response = client.post(mine_url(application, "completer"), data)
    assert response.status_code == 302, response.context["complete_form"].errors
    application.refresh_from_db()
    assert application.state == Application.State.SUBMITTED
    assert application.expected_size == 250 and application.budget.startswith("14 000")
    assert audited("information_completed", application)

    client.force_login(national)
    at = timezone.localtime() + timedelta(days=3)
    response = client.post(
        team_url(application, "interview"),
        {
            "interview-at": at.strftime("%Y-%m-%dT%H:%M"),
            "interview-place": "https://visio.example/nec",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == Application.State.INTERVIEW_PROPOSED
    assert "https://visio.example/nec" in mail.outbox[-1].body

    response = client.post(
        team_url(application, "accept"), {"accept-with_grant": "1", "accept-amount": "3500"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    edition = application.edition
    assert application.state == Application.State.ACCEPTED and application.decided_grant == 3500
    assert edition.kind == Edition.Kind.LOCAL and edition.status == Edition.Status.DRAFT
    assert edition.city == "Metz" and edition.start_date == application.event_date
    assert Membership.objects.filter(
        edition=edition, user=applicant, role=Membership.Role.ORGANISER
    ).exists()
    assert edition.milestones.count() >= 10
    assert "3500 €" in mail.outbox[-1].body and f"/orga/{edition.slug}/" in mail.outbox[-1].body
    assert audited("accepted", application)
    # a draft: not public yet
    assert client.logout() is None
    assert client.get(f"/editions/{edition.slug}/").status_code == 404


def test_grant_outside_the_range_needs_a_reason(client, national):
    application = confirmed_application()
    client.force_login(national)
    response = client.post(
        team_url(application, "accept"), {"accept-with_grant": "1", "accept-amount": "6000"}
    )
    assert response.status_code == 400
    assert "demande un motif" in response.content.decode()
    application.refresh_from_db()
    assert application.state == Application.State.SUBMITTED and application.edition is None
    assert not Edition.objects.filter(kind=Edition.Kind.LOCAL).exists()  # nothing half-saved
    response = client.post(
        team_url(application, "accept"),
        {
            "accept-with_grant": "1",
            "accept-amount": "6000",
            "accept-override_reason": "Deux jours d'évènement",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.decided_grant == 6000
    assert application.grant_override_reason == "Deux jours d'évènement"


def test_accepted_without_grant(client, national):
    application = confirmed_application(support_requested=False, grant_requested=None)
    client.force_login(national)
    response = client.post(
        team_url(application, "accept"), {"accept-with_grant": "0", "accept-amount": "4000"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.decided_grant is None and application.edition is not None
    assert "sans subvention" in mail.outbox[-1].body


def test_refused_with_a_reason_then_resubmitted_and_linked(client, national):
    application = confirmed_application()
    client.force_login(national)
    response = client.post(team_url(application, "refuse"), {"refuse-reason": "other"})
    assert response.status_code == 400
    assert "Précisez le motif du refus" in response.content.decode()
    response = client.post(
        team_url(application, "refuse"),
        {"refuse-reason": "timing", "refuse-details": "La date est trop proche."},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == Application.State.REFUSED
    assert "Moins de 3 mois avant l'évènement" in mail.outbox[-1].body
    # a closed application changes no more
    response = client.post(team_url(application, "accept"), {"accept-with_grant": "0"})
    assert response.status_code == 400 and "ne change plus" in response.content.decode()

    client.force_login(application.applicant)
    form_page = client.get(f"/nec-locaux/candidater/?reprise={application.pk}")
    assert form_page.context["form"].initial["commune"] == "Metz"
    assert "Elle lui sera reliée" in form_page.content.decode()
    data = {k: v for k, v in form_page.context["form"].initial.items() if v not in (None, False)}
    data.update(
        event_date=(timezone.localdate() + timedelta(days=200)).isoformat(),
        free_entry="on",
        support_requested="on",
        charter_accepted="on",
    )
    response = client.post(f"/nec-locaux/candidater/?reprise={application.pk}", data)
    assert response.status_code == 302
    new = Application.objects.exclude(pk=application.pk).get()
    assert new.previous == application and new.state == Application.State.SUBMITTED


def test_thread_messages_are_mailed_both_ways_and_the_note_stays_internal(client, national):
    application = confirmed_application()
    client.force_login(national)
    client.post(team_url(application, "message"), {"message-body": "Bonjour, une question."})
    client.post(team_url(application, "note"), {"note-note": "Porteur très motivé, à suivre"})
    assert mail.outbox[-1].to == ["camille@metz.example"]

    client.force_login(application.applicant)
    page = client.get(mine_url(application)).content.decode()
    assert "Bonjour, une question." in page and "Porteur très motivé" not in page
    response = client.post(mine_url(application, "message"), {"body": "Voici ma réponse."})
    assert response.status_code == 302
    assert mail.outbox[-1].to == [national.email]
    assert "Voici ma réponse." in mail.outbox[-1].body
    empty = client.post(mine_url(application, "message"), {"body": "  "})
    assert empty.status_code == 400 and "body" in empty.context["message_form"].errors


def test_an_applicant_reads_only_their_own_applications(client):
    mine = confirmed_application()
    other = confirmed_application("autre@lens.example", commune="Lens")
    client.force_login(mine.applicant)
    assert client.get(mine_url(mine)).status_code == 200
    assert client.get(mine_url(other)).status_code == 404
    assert client.post(mine_url(other, "message"), {"body": "x"}).status_code == 404
    listing = client.get("/nec-locaux/mes-candidatures/").content.decode()
    assert "Metz" in listing and "Lens" not in listing


def test_only_the_national_team_changes_a_state(client, national):
    application = confirmed_application()
    client.force_login(national)
    client.post(team_url(application, "accept"), {"accept-with_grant": "0"})
    application.refresh_from_db()
    organiser = application.applicant  # now the organiser of the local edition
    second = confirmed_application(organiser.email, commune="Thionville")
    client.force_login(organiser)
    for step in ("accept", "refuse", "information", "interview", "note"):
        assert client.post(team_url(second, step), {}).status_code == 403
    assert client.get(team_url(second)).status_code == 403
    second.refresh_from_db()
    assert second.state == Application.State.SUBMITTED
    other_organiser = make_user("orga@ailleurs.example")
    make_member(other_organiser.email, application.edition)
    client.force_login(other_organiser)
    assert client.get(mine_url(second)).status_code == 404
    client.logout()
    assert client.post(team_url(second, "accept"), {}).status_code == 302  # sign in first


def test_bad_steps_and_bad_values(client, national):
    application = confirmed_application()
    client.force_login(national)
    assert client.post(team_url(application, "inconnue"), {}).status_code == 404
    assert client.get(team_url(application, "accept")).status_code == 405
    past = timezone.localdate() - timedelta(days=1)
    response = client.post(
        team_url(application, "information"),
        {"information-message": "Il manque le lieu", "information-due": past},
    )
    assert response.status_code == 400 and "dans le futur" in response.content.decode()
    assert 'value="Il manque le lieu"' in response.content.decode() or (
        "Il manque le lieu" in response.content.decode()
    )
    response = client.post(
        team_url(application, "interview"),
        {"interview-at": "2001-01-01T10:00", "interview-place": "Metz"},
    )
    assert response.status_code == 400 and "date future" in response.content.decode()
