from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from nec.accounts.permissions import editions_for
from nec.editions.models import Edition, Partnership


def history(request):
    editions = Edition.objects.filter(kind=Edition.Kind.NATIONAL).exclude(
        status=Edition.Status.DRAFT
    )
    return render(request, "editions/history.html", {"editions": editions})


def detail(request, slug):
    edition = get_object_or_404(Edition.objects.exclude(status=Edition.Status.DRAFT), slug=slug)
    return render(request, "editions/detail.html", {"edition": edition})


def partners(request):
    partnerships = Partnership.objects.select_related("organisation", "edition")
    return render(request, "editions/partners.html", {"partnerships": partnerships})


@login_required
def orga_dashboard(request):
    return render(request, "editions/orga/dashboard.html", {"editions": editions_for(request.user)})
