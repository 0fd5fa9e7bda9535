"""The follow-up of a local edition in the espace organisation: its retro-planning (overdue steps
highlighted, each step editable), its follow-up committees, its documentation sheet (due date,
state); and, for the national team, every local edition's progress on one sortable page."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nec.core.forms import apply_errors
from nec.editions.models import Edition
from nec.editions.permissions import can
from nec.editions.regions import REGIONS
from nec.editions.scoping import edition_view, scoped
from nec.localeditions.followup_forms import (
    CommitteeForm,
    MilestoneForm,
    PaymentForm,
    SignedCopyForm,
)
from nec.localeditions.models import Agreement, Milestone
from nec.localeditions.selectors import documentation_of
from nec.localeditions.services import followup

FOLLOW = "localeditions.follow"


def local_edition(request) -> Edition:
    """The edition of the request, which must be a local one (404 otherwise)."""
    if request.edition.kind != Edition.Kind.LOCAL:
        raise Http404
    return request.edition


def _page(request, edition, milestone_form=None, committee_form=None, status=200):
    today = timezone.localdate()
    milestones = list(scoped(Milestone, edition))
    for milestone in milestones:
        milestone.overdue = milestone.is_overdue(today)
    return render(
        request,
        "localeditions/followup.html",
        {
            "edition": edition,
            "application": getattr(edition, "application", None),
            "milestones": milestones,
            "overdue_count": sum(m.overdue for m in milestones),
            "committees": edition.committees.all(),
            "milestone_form": milestone_form or MilestoneForm(prefix="new"),
            "committee_form": committee_form or CommitteeForm(prefix="committee"),
            "agreements": scoped(Agreement, edition),
            "is_team": can(request.user, "localeditions.instruct"),
            "signed_copy_form": SignedCopyForm(),
            "payment_form": PaymentForm(),
            "documentation": documentation_of([edition], today)[edition.pk],
            "today": today,
        },
        status=status,
    )


@edition_view(FOLLOW)
def followup_page(request):
    return _page(request, local_edition(request))


@edition_view(FOLLOW)
@require_POST
def milestone_add(request):
    edition = local_edition(request)
    form = MilestoneForm(request.POST, prefix="new")
    if form.is_valid():
        data = form.cleaned_data
        followup.add_milestone(
            edition,
            actor=request.user,
            title=data["title"],
            due_date=data["due_date"],
            owner=data["owner"],
        )
        messages.success(request, _("Étape ajoutée au rétroplanning."))
        return redirect("localeditions:followup", edition=edition.slug)
    return _page(request, edition, milestone_form=form, status=400)


@edition_view(FOLLOW)
@require_POST
def milestone_done(request, pk):
    """Mark a step done today, or not done again."""
    edition = local_edition(request)
    milestone = get_object_or_404(scoped(Milestone, edition), pk=pk)
    done_on = None if milestone.done_on else timezone.localdate()
    followup.update_milestone(milestone, actor=request.user, done_on=done_on)
    url = reverse("localeditions:followup", kwargs={"edition": edition.slug})
    return redirect(f"{url}#etape-{milestone.pk}")


@edition_view(FOLLOW)
def milestone_edit(request, pk):
    edition = local_edition(request)
    milestone = get_object_or_404(scoped(Milestone, edition), pk=pk)
    form = MilestoneForm(request.POST or None, instance=Milestone.objects.get(pk=milestone.pk))
    if request.method == "POST" and form.is_valid():
        try:
            followup.update_milestone(milestone, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Étape enregistrée."))
            return redirect("localeditions:followup", edition=edition.slug)
    return render(
        request,
        "localeditions/milestone_form.html",
        {"edition": edition, "form": form, "milestone": milestone},
        status=400 if request.method == "POST" else 200,
    )


@edition_view(FOLLOW)
@require_POST
def committee_add(request):
    edition = local_edition(request)
    form = CommitteeForm(request.POST, prefix="committee")
    if form.is_valid():
        followup.record_committee(edition, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Comité de suivi enregistré."))
        return redirect("localeditions:followup", edition=edition.slug)
    return _page(request, edition, committee_form=form, status=400)


#: the progress table's sort keys → database ordering
PROGRESS_ORDER = {
    "date": ("start_date", "title"),
    "-date": ("-start_date", "title"),
    "region": ("region_code", "start_date"),
    "retards": ("-overdue", "start_date"),
    "subvention": ("-application__decided_grant", "start_date"),
    "titre": ("title",),
    "documentation": ("start_date", "title"),  # then sorted by urgency of the documentation
}


@login_required
def progress(request):
    """Every local edition created from an application, with its state, date, région, grant,
    overdue steps and documentation: the national team's page."""
    if not can(request.user, "localeditions.instruct"):
        raise PermissionDenied
    today = timezone.localdate()
    sort = request.GET.get("tri", "date")
    if sort not in PROGRESS_ORDER:
        sort = "date"
    editions = (
        Edition.objects.filter(kind=Edition.Kind.LOCAL, application__isnull=False)
        .select_related("application")
        .annotate(
            overdue=Count(
                "milestones",
                filter=Q(milestones__done_on__isnull=True, milestones__due_date__lt=today),
                distinct=True,
            ),
            committee_count=Count("committees", distinct=True),
        )
        .order_by(*PROGRESS_ORDER[sort])
    )
    editions = list(editions)
    documentation = documentation_of(editions, today)
    for edition in editions:
        edition.region_label = REGIONS.get(edition.region_code, "")
        edition.documentation = documentation[edition.pk]
    if sort == "documentation":
        editions.sort(key=lambda e: (e.documentation.rank, e.documentation.due or date.max))
    return render(
        request,
        "localeditions/progress.html",
        {
            "editions": editions,
            "sort": sort,
            "today": today,
            "sorts": PROGRESS_ORDER,
            "documented_count": sum(e.documentation.is_documented for e in editions),
            "documentation_overdue": sum(e.documentation.overdue for e in editions),
        },
    )
