"""The public page "Organiser un NEC local": the offer, how to apply, the commitments, the Metz
2023 example and every public local edition by région (a tile map of the régions, its table and
the list)."""

from django.shortcuts import render
from django.utils import timezone

from nec.editions import history as nec_history
from nec.localeditions import guide
from nec.localeditions.region_map import region_map
from nec.localeditions.selectors import local_editions_by_region


def index(request):
    support = nec_history.support()
    regions = local_editions_by_region(timezone.localdate())
    return render(
        request,
        "localeditions/index.html",
        {
            "charter": nec_history.charter(),
            "support": support,
            "support_source": guide.source_title(support["source"]),
            "local_count": guide.local_count(),
            "metz": guide.metz_example(),
            "regions": regions,
            "region_map": region_map(regions),
        },
    )
