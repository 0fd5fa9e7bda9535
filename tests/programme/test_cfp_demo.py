"""The call-for-proposals demo: proposals, reviews and partner offers, idempotent."""

import random

import pytest

from nec.core.demo import DemoContext
from nec.editions.models import Partnership
from nec.programme import demo_cfp
from nec.programme.models import CallForProposals, PartnerOffer, Proposal, Review
from tests.factories import make_catalogue, make_edition, make_org

pytestmark = pytest.mark.django_db


def test_demo_is_realistic_and_idempotent():
    edition = make_edition("nec-2026")
    make_catalogue(edition)
    for name in ("La Mednum", "Emmaüs Connect", "Tiers-lieux de France"):
        Partnership.objects.create(edition=edition, organisation=make_org(name), role="soutien")
    context = DemoContext(rng=random.Random(7))
    context.objects["national_edition"] = edition
    demo_cfp.load_demo(context)
    assert CallForProposals.objects.get(edition=edition).is_open
    assert Proposal.objects.filter(edition=edition).count() == 15
    assert Review.objects.filter(session__edition=edition).exists()
    assert PartnerOffer.objects.count() == 12
    assert PartnerOffer.objects.filter(published=True).count() == 10
    counts = (Proposal.objects.count(), Review.objects.count(), PartnerOffer.objects.count())
    demo_cfp.load_demo(DemoContext(rng=random.Random(7), objects={"national_edition": edition}))
    assert (
        Proposal.objects.count(),
        Review.objects.count(),
        PartnerOffer.objects.count(),
    ) == counts
