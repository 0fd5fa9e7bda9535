"""API benchmark: the sessions list of an edition with 100 public sessions, and a resource search
over 10 000 resources. Prints the median server time and the bytes of each answer.

    uv run python benchmarks/api.py [--runs 30]

Builds its own data in a throw-away SQLite database (or the DATABASE_URL one, a test database
being created) with Django's test runner machinery; aims: ≤ 30 ms and ≤ 50 ms median."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("NEC_DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nec.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import get_runner, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402
from settling import settle  # noqa: E402


def build():
    from nec.editions.models import Edition
    from nec.programme.models import Room, Session, SessionSpeaker, Speaker, TimeSlot
    from nec.resources.models import Resource, ResourceAuthor
    from nec.resources.text import normalise

    start = date.today() + timedelta(days=30)
    edition = Edition.objects.create(
        slug="bench", title="NEC bench", year=start.year, kind="national", city="Lyon",
        start_date=start, end_date=start + timedelta(days=1), status="published",
    )  # fmt: skip
    tz = timezone.get_current_timezone()
    rooms = [
        Room.objects.create(edition=edition, name=f"Salle {n}", capacity=100) for n in range(10)
    ]
    slots = [
        TimeSlot.objects.create(
            edition=edition,
            start=datetime(start.year, start.month, start.day, 8 + n, 0, tzinfo=tz),
            end=datetime(start.year, start.month, start.day, 8 + n, 50, tzinfo=tz),
        )
        for n in range(10)
    ]
    for n in range(100):
        session = Session.objects.create(
            edition=edition, title=f"Session {n} sur les communs", summary="Résumé " * 20,
            description="Description " * 60, status="published",
            room=rooms[n % 10], slot=slots[n // 10],
            published_room=rooms[n % 10], published_slot=slots[n // 10],
        )  # fmt: skip
        for k in range(2):
            speaker = Speaker.objects.create(
                edition=edition, name=f"Personne {n}-{k}", slug=f"p-{n}-{k}", public_consent=True
            )
            SessionSpeaker.objects.create(session=session, speaker=speaker, position=k)
    words = ["données", "médiation", "communs", "inclusion", "territoires", "accessibilité"]
    resources = []
    for n in range(10_000):
        title = f"Ressource {n} : {words[n % 6]} et {words[(n * 7) % 6]}"
        summary = f"Un résumé de la ressource {n}, à propos de {words[(n * 3) % 6]}."
        resources.append(
            Resource(
                edition=edition, kind="video", title=title, summary=summary,
                date=start - timedelta(days=n % 900), status="published",
                published_at=timezone.now(), search_text=normalise(f"{title} {summary}"),
            )
        )  # fmt: skip
    Resource.objects.bulk_create(resources, batch_size=1000)
    ResourceAuthor.objects.bulk_create(
        ResourceAuthor(resource=r, name=f"Autrice {r.pk % 50}", role="intervenante")
        for r in Resource.objects.all()
    )
    return edition


def measure(client, path, runs):
    times, size = [], 0
    for _ in range(runs + 2):
        began = time.perf_counter()
        response = client.get(path)
        elapsed = (time.perf_counter() - began) * 1000
        assert response.status_code == 200, (path, response.status_code)
        times.append(elapsed)
        size = len(response.content)
    return statistics.median(times[2:]), size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--profile", action="store_true", help="print where the time goes")
    args = parser.parse_args()
    settings.NEC_API_RATE_PER_MINUTE = 10**9
    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        edition = build()
        settle()  # as the database's own upkeep would, on a running site
        client = Client()
        checks = [
            ("sessions list (100)", f"/api/v1/editions/{edition.slug}/sessions?per_page=100"),
            ("resource search (10 000, 'donnees')", "/api/v1/resources?q=donnees&per_page=50"),
            ("library page search ('donnees')", "/ressources/?q=donnees"),
        ]
        if args.profile:
            import cProfile
            import pstats

            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            for _label, path in checks:
                with CaptureQueriesContext(connection) as queries:
                    client.get(path)
                print(path, len(queries), "queries")
                for query in sorted(queries, key=lambda q: -float(q["time"]))[:3]:
                    print(f"  {float(query['time']) * 1000:.1f} ms  {query['sql'][:220]}")
                cProfile.runctx("client.get(path)", globals(), locals(), "/tmp/api.prof")
                pstats.Stats("/tmp/api.prof").sort_stats(
                    os.environ.get("PROFILE_SORT", "tottime")
                ).print_stats(int(os.environ.get("PROFILE_LINES", "18")))
            return
        for label, path in checks:
            median, size = measure(client, path, args.runs)
            print(f"{label:40s} median {median:6.1f} ms  {size:>8,} bytes  ({path})")
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
