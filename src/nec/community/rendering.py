"""Building one mailing's message for one recipient: placeholders filled without formatting, the
HTML part produced by our own template from the escaped text (organisers never write HTML),
links rewritten through our signed redirect, an open pixel only for those who consented to the
measurement, and the RFC 8058 one-click unsubscribe headers."""

from __future__ import annotations

import re
from functools import lru_cache

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from nec.community.tokens import (
    CLICK_SALT,
    OPEN_SALT,
    PREFERENCES_SALT,
    UNSUBSCRIBE_SALT,
)
from nec.core.placeholders import check_placeholders, fill_placeholders
from nec.core.signed_links import make_token

#: the placeholders a mailing may use, and the contact field each one takes
PLACEHOLDERS = {"prenom": "first_name", "nom": "last_name", "organisation": "organisation"}
#: a web address, without the punctuation that ends the sentence around it
_URL = re.compile(r"https?://[^\s<>\"']*[^\s<>\"'.,;:!?)»]")


def check_mailing_text(*texts: str) -> None:
    """ValidationError for an unknown placeholder or a stray brace (at compose time)."""
    for text in texts:
        check_placeholders(text, PLACEHOLDERS)


@lru_cache(maxsize=16)
def _prefix(url_name: str) -> tuple[str, str]:
    """The path of `url_name` around its token, reversed once (thousands of links a mailing)."""
    before, _marker, after = reverse(url_name, kwargs={"token": "TOKEN"}).partition("TOKEN")
    return before, after


def _absolute(url_name: str, token: str) -> str:
    before, after = _prefix(url_name)
    return f"{settings.BASE_URL}{before}{token}{after}"


def unsubscribe_url(contact_id: int, purpose: str, recipient_id: int | None) -> str:
    token = make_token({"c": contact_id, "p": purpose, "r": recipient_id}, salt=UNSUBSCRIBE_SALT)
    return _absolute("community:unsubscribe", token)


def preferences_url(contact_id: int, email: str) -> str:
    return _absolute(
        "community:preferences",
        make_token({"c": contact_id, "e": email}, salt=PREFERENCES_SALT),
    )


def _tracked(url: str, recipient_id: int | None) -> str:
    if recipient_id is None:
        return url
    return _absolute("community:click", make_token({"r": recipient_id, "u": url}, salt=CLICK_SALT))


def _paragraphs_html(text: str, recipient_id: int | None) -> list:
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        parts = []
        position = 0
        for match in _URL.finditer(block):
            parts.append(format_html("{}", block[position : match.start()]))
            url = match.group(0)
            parts.append(format_html('<a href="{}">{}</a>', _tracked(url, recipient_id), url))
            position = match.end()
        parts.append(format_html("{}", block[position:]))
        paragraphs.append(mark_safe("".join(parts).replace("\n", "<br>")))
    return paragraphs


def build_message(
    mailing,
    *,
    email: str,
    values: dict[str, str],
    contact_id: int | None,
    recipient_id: int | None,
    measure_opens: bool,
    connection=None,
) -> EmailMultiAlternatives:
    """The message of `mailing` for one address (`recipient_id` None: a test send)."""
    subject = " ".join(fill_placeholders(mailing.subject, values, PLACEHOLDERS).split())
    body = fill_placeholders(mailing.body, values, PLACEHOLDERS)
    text_body = _URL.sub(lambda match: _tracked(match.group(0), recipient_id), body)
    context = {
        "subject": subject,
        "text": text_body,
        "paragraphs": _paragraphs_html(body, recipient_id),
        "unsubscribe_url": unsubscribe_url(contact_id or 0, mailing.purpose, recipient_id),
        "preferences_url": preferences_url(contact_id or 0, email),
        "open_url": (
            _absolute("community:open", make_token({"r": recipient_id}, salt=OPEN_SALT))
            if measure_opens and recipient_id is not None
            else ""
        ),
    }
    with translation.override("fr"):
        text = render_to_string("community/email/mailing.txt", context)
        html = render_to_string("community/email/mailing.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [email],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    if recipient_id is not None:
        # returned by the provider's tracking webhook (anymail), to find the receipt again;
        # Django's SMTP backend ignores it
        message.metadata = {"recipient": recipient_id, "mailing": mailing.pk}
    return message


def message_for_user(mailing, user) -> EmailMultiAlternatives:
    """The message of `mailing` as `user` (a team member) would receive it: for the preview and
    the test send (no tracking, no receipt)."""
    return build_message(
        mailing,
        email=user.email,
        values={"prenom": user.first_name, "nom": user.last_name, "organisation": ""},
        contact_id=None,
        recipient_id=None,
        measure_opens=False,
    )


def contact_values(contact) -> dict[str, str]:
    if contact is None:
        return {}
    return {name: getattr(contact, field) for name, field in PLACEHOLDERS.items()}
