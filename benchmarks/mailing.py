"""Mailing benchmark: 6 500 recipients sent by a real `nec manage db_worker` through a local
SMTP sink (aiosmtpd on 127.0.0.1), on PostgreSQL, loopback only:

1. (re)creates a fresh PostgreSQL database (DATABASE_URL, default .../nec_bench_mailing);
2. creates the contacts with their newsletter consent, a segment and a mailing, and schedules
   it: the recipients are fixed and the sending task queued in the database (django_tasks_db);
3. starts the SMTP sink and one `nec manage db_worker` process, and waits for the mailing to
   be done;
4. prints mails per second, the worker's peak memory (VmHWM) and the duplicates the sink
   received (must be 0).

    uv run python benchmarks/mailing.py --help
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from databases import recreate_database

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/nec_bench_mailing"


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Mailing benchmark (db_worker + SMTP sink).")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--recipients", type=int, default=6500)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--timeout", type=int, default=900, help="seconds before giving up")
    return parser.parse_args(argv)


def peak_memory_mb(pid: int) -> float:
    """The peak resident memory of a live process (Linux: VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv=None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT))
    from tests.community.smtp_sink import SmtpSink

    recreate_database(args.database_url)
    with SmtpSink() as sink:
        os.environ.update(
            {
                "DATABASE_URL": args.database_url,
                "NEC_DEBUG": "1",  # no HTTPS/BASE_URL requirements; the worker logs to console
                "SECRET_KEY": secrets.token_urlsafe(40),
                "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
                "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(sink.port),
                "DJANGO_SETTINGS_MODULE": "nec.settings",
            }
        )
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.utils import timezone

        from nec.accounts.models import User
        from nec.community.models import Consent, Contact, Mailing, Purpose, Recipient, Segment
        from nec.community.services import mailings

        call_command("migrate", verbosity=0)
        settings.COMMUNITY_BATCH_SIZE = args.batch_size
        now = timezone.now()
        Contact.objects.bulk_create(
            [
                Contact(
                    email=f"personne{index}@example.org",
                    first_name=f"Prénom{index}",
                    created_at=now,
                    last_activity_at=now,
                )
                for index in range(args.recipients)
            ],
            batch_size=2000,
        )
        Consent.objects.bulk_create(
            [
                Consent(
                    contact_id=pk,
                    purpose=Purpose.NEWSLETTER,
                    status=Consent.Status.GRANTED,
                    source="benchmark",
                    wording="texte",
                    given_at=now,
                )
                for pk in Contact.objects.values_list("pk", flat=True)
            ],
            batch_size=2000,
        )
        actor = User.objects.create_user(email="bench@nec.example", is_national_team=True)
        mailing = Mailing.objects.create(
            subject="Bonjour {prenom}",
            body="Bonjour {prenom},\n\nLe programme : https://nec.example/programme/\n\nÀ bientôt.",
            segment=Segment.objects.create(name="Tous", filters={}),
        )
        mailings.schedule(mailing, actor=actor)  # queues the sending task in the database
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "nec.cli",
                "manage",
                "db_worker",
                "--interval",
                "0.2",
                "--no-startup-delay",
                "--no-reload",
            ],
            env={**os.environ, "COMMUNITY_BATCH_SIZE": str(args.batch_size)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started = time.monotonic()
        peak = 0.0
        try:
            while time.monotonic() - started < args.timeout:
                time.sleep(0.5)
                peak = max(peak, peak_memory_mb(worker.pid))
                mailing.refresh_from_db()
                if mailing.status == Mailing.Status.DONE:
                    break
            elapsed = time.monotonic() - started
            peak = max(peak, peak_memory_mb(worker.pid))
        finally:
            worker.terminate()
            worker.wait(timeout=30)
        received = Counter(sink.recipients)
        sent = Recipient.objects.filter(mailing=mailing, state=Recipient.State.SENT).count()
        duplicates = sum(count - 1 for count in received.values() if count > 1)
        print(f"recipients           {args.recipients}")
        print(f"mailing status       {mailing.status}")
        print(f"sent (database)      {sent}")
        print(f"received (SMTP sink) {sum(received.values())}")
        print(f"duplicates           {duplicates}")
        print(f"elapsed              {elapsed:.1f} s (worker start to mailing done)")
        print(f"mails per second     {sent / elapsed:.1f}")
        print(f"worker peak memory   {peak:.0f} MB (VmHWM)")
    return 0 if duplicates == 0 and mailing.status == Mailing.Status.DONE else 1


if __name__ == "__main__":
    sys.exit(main())
