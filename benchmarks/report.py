"""Report ("bilan") benchmark: time to compute every figure and to render the PDF of a national
edition far larger than any real one, and the peak memory.

1. a temporary SQLite database (in a temporary NEC_VAR_DIR) is migrated, or the PostgreSQL
   database of DATABASE_URL (created if missing, emptied of a previous run's edition);
2. one edition is filled with 100 000 confirmed registrations, 200 sessions in 20 slots of 10
   rooms with 200 000 bookings, 20 000 survey answers (of 100 000 invited) and
   1 000 000 answers to questions (900 000 to the registration questionnaire, 100 000 to the
   survey), written with plain multi-row INSERTs (the ORM would spend minutes building objects);
3. the database settles as its own maintenance would (VACUUM ANALYZE / ANALYZE);
4. `compute()` is run 5 times (median printed), then the PDF rendered 3 times (median), and the
   process's peak resident memory is printed, with the Python allocation peak of one
   compute + PDF.

    uv run python benchmarks/report.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nec_reports_bench \
        uv run python benchmarks/report.py

Aim (issue 11): figures <= 1 s, PDF <= 5 s on this 2-core machine, memory < 300 MB."""

from __future__ import annotations

import json
import logging
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
REGISTRATIONS, RESPONSES, SESSIONS, ANSWERS = 100_000, 20_000, 200, 1_000_000
CHUNK = 20_000


def setup_django(var_dir: str) -> None:
    os.environ["NEC_DEBUG"] = "1"
    os.environ["NEC_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nec.settings")
    sys.path.insert(0, str(ROOT / "src"))
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        _create_pg_database(url)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False
    call_command("migrate", verbosity=0, interactive=False)


def _create_pg_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def insert(model, columns: list[str], rows) -> None:
    """Multi-row INSERTs of `rows` (tuples in `columns` order), CHUNK at a time."""
    from django.db import connection

    table = connection.ops.quote_name(model._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(c) for c in columns)
    json_cols = {i for i, c in enumerate(columns) if c == "value"}
    cast = "::jsonb" if connection.vendor == "postgresql" else ""
    one = (
        "(" + ", ".join("%s" + (cast if i in json_cols else "") for i in range(len(columns))) + ")"
    )
    per_statement = max(1, 900 // len(columns))  # SQLite's limit of bound parameters
    batch: list = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) == per_statement:
                cursor.execute(
                    f"INSERT INTO {table} ({cols}) VALUES " + ", ".join([one] * len(batch)),
                    [v for r in batch for v in r],
                )
                batch = []
        if batch:
            cursor.execute(
                f"INSERT INTO {table} ({cols}) VALUES " + ", ".join([one] * len(batch)),
                [v for r in batch for v in r],
            )


def build():
    from django.db import transaction
    from django.utils import timezone

    from nec.editions.models import Edition
    from nec.programme.models import Room, Session, TimeSlot, Track
    from nec.registrations.models import Answer, Booking, Registration
    from nec.registrations.questionnaire import DEPARTEMENTS, ensure_default_questionnaire
    from nec.surveys.models import Response, ResponseAnswer, SessionFeedback
    from nec.surveys.services import get_survey

    rng = random.Random(11)
    Edition.objects.filter(slug="nec-bench-bilan").delete()
    edition = Edition.objects.create(
        kind=Edition.Kind.NATIONAL,
        year=2030,
        title="NEC 2030 (banc d'essai du bilan)",
        slug="nec-bench-bilan",
        city="Lyon",
        start_date=date(2030, 3, 12),
        end_date=date(2030, 3, 13),
        status=Edition.Status.ARCHIVED,
    )
    with transaction.atomic():
        tracks = [Track.objects.create(edition=edition, name=f"Parcours {n}") for n in range(3)]
        questions = {q.key: q for q in ensure_default_questionnaire(edition)}
        rooms = Room.objects.bulk_create(
            Room(edition=edition, name=f"Salle {n}", capacity=600) for n in range(10)
        )
        start = timezone.make_aware(datetime(2030, 3, 12, 9))
        slots = TimeSlot.objects.bulk_create(
            TimeSlot(
                edition=edition,
                start=start + timedelta(hours=n),
                end=start + timedelta(hours=n, minutes=50),
            )
            for n in range(20)
        )
        sessions = Session.objects.bulk_create(
            Session(
                edition=edition,
                title=f"Session {n}",
                track=tracks[n % 3],
                room=rooms[n % 10],
                slot=slots[n // 10],
                published_room=rooms[n % 10],
                published_slot=slots[n // 10],
                status=Session.Status.PUBLISHED,
            )
            for n in range(SESSIONS)
        )
        now = timezone.now()
        insert(
            Registration,
            [
                "edition_id",
                "email",
                "first_name",
                "last_name",
                "organisation",
                "job_title",
                "status",
                "code",
                "newsletter_consent",
                "calendar_token",
                "checked_in_at",
                "created_at",
                "updated_at",
            ],
            (
                (
                    edition.pk,
                    f"p{n}@bench.example",
                    "P",
                    str(n),
                    "",
                    "",
                    "confirmed",
                    f"B{n:09d}",
                    False,
                    "",
                    now if n % 10 else None,
                    now,
                    now,
                )
                for n in range(REGISTRATIONS)
            ),
        )
        first = (
            Registration.objects.filter(edition=edition)
            .order_by("pk")
            .values_list("pk", flat=True)[0]
        )
        ids = range(first, first + REGISTRATIONS)
        codes = [c for c, _n in DEPARTEMENTS]
        per_person = [
            (
                "audience",
                lambda: rng.choice(["strategies_inclusion", "culture_citoyenne", "aucun"]),
            ),
            ("sector", lambda: rng.choice(["public", "private"])),
            ("structure_type", lambda: rng.choice(["collectivite", "association", "entreprise"])),
            ("departement", lambda: rng.choice(codes)),
            ("first_time", lambda: rng.random() < 0.58),
            ("with_colleagues", lambda: rng.random() < 0.69),
            (
                "objectives",
                lambda: rng.sample(["decouvrir", "rencontrer", "apprendre"], rng.randint(1, 3)),
            ),
            ("track", lambda: rng.choice([v for v, _l in questions["track"].choices])),
            ("public_kind", lambda: rng.choice(["collectivite", "etat", "operateur"])),
        ]
        insert(
            Answer,
            ["registration_id", "question_id", "value"],
            (
                (rid, questions[key].pk, json.dumps(make()))
                for rid in ids
                for key, make in per_person
            ),
        )
        insert(
            Booking,
            ["session_id", "registration_id", "status", "created_at", "updated_at"],
            (
                (
                    sessions[slot * 10 + (n // 10) % 10].pk,
                    first + n + slot % 10,
                    "confirmed",
                    now,
                    now,
                )
                for slot in range(20)
                for n in range(0, REGISTRATIONS, 10)
            ),
        )
        survey = get_survey(edition)
        survey.sent_at = now
        survey.save()
        survey_q = {q.key: q for q in survey.questions.all()}
        insert(
            Response,
            ["survey_id", "registration_id", "invited_at", "submitted_at", "updated_at"],
            (
                (survey.pk, first + n, now, now if n < RESPONSES else None, now)
                for n in range(0, REGISTRATIONS)
            ),
        )
        first_response = (
            Response.objects.filter(survey=survey).order_by("pk").values_list("pk", flat=True)[0]
        )
        survey_values = [
            ("objectives_met", lambda: rng.random() < 0.95),
            ("appreciation", lambda: rng.choice(["bien", "tres_bien", "geniale", "geniale"])),
            ("programme_relevant", lambda: rng.random() < 0.9),
            ("formats_attended", lambda: rng.randint(1, 10)),
            ("reference_event", lambda: rng.random() < 0.87),
        ]
        insert(
            ResponseAnswer,
            ["response_id", "question_id", "value"],
            (
                (first_response + n, survey_q[key].pk, json.dumps(make()))
                for n in range(RESPONSES)
                for key, make in survey_values
            ),
        )
        insert(
            SessionFeedback,
            ["response_id", "session_id", "rating", "comment"],
            (
                (first_response + n, sessions[(n * 3 + k) % SESSIONS].pk, rng.randint(1, 5), "")
                for n in range(RESPONSES)
                for k in range(3)
            ),
        )
    return edition


def main() -> int:
    with tempfile.TemporaryDirectory() as var_dir:
        setup_django(var_dir)
        from django.db import connection

        from nec.reports import rendering
        from nec.reports.figures import compute
        from nec.reports.services import get_report

        logging.getLogger("weasyprint").setLevel(logging.WARNING)
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
        started = time.perf_counter()
        from nec.editions.models import Edition

        edition = Edition.objects.filter(slug="nec-bench-bilan").first()
        if edition is None or not os.environ.get("NEC_BENCH_REUSE"):
            edition = build()
        from settling import settle

        settle()
        print(f"database: {connection.vendor}; data built in {time.perf_counter() - started:.1f} s")
        from nec.registrations.models import Answer
        from nec.surveys.models import ResponseAnswer

        total_answers = (
            Answer.objects.filter(registration__edition=edition).count()
            + ResponseAnswer.objects.filter(response__survey__edition=edition).count()
        )
        print(
            f"{edition.registrations.count():,} registrations, {SESSIONS} sessions, "
            f"{RESPONSES:,} survey answers, {total_answers:,} answers to questions"
        )
        compute(edition)  # warm-up (imports, history file)
        times = []
        for _ in range(5):
            t = time.perf_counter()
            compute(edition)
            times.append(time.perf_counter() - t)
        print(
            f"figures: median {statistics.median(times):.3f} s, max {max(times):.3f} s (aim <= 1 s)"
        )
        report = get_report(edition)
        pdf_times, size = [], 0
        for _ in range(3):
            t = time.perf_counter()
            context = {"edition": edition, "report": report, "data": compute(edition, report)}
            size = len(rendering.pdf_bytes(context, "http://localhost/"))
            pdf_times.append(time.perf_counter() - t)
        tracemalloc.start()  # slows Python down: measured apart from the timings
        context = {"edition": edition, "report": report, "data": compute(edition, report)}
        rendering.pdf_bytes(context, "http://localhost/")
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"PDF (figures + render): median {statistics.median(pdf_times):.2f} s, "
            f"{size / 1024:.0f} KB (aim <= 5 s)"
        )
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"memory: peak resident {rss:.0f} MB for the whole run (aim < 300 MB); "
            f"Python allocations peak {peak / 1024 / 1024:.0f} MB during figures + PDF"
        )
        if connection.vendor == "postgresql" and not os.environ.get("NEC_BENCH_REUSE"):
            edition.delete()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
