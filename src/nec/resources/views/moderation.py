"""The national team's moderation of the library: the resources waiting for a decision, and one
resource's review (publish, ask for changes, refuse with a reason)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nec.core.forms import apply_errors
from nec.core.ids import parse_id
from nec.resources import services
from nec.resources.attribution import attribution
from nec.resources.forms import ModerationForm
from nec.resources.models import Resource
from nec.resources.views.access import national_view


@national_view("resources.moderate")
def inbox(request):
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
@national_view("resources.moderate")
def review(request, pk):
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
            apply_errors(form, error)
        else:
            return redirect("resources:moderation")
    return render(
        request,
        "resources/moderation/review.html",
        {"resource": resource, "form": form, "attribution": attribution(resource)},
        status=400 if request.method == "POST" else 200,
    )
