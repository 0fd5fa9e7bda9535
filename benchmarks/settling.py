"""What a database's own upkeep does after the benchmarks' bulk loads, before anybody reads
the data: PostgreSQL's autovacuum refreshes the planner statistics and the visibility map
(without them the planner expects 48 registrations where there are 100 000, and index-only scans
visit the table); on SQLite, the site's daily job runs ANALYZE (`nec.core.maintenance`)."""

from __future__ import annotations


def settle() -> None:
    from django.db import connection

    from nec.core.maintenance import refresh_statistics

    if connection.vendor != "postgresql":
        refresh_statistics()
        return
    autocommit = connection.get_autocommit()
    connection.set_autocommit(True)  # VACUUM cannot run inside a transaction
    try:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    finally:
        connection.set_autocommit(autocommit)
