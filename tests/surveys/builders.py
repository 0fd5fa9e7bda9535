"""Builders of the survey tests: a past edition with people checked in, and its sent survey."""

from datetime import date, timedelta

from django.utils import timezone

from nec.registrations.models import Booking
from nec.surveys import services
from nec.surveys.models import Response
from tests.factories import make_bookable_session, make_edition, make_registration

#: a complete answer set (form field names)
VALID_POST = {
    "q_objectives": ["decouvrir", "rencontrer"],
    "q_objectives_met": "oui",
    "q_appreciation": "geniale",
    "q_programme_relevant": "oui",
    "q_visit_prepared": "non",
    "q_with_colleagues": "oui",
    "q_formats_attended": "6",
    "q_reference_event": "oui",
    "q_liked_city": "oui",
    "q_free_text": "Très belle édition",
}


def past_edition(slug="nec-passee", **fields):
    start = date.today() - timedelta(days=10)
    return make_edition(slug, start_date=start, year=start.year, **fields)


def checked_in_people(edition, n, *, session=None):
    people = []
    for _ in range(n):
        registration = make_registration(edition)
        registration.checked_in_at = timezone.now()
        registration.save(update_fields=["checked_in_at"])
        if session is not None:
            Booking.objects.create(
                session=session, registration=registration, status=Booking.Status.CONFIRMED
            )
        people.append(registration)
    return people


def sent_survey(edition, n=3, actor=None, with_session=True):
    session = (
        make_bookable_session(edition, "Atelier communs", capacity=50) if with_session else None
    )
    people = checked_in_people(edition, n, session=session)
    survey = services.get_survey(edition)
    services.send(survey, actor=actor)
    responses = list(Response.objects.filter(survey=survey).order_by("pk"))
    return survey, session, people, responses
