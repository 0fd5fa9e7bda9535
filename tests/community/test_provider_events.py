"""The provider's tracking webhook (Brevo through django-anymail): a hard bounce marks the
address as bouncing and the receipt as bounced, a soft bounce changes nothing, a spam complaint
withdraws the mailing's consent; requests without the webhook's basic auth are refused; the
messages carry the receipt's id for the provider to send back."""

import base64
import json

import pytest
from django.urls import reverse

from nec.community.models import Consent, Contact, Purpose, Recipient
from nec.community.rendering import build_message
from nec.community.selectors import mailable
from nec.core.models import AuditEntry
from tests.community.builders import make_contact, make_mailing, make_segment

pytestmark = pytest.mark.django_db

SECRET = "brevo:un-secret-de-test"


@pytest.fixture(autouse=True)
def webhook_secret(settings):
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": SECRET}


@pytest.fixture
def receipt():
    contact = make_contact("lea@example.org", Purpose.NEWSLETTER)
    mailing = make_mailing(make_segment())
    return Recipient.objects.create(
        mailing=mailing, contact=contact, email=contact.email, state=Recipient.State.SENT
    )


def post_event(client, payload, secret=SECRET):
    auth = base64.b64encode(secret.encode()).decode()
    return client.post(
        reverse("community:brevo_tracking"),
        json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {auth}",
    )


def brevo(event, receipt, **extra):
    return {
        "event": event,
        "email": receipt.email,
        "message-id": "<abc@smtp-relay.brevo.com>",
        "ts_epoch": 1764748800000,
        "X-Mailin-custom": json.dumps({"recipient": receipt.pk}),
        **extra,
    }


def test_hard_bounce_marks_the_address(client, receipt):
    response = post_event(client, brevo("hard_bounce", receipt, reason="550 unknown user"))
    assert response.status_code == 200
    receipt.refresh_from_db()
    assert receipt.bounced and "550" in receipt.error
    assert Contact.objects.get(pk=receipt.contact_id).bouncing
    assert not mailable(Contact.objects.all(), Purpose.NEWSLETTER).exists()
    entry = AuditEntry.objects.get(action="community.contact_bouncing")
    assert entry.details["via"] == "Brevo:hard_bounce" and "550" in entry.details["reason"]
    # the same bounce reported again changes nothing and is not logged twice
    post_event(client, brevo("hard_bounce", receipt, reason="550 unknown user"))
    assert AuditEntry.objects.filter(action="community.contact_bouncing").count() == 1


def test_soft_bounce_and_delivery_change_nothing(client, receipt):
    for event in ("soft_bounce", "delivered", "unique_opened", "click"):
        assert post_event(client, brevo(event, receipt)).status_code == 200
    receipt.refresh_from_db()
    assert not receipt.bounced and not Contact.objects.get(pk=receipt.contact_id).bouncing


def test_complaint_withdraws_the_consent(client, receipt):
    assert post_event(client, brevo("spam", receipt)).status_code == 200
    consent = Consent.objects.get(contact_id=receipt.contact_id, purpose=Purpose.NEWSLETTER)
    assert consent.status == Consent.Status.WITHDRAWN
    receipt.refresh_from_db()
    assert receipt.unsubscribed_at is not None


def test_without_metadata_the_latest_receipt_of_the_address(client, receipt):
    payload = brevo("hard_bounce", receipt)
    del payload["X-Mailin-custom"]
    post_event(client, payload)
    receipt.refresh_from_db()
    assert receipt.bounced


def test_wrong_or_missing_credentials_are_refused(client, receipt):
    assert post_event(client, brevo("hard_bounce", receipt), secret="brevo:faux").status_code == 400
    no_auth = client.post(
        reverse("community:brevo_tracking"),
        json.dumps(brevo("hard_bounce", receipt)),
        content_type="application/json",
    )
    assert no_auth.status_code == 400
    assert not Contact.objects.get(pk=receipt.contact_id).bouncing


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("pas du JSON", 400),
        ("[]", 400),
        ('[{"event": "hard_bounce"}]', 400),
        ('{"event": 5, "email": 7}', 200),  # readable, but about nobody: ignored
    ],
)
def test_unreadable_payloads_change_nothing(client, receipt, body, status):
    auth = base64.b64encode(SECRET.encode()).decode()
    response = client.post(
        reverse("community:brevo_tracking"),
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {auth}",
    )
    assert response.status_code == status
    assert not Contact.objects.filter(bouncing=True).exists()


def test_unknown_address_is_ignored(client, receipt):
    payload = {**brevo("hard_bounce", receipt), "email": "inconnu@example.org"}
    assert post_event(client, payload).status_code == 200
    assert not Contact.objects.filter(bouncing=True).exists()


@pytest.mark.parametrize("address", ["", "pas-une-adresse", "a@b@example.org"])
def test_an_event_about_no_valid_address_is_ignored(client, receipt, address):
    payload = {**brevo("hard_bounce", receipt), "email": address}
    assert post_event(client, payload).status_code == 200
    assert not Contact.objects.filter(bouncing=True).exists()
    assert not Recipient.objects.filter(bounced=True).exists()


@pytest.mark.parametrize("recipient", ["1" + "0" * 30, "²", -1, True, None])
def test_an_unusable_receipt_id_falls_back_to_the_address(client, receipt, recipient):
    payload = {
        **brevo("hard_bounce", receipt),
        "X-Mailin-custom": json.dumps({"recipient": recipient}),
    }
    assert post_event(client, payload).status_code == 200
    receipt.refresh_from_db()
    assert receipt.bounced


def test_messages_carry_the_receipt_for_the_provider(receipt):
    message = build_message(
        receipt.mailing,
        email=receipt.email,
        values={},
        contact_id=receipt.contact_id,
        recipient_id=receipt.pk,
        measure_opens=False,
    )
    assert message.metadata == {"recipient": receipt.pk, "mailing": receipt.mailing_id}
