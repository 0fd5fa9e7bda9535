"""Programme pages: server time and size of the public programme, a session page and the JSON
export of a national-size edition.

1. a temporary SQLite database (in a temporary NEC_VAR_DIR) is migrated;
2. the programme demo builder fills a published national edition with ~100 sessions, ~250
   speakers, 14 slots and 10 rooms (the same code as `nec demo`);
3. each page is fetched N times with django.test.Client (in process: no network, no web server),
   and the median and p90 server (wall-clock) time, the median CPU time, the number of SQL
   queries, and the response size raw and gzipped (and with the stylesheet, which every page
   loads) are printed.

    uv run python benchmarks/programme_pages.py [--runs 30]

The programme page is measured for an anonymous visitor and for a registered participant
(seats and booking buttons on every session, counted fresh on every request; the list itself
is cached by `nec.programme.listing` until the programme changes).

Aim (issue 9): the programme page at a median <= 30 ms on the server and under 60 KB gzipped
including the CSS; the session page and the speakers list are reported too."""

from __future__ import annotations

import argparse
import gzip
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(var_dir: str) -> None:
    os.environ["NEC_DEBUG"] = "1"
    os.environ["NEC_VAR_DIR"] = var_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nec.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False  # no SQL logging and no debug toolbar-like overhead while measuring
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0, interactive=False)


def build():
    from nec.editions.models import Edition
    from nec.programme.demo import build_programme

    edition = Edition.objects.create(
        kind=Edition.Kind.NATIONAL,
        year=2027,
        title="Numérique en Commun[s] 2027 (banc d'essai)",
        slug="nec-2027-bench",
        city="Clermont-Ferrand",
        venue="Centre de congrès",
        start_date=date(2027, 3, 16),
        end_date=date(2027, 3, 18),
        status=Edition.Status.PUBLISHED,
    )
    build_programme(edition, random.Random(2027))
    return edition


def registered_participant(edition, sessions):
    """A confirmed participant with a few seats and a waiting place, as on the day."""
    from nec.accounts.models import User
    from nec.registrations import booking
    from nec.registrations.models import Registration

    user = User.objects.create_user("participante@bench.example")
    registration = Registration.objects.create(
        edition=edition,
        user=user,
        email=user.email,
        first_name="Camille",
        last_name="Banc",
        status=Registration.Status.CONFIRMED,
    )
    for session in sessions[::12]:
        try:
            booking.book(registration, session)
        except Exception:  # noqa: BLE001 (a full or overlapping session: skip it)
            continue
    return user


def measure(client, url: str, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up (templates, caches)
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    content = response.content
    return {
        "median_ms": statistics.median(times),
        "cpu_ms": statistics.median(cpu),
        "p90_ms": statistics.quantiles(times, n=10)[-1] if runs >= 10 else max(times),
        "queries": len(queries),
        "raw": len(content),
        "gzip": len(gzip.compress(content, compresslevel=6)),
    }


def json_export_url(edition) -> str | None:
    """The JSON export of the programme, if the exchange views exist."""
    from django.urls import NoReverseMatch, reverse

    for name in ("programme:export_json", "programme:programme_json", "programme:json"):
        try:
            return reverse(name, args=[edition.slug])
        except NoReverseMatch:
            continue
    return None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="requests per page (default 30)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="nec-bench-programme-") as var_dir:
        setup_django(var_dir)
        from django.test import Client

        from nec.programme import selectors

        t0 = time.perf_counter()
        edition = build()
        build_s = time.perf_counter() - t0
        sessions = list(selectors.published_sessions(edition))
        print(
            f"edition: {edition.sessions.count()} sessions ({len(sessions)} public), "
            f"{edition.speakers.count()} speakers, {edition.slots.count()} slots, "
            f"{edition.rooms.count()} rooms — built in {build_s:.1f} s"
        )
        css = (ROOT / "src/nec/core/static/nec/nec.css").read_bytes()
        css_gzip = len(gzip.compress(css, compresslevel=6))
        print(f"stylesheet nec.css: {len(css) / 1024:.1f} KB raw, {css_gzip / 1024:.1f} KB gzip")
        base = f"/editions/{edition.slug}/programme/"
        pages = [
            ("programme page", base),
            ("programme, filtered + search", f"{base}?q=num%C3%A9rique&step_free=on"),
            ("session page", sessions[len(sessions) // 2].get_absolute_url()),
            ("speakers page", f"/editions/{edition.slug}/intervenants/"),
        ]  # fmt: skip
        export = json_export_url(edition)
        if export:
            pages.append(("JSON export", export))
        client = Client()
        team = Client()
        participant = Client()
        from nec.accounts.models import User

        participant.force_login(registered_participant(edition, sessions))
        pages.insert(1, ("programme, participant", base))

        team.force_login(User.objects.create_user("equipe@bench.example", is_national_team=True))
        print(
            f"\n{'page':32} {'median':>9} {'p90':>9} {'cpu':>9} {'queries':>8} {'raw':>9}"
            f" {'gzip':>9} {'gzip+css':>9}"
        )
        results = {}
        orga = f"/orga/{edition.slug}/programme/"
        pages += [("orga: timetable grid", orga + "grille/"), ("orga: charter", orga + "charte/")]
        for label, url in pages:
            who = team if label.startswith("orga") else client
            who = participant if "participant" in label else who
            result = measure(who, url, args.runs)
            results[label] = result
            with_css = result["gzip"] + (css_gzip if "export" not in label else 0)
            label = label.replace("orga: ", "orga ")
            print(
                f"{label:32} {result['median_ms']:7.1f}ms {result['p90_ms']:7.1f}ms"
                f" {result['cpu_ms']:7.1f}ms"
                f" {result['queries']:8d} {result['raw'] / 1024:7.1f}KB"
                f" {result['gzip'] / 1024:7.1f}KB {with_css / 1024:7.1f}KB"
            )
        if not export:
            print("JSON export: skipped (no export URL yet: programme:export_json not defined)")
        page = results["programme page"]
        ok_time = page["median_ms"] <= 30
        print(
            f"\nload average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs: 'cpu' is the"
            " median CPU time of this process per request (the server time without the waiting"
            " for a busy machine)."
        )
        ok_size = (page["gzip"] + css_gzip) < 60 * 1024
        print(
            f"\naim: programme page <= 30 ms: {'OK' if ok_time else 'MISSED'}"
            f" ({page['median_ms']:.1f} ms wall, {page['cpu_ms']:.1f} ms CPU);"
            " < 60 KB gzip with CSS: "
            f"{'OK' if ok_size else 'MISSED'} ({(page['gzip'] + css_gzip) / 1024:.1f} KB)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
