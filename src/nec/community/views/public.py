"""Public pages reached without signing in, each by a signed personal link: the newsletter's
double opt-in, one-click unsubscribe (RFC 8058: a POST from the mail client, or the page's
button), the preference page, tracked links and the open pixel. An altered token is a 404."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.db.models import F
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from nec.community.forms import PreferencesForm, SubscribeForm
from nec.community.models import WORDING, Consent, Contact, Purpose, Recipient
from nec.community.services import contacts as services
from nec.community.tokens import (
    CLICK_SALT,
    OPEN_SALT,
    PREFERENCES_SALT,
    UNSUBSCRIBE_SALT,
    read_link_token,
)
from nec.core.http import client_ip
from nec.core.signed_links import LinkError

PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def _payload(token: str, salt: str) -> dict:
    try:
        return read_link_token(token, salt=salt)
    except LinkError as error:
        raise Http404 from error


def subscribe(request):
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.request_newsletter(
            form.cleaned_data["email"],
            source=_("formulaire du site"),
            actor=request.user,
            ip_address=client_ip(request),
        )
        return render(request, "community/subscribe_sent.html")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "community/subscribe.html",
        {"form": form, "wording": WORDING[Purpose.NEWSLETTER]},
        status=status,
    )


def opt_in_confirm(request, token):
    if request.method != "POST":
        return render(request, "community/opt_in_confirm.html")
    try:
        services.confirm_newsletter(token, actor=request.user)
    except LinkError:
        return render(request, "community/link_invalid.html", status=400)
    return render(request, "community/opt_in_done.html")


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no cookie
def unsubscribe(request, token):
    data = _payload(token, UNSUBSCRIBE_SALT)
    contact = Contact.objects.filter(pk=data.get("c")).first()
    purpose = data.get("p")
    if purpose not in Purpose.values:
        raise Http404
    if request.method == "POST":
        if contact is not None:
            services.withdraw_consent(contact, purpose, source="unsubscribe_link")
            Recipient.objects.filter(
                pk=data.get("r"), contact=contact, unsubscribed_at__isnull=True
            ).update(unsubscribed_at=timezone.now())
        return render(
            request, "community/unsubscribed.html", {"purpose_label": Purpose(purpose).label}
        )
    return render(
        request,
        "community/unsubscribe.html",
        {"purpose_label": Purpose(purpose).label, "known": contact is not None},
    )


def preferences(request, token):
    data = _payload(token, PREFERENCES_SALT)
    contact = Contact.objects.filter(pk=data.get("c"), email=data.get("e")).first()
    if contact is None:
        raise Http404
    granted = set(
        Consent.objects.filter(contact=contact, status=Consent.Status.GRANTED).values_list(
            "purpose", flat=True
        )
    )
    form = PreferencesForm(request.POST or None, initial={"purposes": sorted(granted)})
    if request.method == "POST" and form.is_valid():
        services.set_preferences(contact, set(form.cleaned_data["purposes"]), actor=request.user)
        messages.success(request, _("Vos préférences sont enregistrées."))
        return redirect(request.path)
    consents = Consent.objects.filter(contact=contact).order_by("purpose")
    return render(
        request,
        "community/preferences.html",
        {"form": form, "contact": contact, "consents": consents, "wordings": WORDING.items()},
    )


def click(request, token):
    """A tracked link: count the click, then go to the address signed in the token (never an
    address taken from the request: no open redirect)."""
    data = _payload(token, CLICK_SALT)
    url = data.get("u")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise Http404
    now = timezone.now()
    rows = Recipient.objects.filter(pk=data.get("r"))
    rows.update(clicks=F("clicks") + 1)
    rows.filter(clicked_at__isnull=True).update(clicked_at=now)
    Contact.objects.filter(receipts__pk=data.get("r")).update(last_activity_at=now)
    return HttpResponseRedirect(url)


def open_pixel(request, token):
    """Counted only for recipients who consented to the measurement (the pixel is only in their
    mail; the check is repeated here)."""
    data = _payload(token, OPEN_SALT)
    Recipient.objects.filter(pk=data.get("r"), measure_opens=True, opened_at__isnull=True).update(
        opened_at=timezone.now()
    )
    response = HttpResponse(PIXEL, content_type="image/gif")
    response["Cache-Control"] = "no-store"
    return response
