"""The daily database upkeep: on SQLite it refreshes the planner's statistics (the table
sqlite_stat1 then exists), on PostgreSQL it leaves that to autovacuum; it is a daily job."""

import pytest
from django.db import connection

from nec.core import periodic
from nec.core.maintenance import refresh_statistics


@pytest.mark.django_db
def test_statistics_refreshed_on_sqlite_only():
    outcome = refresh_statistics()
    if connection.vendor == "sqlite":
        assert outcome == "analysed"
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
            assert cursor.fetchone()[0] == 1
    else:
        assert outcome == "skipped"
    assert "core.database_statistics" in [job.key for job in periodic.jobs("day")]
