"""A real worker process killed in the middle of a 2 000-recipient mailing, then restarted:
the SMTP sink receives every recipient once, nobody twice; the rows whose fate is unknown are
listed as uncertain, not resent (PostgreSQL: a real second process on the test database)."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from django.db import connection

from nec.community.models import Mailing, Purpose, Recipient
from nec.community.selectors import mailing_stats
from nec.community.services import mailings
from tests.community.builders import make_contacts, make_mailing, make_segment
from tests.concurrency import skip_unless_postgres

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

COUNT = 2000


def _worker(env: dict, mailing_id: int, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "nec.cli", "manage", "community_send", str(mailing_id), *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


def test_killed_worker_restarted_sends_each_recipient_once(national, smtp_sink, settings):
    skip_unless_postgres()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    make_contacts(COUNT, Purpose.NEWSLETTER)
    mailing = make_mailing(make_segment())
    mailings.schedule(mailing, actor=national)  # recipients fixed; no worker yet
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_sink.port),
        "NEC_DEBUG": "1",
    }
    worker = _worker(env, mailing.pk)
    deadline = time.monotonic() + 40
    while len(smtp_sink.recipients) < COUNT // 3 and time.monotonic() < deadline:
        assert worker.poll() is None, worker.stdout.read().decode()
        time.sleep(0.02)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    received_before = len(smtp_sink.recipients)
    assert 0 < received_before < COUNT

    restarted = _worker(env, mailing.pk, "--stale-after", "0")
    output = restarted.communicate(timeout=240)[0].decode()
    assert restarted.returncode == 0, output

    counts = Counter(smtp_sink.recipients)
    assert max(counts.values()) == 1  # nobody twice
    uncertain = set(
        Recipient.objects.filter(mailing=mailing, state=Recipient.State.UNCERTAIN).values_list(
            "email", flat=True
        )
    )
    everyone = set(Recipient.objects.filter(mailing=mailing).values_list("email", flat=True))
    assert len(everyone) == COUNT
    assert everyone - uncertain <= set(counts)  # every certain recipient received it once
    assert len(uncertain) <= 10  # at most the chunk in flight when the worker died
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.DONE
    stats = mailing_stats(mailing)
    assert stats["progress"] == 100 and stats["uncertain"] == len(uncertain)
    assert stats["sent"] == COUNT - len(uncertain)
