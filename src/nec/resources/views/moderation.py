"""The national team's moderation of the library: the resources waiting for a decision, and one
resource's review (publish, ask for changes, refuse with a reason)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nec.core.ids import parse_id
from nec.editions.permissions import can
from nec.resources import services
from nec.resources.attribution import attribution
from nec.resources.forms import ModerationForm
from nec.resources.models import Resource


def _national_only(request) -> None:
    if not can(request.user, "resources.moderate"):
        raise PermissionDenied


def inbox(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    _national_only(request)
    waiting = (
        Resource.objects.filter(status=Resource.Status.SUBMITTED)
        .select_related("edition", "submitted_by")
        .order_by("created_at")
    )
    others = (
        Resource.objects.filter(status__in=[Resource.Status.CHANGES, Resource.Status.REFUSED])
        .select_related("edition")
        .order_by("-updated_at")[:50]
    )
    return render(
        request, "resources/moderation/inbox.html", {"waiting": waiting, "others": others}
    )


@require_http_methods(["GET", "HEAD", "POST"])
def review(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    _national_only(request)
    resource = (
        Resource.objects.select_related("edition", "session", "submitted_by")
        .prefetch_related("authors", "themes", "images")
        .filter(pk=parse_id(pk))
        .first()
    )
    if resource is None:
        raise Http404
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
        try:
            if decision == "publish":
                services.publish(resource, actor=request.user)
                messages.success(request, _("Ressource publiée."))
            elif decision == "changes":
                services.request_changes(resource, actor=request.user, note=note)
                messages.success(request, _("Modifications demandées."))
            else:
                services.refuse(resource, actor=request.user, reason=note)
                messages.success(request, _("Ressource refusée."))
        except ValidationError as error:
            form.add_error("note" if hasattr(error, "error_dict") else None, error.messages)
        else:
            return redirect("resources:moderation")
    return render(
        request,
        "resources/moderation/review.html",
        {"resource": resource, "form": form, "attribution": attribution(resource)},
        status=400 if request.method == "POST" else 200,
    )
