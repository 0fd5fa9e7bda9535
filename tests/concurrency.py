"""Running functions at the same moment in threads, for the race tests (PostgreSQL only: SQLite
serialises every writer, so it cannot show a race)."""

import threading

import pytest
from django.db import connection


def skip_unless_postgres(reason: str = "needs PostgreSQL: row locks and real concurrent writers"):
    if connection.vendor != "postgresql":
        pytest.skip(reason)


def run_together(functions) -> list:
    """Call every function in its own thread, all released at once; returns what each returned
    or the exception it raised, in order. Each thread closes its own database connection."""
    barrier = threading.Barrier(len(functions))
    results: list = [None] * len(functions)

    def worker(index, function):
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=30)
            results[index] = function()
        except Exception as error:  # noqa: BLE001 - checked by the caller
            results[index] = error
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=worker, args=item) for item in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
