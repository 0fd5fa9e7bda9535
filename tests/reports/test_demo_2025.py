"""The demo's 2025 edition: its synthetic per-person data gives back the published 2025 figures
(within one point), and its bilan says plainly that the individual answers are simulated."""

import random
import time

import pytest
from django.urls import reverse

from nec.core.demo import DemoContext
from nec.editions.history import load_history
from nec.editions.models import Edition
from nec.reports import demo
from nec.reports.figures import compute

pytestmark = pytest.mark.django_db

#: figure key -> published value (seed-facts §B, bilan 2025)
PUBLISHED_SHARES = {
    "public_sector": 52,
    "private_sector": 48,
    "public_collectivites": 48,
    "public_etat": 28,
    "first_timers": 58,
    "with_colleagues": 69,
    "fill_rate": 80,
    "objectives_met": 95,
    "liked": 97,
    "great": 55,
    "programme_relevant": 90,
    "co_designed": 85,
}


@pytest.fixture
def bilan_2025():
    load_history()
    started = time.perf_counter()
    demo.load_demo(DemoContext(rng=random.Random(0)))
    elapsed = time.perf_counter() - started
    edition = Edition.objects.get(slug="nec-2025-strasbourg")
    return edition, compute(edition), elapsed


def test_generated_bilan_matches_the_published_2025_figures(bilan_2025, client):
    edition, data, _elapsed = bilan_2025
    figures = data.figures()
    for key, published in PUBLISHED_SHARES.items():
        assert figures[key].value == pytest.approx(published, abs=1), key
    assert figures["present"].value == 1800
    assert figures["source_questionnaire"].value == 1500
    assert figures["source_survey"].value == 224
    assert figures["sessions"].value == 102
    assert figures["private_times"].value == 7
    assert figures["fill_rate"].n == 14
    assert figures["more_than_5_declared"].value > 75
    assert figures["co_designed_several"].value > 50
    assert (
        figures["partners_porteur"].value,
        figures["partners_soutien"].value,
        figures["partners_cooperateur"].value,
    ) == (2, 6, 23)
    tracks = [row["pct"] for row in data.charts()["tracks"].rows]
    assert tracks == pytest.approx([50, 28, 22], abs=1)
    objectives = [row["pct"] for row in data.charts()["objectives"].rows]
    assert objectives == pytest.approx([73, 56, 49], abs=1)
    best = [row["session__title"] for row in data.sections[4].extra["best_sessions"]]
    assert "Masterclass — Fred Turner" in best

    # idempotent, and the page says plainly that the individual answers are simulated
    demo.load_demo(DemoContext(rng=random.Random(0)))
    assert edition.registrations.count() == 2050
    html = client.get(reverse("reports:public", args=[edition.slug])).content.decode()
    assert "sont simulées" in html
    assert "1\u202f800" in html
