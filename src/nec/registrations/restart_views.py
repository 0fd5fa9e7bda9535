"""The page of the link that registers a person again over their cancelled registration: it
shows what the form asked (GET changes nothing, so that mail scanners opening the link do not
use it), and applies it, confirms the address and signs the person in (POST)."""

from django.shortcuts import render

from nec.core.signed_links import LinkError
from nec.registrations import services
from nec.registrations.models import Registration
from nec.registrations.participant_views import sign_in_and_welcome


def restart(request, token):
    try:
        if request.method == "POST":
            registration = services.restart_registration(token)
        else:
            pending = services.pending_restart(token)
    except LinkError as error:
        return render(
            request, "registrations/confirm_invalid.html", {"reason": error.reason}, status=400
        )
    if request.method == "POST":
        return sign_in_and_welcome(request, registration)
    identity = pending.payload.get("identity") or {}
    registration = (
        Registration.objects.select_related("edition")
        .filter(pk=pending.payload.get("registration"))
        .first()
    )
    if registration is None:
        return render(
            request, "registrations/confirm_invalid.html", {"reason": "unknown"}, status=400
        )
    return render(
        request,
        "registrations/restart.html",
        {"edition": registration.edition, "identity": identity, "email": pending.email},
    )
