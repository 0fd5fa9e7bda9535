"""Templated e-mails: every message has a plain-text part and an HTML part, in French."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_mail(
    template_base: str,
    context: dict,
    *,
    to: list[str],
    attachments: list[tuple[str, bytes | str, str]] | None = None,
    reply_to: list[str] | None = None,
) -> None:
    """Render `<template_base>_subject.txt`, `.txt` and `.html` (optional) and send.

    Mails are rendered in French, whatever language the request that triggers them uses."""
    context = {"BASE_URL": settings.BASE_URL, **context}
    with translation.override("fr"):
        subject = " ".join(render_to_string(f"{template_base}_subject.txt", context).split())
        body = render_to_string(f"{template_base}.txt", context)
        try:
            html = render_to_string(f"{template_base}.html", context)
        except TemplateDoesNotExist:  # the HTML part is optional
            html = None
    message = EmailMultiAlternatives(
        subject, body, settings.DEFAULT_FROM_EMAIL, to, reply_to=reply_to
    )
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send()
