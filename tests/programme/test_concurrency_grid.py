"""Two organisers filling the same cell of the grid at the same moment: one wins, the other is
refused with the reason. PostgreSQL only (SQLite serialises every writer)."""

import pytest
from django.core.exceptions import ValidationError

from nec.programme.models import Session
from nec.programme.services.schedule import place_session
from tests.concurrency import run_together, skip_unless_postgres
from tests.factories import make_edition, make_grid, make_session

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_two_sessions_racing_for_one_cell():
    skip_unless_postgres()
    edition = make_edition("nec-local-rennes", kind="local")
    (room,), (slot,) = make_grid(edition, rooms=1, slots=1)
    sessions = [make_session(edition, f"Session {n}") for n in range(6)]
    results = run_together([lambda s=s: place_session(s, slot, room, actor=None) for s in sessions])
    outcome = {"placed": 0, "refused": 0, "errors": []}
    for result in results:
        if isinstance(result, ValidationError):
            if "déjà occupée" in result.messages[0]:
                outcome["refused"] += 1
            else:
                outcome["errors"].append(result.messages[0])
        elif isinstance(result, Exception):
            outcome["errors"].append(repr(result))
        else:
            outcome["placed"] += 1
    assert outcome == {"placed": 1, "refused": 5, "errors": []}
    assert Session.objects.filter(slot=slot, room=room).count() == 1
