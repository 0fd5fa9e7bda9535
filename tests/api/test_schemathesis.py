"""Schemathesis generates requests for every operation of the OpenAPI document and checks that
none gives a 500 and every response conforms to the document (status, content type, schema).

(schemathesis' lazy pytest fixture loader does not run under pytest 9 yet: the operations are
walked here, each with its own Hypothesis run.)"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.generation.modes import GenerationMode

from nec.wsgi import application
from tests.factories import make_edition, make_registration, make_schedule
from tests.resources.builders import make_resource

#: examples per operation, valid and invalid: 12 operations -> a few hundred requests in all
EXAMPLES = 20


@pytest.fixture
def keep_test_connection():
    """The WSGI handler would close the test's database connection after each request (the
    Django test client disconnects this too)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def world(db, settings, keep_test_connection):
    settings.NEC_API_RATE_PER_MINUTE = 100_000
    edition = make_edition("nec-test")
    make_schedule(edition)
    make_registration(edition, "Alice")
    make_resource(edition, "Les données ouvertes")


def test_every_operation_conforms_to_the_document(world):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    calls = []
    for operation in operations:
        both = st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE),
            operation.as_strategy(GenerationMode.NEGATIVE),
        )

        @given(case=both)
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            calls.append(case.call_and_validate().status_code)

        check()
    assert len(calls) >= 150 and 500 not in calls
    assert {200, 400, 404} <= set(calls)
