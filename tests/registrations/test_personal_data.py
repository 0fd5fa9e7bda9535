"""The registrations' part of "download my data": every registration of the person with its
answers and bookings, in a few queries whatever their number."""

import pytest

from nec.registrations import booking
from nec.registrations.personal_data import export_registrations
from tests.factories import make_bookable_session, make_edition, make_registration

pytestmark = pytest.mark.django_db


def test_export_lists_every_registration_with_its_bookings_in_few_queries(
    django_assert_max_num_queries,
):
    first = make_registration(make_edition("nec-un"))
    user = first.user
    second = make_registration(make_edition("nec-deux"), user=user)
    for registration in (first, second):
        booking.book(registration, make_bookable_session(registration.edition, "Atelier"))
    with django_assert_max_num_queries(4):
        exported = export_registrations(user.email)
    assert len(exported) == 2
    assert all(item["reservations"][0]["session"] == "Atelier" for item in exported)
    assert export_registrations("personne@example.fr") == []
