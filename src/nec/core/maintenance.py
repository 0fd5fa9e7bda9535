"""Database upkeep the embedded SQLite needs and PostgreSQL does by itself: refreshing the query
planner's statistics. Without them SQLite walks every published resource to find the few a
full-text search matched (it cannot know the status index selects nearly all rows); with them it
looks the matches up by id. PostgreSQL's autovacuum analyses tables on its own."""

from __future__ import annotations

from django.db import connection
from django_tasks import task


def refresh_statistics() -> str:
    """ANALYZE on SQLite (a few seconds for the demo's database); nothing on PostgreSQL."""
    if connection.vendor != "sqlite":
        return "skipped"
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return "analysed"


@task()
def refresh_statistics_task() -> str:
    return refresh_statistics()
