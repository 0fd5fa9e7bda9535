"""Two organisers filling the same cell of the grid at the same moment: one wins, the other is
refused with the reason. PostgreSQL only (SQLite serialises every writer)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from nec.programme import services
from nec.programme.models import Session
from tests.accounts.factories import make_edition
from tests.programme.factories import make_grid, make_session

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_two_sessions_racing_for_one_cell():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: row locks and real concurrent writers")
    edition = make_edition("nec-local-rennes")
    (room,), (slot,) = make_grid(edition, rooms=1, slots=1)
    sessions = [make_session(edition, f"Session {n}") for n in range(6)]
    barrier = threading.Barrier(len(sessions))
    outcome = {"placed": 0, "refused": 0, "errors": []}
    lock = threading.Lock()

    def worker(session):
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=30)
            services.place_session(None, session, slot, room)
            with lock:
                outcome["placed"] += 1
        except ValidationError as error:
            with lock:
                if "déjà occupée" in error.messages[0]:
                    outcome["refused"] += 1
                else:
                    outcome["errors"].append(error.messages[0])
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            with lock:
                outcome["errors"].append(repr(error))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=worker, args=(s,)) for s in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcome == {"placed": 1, "refused": 5, "errors": []}
    assert Session.objects.filter(slot=slot, room=room).count() == 1
