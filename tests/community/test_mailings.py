"""Mailings sent through a real SMTP server (aiosmtpd): composing, test send, segment and
consent filtering, unsubscribe headers and links, bounces, clicks, opens, pause and resume."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from nec.community.models import Consent, Contact, Mailing, Purpose, Recipient
from nec.community.selectors import mailing_stats, mailings_with_stats
from nec.community.services import mailings
from nec.community.services.sending import (
    claim_batch,
    mark_sending,
    recover_stalled,
    run_mailing,
)
from nec.core.models import AuditEntry
from tests.community.builders import make_contact, make_contacts, make_mailing, make_segment

pytestmark = pytest.mark.django_db


@pytest.fixture
def send(django_capture_on_commit_callbacks, national):
    """Schedule a mailing now; the immediate task backend sends it once the transaction commits."""

    def schedule(mailing):
        with django_capture_on_commit_callbacks(execute=True):
            mailings.schedule(mailing, actor=national)

    return schedule


def _link(message, pattern: str) -> str:
    text = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(pattern, text).group(0)


def test_compose_refuses_unknown_placeholder(national):
    segment = make_segment()
    with pytest.raises(ValidationError) as error:
        mailings.save_mailing(
            {"subject": "Salut {prenom}", "body": "Votre {titre}", "segment": segment},
            actor=national,
        )
    assert "{titre}" in str(error.value)
    assert not Mailing.objects.exists()


def test_compose_view_keeps_text_and_explains(client, national):
    segment = make_segment()
    client.force_login(national)
    response = client.post(
        reverse("community:mailing_new"),
        {
            "subject": "Salut",
            "body": "Bonjour {inconnu}",
            "segment": segment.pk,
            "purpose": Purpose.NEWSLETTER,
            "rate_per_minute": 0,
        },
    )
    assert response.status_code == 400
    assert "Champs inconnus" in response.content.decode()
    assert "Bonjour {inconnu}" in response.content.decode()


def test_empty_segment_refused(national, smtp_sink):
    make_contact("sans-consentement@example.org")  # no newsletter consent
    mailing = make_mailing(make_segment())
    with pytest.raises(ValidationError):
        mailings.schedule(mailing, actor=national)
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.DRAFT
    assert not Recipient.objects.exists()
    assert smtp_sink.recipients == []


def test_test_send_goes_to_the_actor_only(national, smtp_sink):
    make_contact("a@example.org", Purpose.NEWSLETTER)
    mailing = make_mailing(make_segment())
    mailings.send_test(mailing, actor=national)
    assert smtp_sink.recipients == [national.email]
    assert smtp_sink.messages[0]["Subject"].startswith("[Test]")


def test_sends_once_to_each_consenting_contact_with_unsubscribe_headers(national, smtp_sink, send):
    make_contacts(25, Purpose.NEWSLETTER)
    make_contact("local@example.org", Purpose.LOCAL_NEWS)  # another purpose: not mailed
    mailing = make_mailing(make_segment())
    send(mailing)  # immediate task backend: sent now
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.DONE
    assert sorted(smtp_sink.recipients) == sorted(f"personne{i}@example.org" for i in range(25))
    message = smtp_sink.messages[0]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(r"<http://.+/desabonnement/.+/>", message["List-Unsubscribe"].strip())
    assert message["Subject"].startswith("Bonjour Prénom")
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "example.org/article" in html and "/l/" in html  # link rewritten
    stats = mailing_stats(mailing)
    assert stats["sent"] == 25 and stats["progress"] == 100


def test_one_click_unsubscribe_post_twice_and_tampered(client, national, smtp_sink, send):
    contact = make_contact("a@example.org", Purpose.NEWSLETTER)
    mailing = make_mailing(make_segment())
    send(mailing)
    path = urlsplit(smtp_sink.messages[0]["List-Unsubscribe"].strip().strip("<>")).path
    # RFC 8058: the mail client POSTs, no cookie, no CSRF token
    for _attempt in range(2):
        response = client.post(path, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
    consent = Consent.objects.get(contact=contact, purpose=Purpose.NEWSLETTER)
    assert consent.status == Consent.Status.WITHDRAWN
    assert mailing_stats(mailing)["unsubscribed"] == 1
    # the page shown when following the link asks for one click
    assert client.get(path).status_code == 200
    assert client.get(path[:-3] + "xx/").status_code == 404


def test_permanent_failure_marks_address_bouncing(national, smtp_sink, send):
    make_contact("ok@example.org", Purpose.NEWSLETTER)
    make_contact("bounce@example.org", Purpose.NEWSLETTER)
    mailing = make_mailing(make_segment())
    send(mailing)
    assert smtp_sink.recipients == ["ok@example.org"]
    bouncing = Contact.objects.get(email="bounce@example.org")
    assert bouncing.bouncing
    entry = AuditEntry.objects.get(action="community.contact_bouncing")
    assert (entry.object_id, entry.details["via"]) == (str(bouncing.pk), "smtp")
    assert entry.details["reason"].startswith("550")
    stats = mailing_stats(mailing)
    assert stats["bounced"] == 1 and stats["failed"] == 1 and stats["sent"] == 1
    # a bouncing address is left out of the next mailing
    assert mailings.recipients_of(mailing.segment, Purpose.NEWSLETTER).count() == 1


def test_clicks_counted_and_opens_only_with_consent(client, national, smtp_sink, send):
    make_contact("mesure@example.org", Purpose.NEWSLETTER, Purpose.OPEN_TRACKING)
    make_contact("discret@example.org", Purpose.NEWSLETTER)
    mailing = make_mailing(make_segment())
    send(mailing)
    by_address = {message["To"]: message for message in smtp_sink.messages}
    measured = by_address["mesure@example.org"].get_body(("html",)).get_content()
    discreet = by_address["discret@example.org"].get_body(("html",)).get_content()
    assert "/o/" in measured and "/o/" not in discreet
    pixel = re.search(r'src="http://[^/]+(/o/[^"]+)"', measured).group(1)
    assert client.get(pixel)["Content-Type"] == "image/gif"
    click = urlsplit(_link(by_address["discret@example.org"], r"http://\S+/l/\S+/")).path
    response = client.get(click)
    assert response.status_code == 302 and response["Location"] == "https://example.org/article"
    client.get(click)
    stats = mailing_stats(mailing)
    assert stats["clicked"] == 1
    assert stats["opened"] == 1 and stats["open_base"] == 1 and stats["open_rate"] == 100
    assert Recipient.objects.get(email="discret@example.org").clicks == 2
    assert client.get(click[:-4] + "abc/").status_code == 404


def test_pause_and_resume(national, smtp_sink, settings):
    settings.COMMUNITY_BATCH_SIZE = 5
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    make_contacts(12, Purpose.NEWSLETTER)
    mailing = make_mailing(make_segment())
    mailings.schedule(mailing, actor=national)
    assert run_mailing(mailing.pk, max_batches=1) == 5
    mailings.pause(mailing, actor=national)
    assert run_mailing(mailing.pk) == 0
    assert len(smtp_sink.recipients) == 5
    mailings.resume(mailing, actor=national)
    assert run_mailing(mailing.pk) == 7
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.DONE
    assert sorted(smtp_sink.recipients) == sorted(set(smtp_sink.recipients))


def test_rows_left_sending_become_uncertain_and_are_not_resent(national, smtp_sink, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    make_contacts(6, Purpose.NEWSLETTER)
    mailing = make_mailing(make_segment())
    mailings.schedule(mailing, actor=national)
    claimed = mark_sending(claim_batch(mailing.pk, 3)[:2])  # a worker dies mid-chunk
    assert recover_stalled(older_than=timedelta(0)) == 2
    assert run_mailing(mailing.pk) == 4  # the third claimed row, released, is sent
    assert not {row.email for row in claimed} & set(smtp_sink.recipients)
    stats = mailing_stats(mailing)
    assert stats["uncertain"] == 2 and stats["sent"] == 4 and stats["progress"] == 100


def test_orphaned_mailing_resumed_by_the_periodic_task(national, smtp_sink, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    make_contacts(4, Purpose.NEWSLETTER)
    mailing = make_mailing(make_segment())
    mailings.schedule(mailing, actor=national)
    mark_sending(claim_batch(mailing.pk, 2)[:1])  # the worker dies with one row in flight
    long_ago = timezone.now() - timedelta(hours=1)
    Recipient.objects.filter(mailing=mailing).update(claimed_at=long_ago)
    Mailing.objects.filter(pk=mailing.pk).update(started_at=long_ago)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert mailings.resume_orphaned_mailings() == 1
    stats = mailing_stats(mailing)
    assert (stats["sent"], stats["uncertain"], stats["progress"]) == (3, 1, 100)
    assert mailings.resume_orphaned_mailings() == 0


def test_the_team_resends_the_uncertain_addresses_it_checked(
    client, national, smtp_sink, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    make_contacts(5, Purpose.NEWSLETTER)
    mailing = make_mailing(make_segment())
    mailings.schedule(mailing, actor=national)
    claimed = mark_sending(claim_batch(mailing.pk, 2))  # a worker dies with two in flight
    recover_stalled(older_than=timedelta(0))
    run_mailing(mailing.pk)
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.DONE
    checked, unsure = sorted(row.email for row in claimed)
    client.force_login(national)
    page = client.get(reverse("community:mailing", args=[mailing.pk])).content.decode()
    assert f'value="{checked}"' in page and "Renvoyer aux adresses cochées" in page

    url = reverse("community:mailing_resend", args=[mailing.pk])
    response = client.post(url, {}, follow=True)
    assert "Cochez les adresses" in response.content.decode()
    response = client.post(url, {"email": ["inconnu@example.org"]}, follow=True)
    assert "Aucune de ces adresses" in response.content.decode()
    assert mailing_stats(mailing)["uncertain"] == 2

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):  # the sending task, queued on commit
        response = client.post(url, {"email": [checked]}, follow=True)
    assert "Le courriel repart à 1 adresse." in response.content.decode()
    assert smtp_sink.recipients.count(checked) == 1 and unsure not in smtp_sink.recipients
    stats = mailing_stats(mailing)
    assert (stats["sent"], stats["uncertain"]) == (4, 1)
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.DONE
    assert AuditEntry.objects.filter(action="community.uncertain_resent").count() == 1


def test_mailing_list_counts_every_mailing_in_one_query(
    client, national, smtp_sink, settings, django_assert_max_num_queries
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    make_contacts(4, Purpose.NEWSLETTER)
    sent = make_mailing(make_segment())
    mailings.schedule(sent, actor=national)
    mark_sending(claim_batch(sent.pk, 1))
    recover_stalled(older_than=timedelta(0))
    run_mailing(sent.pk)
    draft = make_mailing(make_segment(name="Autre"))
    listed = dict(mailings_with_stats(Mailing.objects.all()))
    assert listed[sent] == mailing_stats(sent) and listed[draft] == mailing_stats(draft)
    assert listed[sent]["uncertain"] == 1 and listed[draft]["total"] == 0
    for index in range(10):
        make_mailing(make_segment(name=f"Segment {index}"))
    client.force_login(national)
    with django_assert_max_num_queries(8):  # not one per mailing
        assert client.get(reverse("community:mailings")).status_code == 200
