"""Demo bookings: average fill rate near 80 %, about a dozen full sessions, waiting lists, no
overbooking and nobody in two places at once; idempotent."""

import random

import pytest
from django.db.models import Count, Q

from nec.core.demo import DemoContext
from nec.programme import demo as programme_demo
from nec.registrations import demo as registrations_demo
from nec.registrations import stats
from nec.registrations.models import Booking
from tests.factories import make_edition

pytestmark = pytest.mark.django_db


def test_demo_bookings_look_like_a_real_event():
    edition = make_edition("nec-demo")
    context = DemoContext(rng=random.Random(2025))
    context.objects["national_edition"] = edition
    programme_demo.load_demo(context)
    registrations_demo.load_demo(context)  # runs demo_booking at its end
    summary = stats.sessions_summary(edition)
    assert summary["average_fill_rate"] == pytest.approx(80, abs=5)
    assert 8 <= summary["full"] <= 16
    assert summary["waiting"] > 0
    rows = stats.session_rows(edition)
    assert all(row.capacity is None or row.taken <= row.capacity for row in rows)
    # nobody holds two seats in the same slot
    clashes = (
        Booking.objects.filter(session__edition=edition, status="confirmed")
        .values("registration", "session__slot")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not clashes.exists()
    count = Booking.objects.filter(session__edition=edition).count()
    from nec.registrations import demo_booking

    demo_booking.load_demo(context)
    assert Booking.objects.filter(session__edition=edition).count() == count
    assert not Booking.objects.filter(
        ~Q(registration__status="confirmed"), session__edition=edition
    ).exists()
