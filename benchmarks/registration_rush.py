"""Registration rush: 1 800 people each booking ~8 sessions over HTTP, many at once.

Against the app served by gunicorn on PostgreSQL, on loopback only:

1. (re)creates a fresh PostgreSQL database (DATABASE_URL, default .../nec_bench) and migrates it;
2. builds a national edition with ~100 published sessions in 14 slots whose capacities add up to
   people x 8 x 0.8 seats, a few popular sessions drawing most of the demand;
3. creates the people's accounts and CONFIRMED registrations directly in the database (the
   registration form is not what this measures), and a signed-in Django session for each
   (a session row + cookie made with SessionStore: no test login endpoint exists anywhere);
4. starts `gunicorn nec.wsgi` with production settings on 127.0.0.1;
5. each person books their sessions one after the other through the real booking form
   (POST with CSRF token); a thread pool runs many people at once over keep-alive connections;
6. prints requests and bookings per second, latency p50/p95/p99, HTTP errors, and overbooked
   seats counted in the database afterwards (must be 0); stops gunicorn.

    uv run python benchmarks/registration_rush.py --help
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode, urlparse

from databases import recreate_database

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/nec_bench"


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Registration rush benchmark (gunicorn + PostgreSQL, loopback only)."
    )
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--people", type=int, default=1800)
    parser.add_argument("--per-person", type=int, default=8, help="sessions each person books")
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--slots", type=int, default=14)
    parser.add_argument(
        "--fill", type=float, default=0.8, help="seats = people x per-person x fill"
    )
    parser.add_argument("--concurrency", type=int, default=32, help="people booking at once")
    parser.add_argument("--workers", type=int, default=6, help="gunicorn workers")
    parser.add_argument(
        "--threads", type=int, default=1, help="gunicorn threads per worker (1: sync workers)"
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--time-limit", type=float, default=300.0, help="seconds, at most")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args(argv)
    host = urlparse(args.database_url).hostname
    if host not in {"127.0.0.1", "localhost", "::1", None, ""}:
        parser.error("the benchmark only runs against a database on loopback")
    return args


# --------------------------------------------------------------------------- database


def setup_django(url: str, secret_key: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["SECRET_KEY"] = secret_key
    os.environ["NEC_DEBUG"] = "0"
    os.environ.setdefault("BASE_URL", "http://127.0.0.1:8000")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nec.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def build(args, rng: random.Random) -> dict:
    """Edition, rooms, slots, sessions, people, registrations, signed-in sessions."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session as DjangoSession
    from django.core.management import call_command
    from django.utils import timezone

    from nec.accounts.models import User
    from nec.editions.models import Edition
    from nec.programme.models import Room, Session, TimeSlot
    from nec.registrations.models import Registration, RegistrationSettings

    call_command("migrate", verbosity=0)
    start_day = timezone.localdate() + timedelta(days=30)
    edition = Edition.objects.create(
        kind=Edition.Kind.NATIONAL,
        year=start_day.year,
        title="NEC banc d'essai",
        slug="nec-bench",
        city="Strasbourg",
        start_date=start_day,
        end_date=start_day + timedelta(days=1),
        status=Edition.Status.PUBLISHED,
    )
    RegistrationSettings.objects.create(edition=edition, waitlist_mode="direct")
    slots = []
    for i in range(args.slots):
        day = start_day + timedelta(days=i // 7)
        hour = 9 + (i % 7) * 1.5
        start = timezone.make_aware(
            datetime(day.year, day.month, day.day, int(hour), int((hour % 1) * 60))
        )
        slots.append(
            TimeSlot.objects.create(edition=edition, start=start, end=start + timedelta(minutes=75))
        )
    total_seats = int(args.people * args.per_person * args.fill)
    # Uneven room sizes, like a congress centre: a few big rooms, many workshop rooms.
    weights = [rng.choice([0.4, 0.6, 0.8, 1.0, 1.0, 1.5, 2.5]) for _ in range(args.sessions)]
    scale = total_seats / sum(weights)
    rooms = Room.objects.bulk_create(
        [
            Room(edition=edition, name=f"Salle {i + 1}", capacity=max(10, round(w * scale)))
            for i, w in enumerate(weights)
        ]
    )
    sessions = Session.objects.bulk_create(
        [
            Session(
                edition=edition,
                title=f"Session {i + 1}",
                room=rooms[i],
                slot=slots[i % args.slots],
                status=Session.Status.PUBLISHED,
            )
            for i in range(args.sessions)
        ]
    )
    users = User.objects.bulk_create(
        [
            User(email=f"p{i}@bench.example", first_name=f"P{i}", last_name="Bench")
            for i in range(args.people)
        ]
    )
    Registration.objects.bulk_create(
        [
            Registration(
                edition=edition,
                user=u,
                email=u.email,
                first_name=u.first_name,
                last_name=u.last_name,
                status=Registration.Status.CONFIRMED,
            )
            for u in users
        ]
    )
    store = SessionStore()
    expire = timezone.now() + timedelta(days=1)
    cookies = []
    rows = []
    for user in users:
        key = secrets.token_hex(16)
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        rows.append(
            DjangoSession(session_key=key, session_data=store.encode(data), expire_date=expire)
        )
        cookies.append(key)
    DjangoSession.objects.bulk_create(rows, batch_size=500)
    # Popularity: a few sessions draw much more demand than their room (they will be full).
    popularity = {s.pk: rng.paretovariate(1.5) for s in sessions}
    by_slot: dict[int, list] = {}
    for s in sessions:
        by_slot.setdefault(s.slot_id, []).append(s)
    plans = []
    slot_ids = list(by_slot)
    for _ in users:
        chosen_slots = rng.sample(slot_ids, min(args.per_person, len(slot_ids)))
        plan = []
        for slot_id in chosen_slots:
            candidates = by_slot[slot_id]
            plan.append(
                rng.choices(candidates, weights=[popularity[c.pk] for c in candidates])[0].pk
            )
        plans.append(plan)
    return {"edition": edition, "cookies": cookies, "plans": plans, "sessions": sessions}


# --------------------------------------------------------------------------- server


def start_gunicorn(args, secret_key: str) -> subprocess.Popen:
    static_root = Path(tempfile.mkdtemp(prefix="nec-bench-static-"))
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "SECRET_KEY": secret_key,
        "NEC_DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "BASE_URL": f"http://127.0.0.1:{args.port}",
        "LOG_LEVEL": "ERROR",
        "STATIC_ROOT": str(static_root),
        "PYTHONPATH": str(ROOT / "src"),
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "nec.wsgi",
        "--bind",
        f"127.0.0.1:{args.port}",
        "--workers",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--worker-class",
        "gthread" if args.threads > 1 else "sync",
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=2)
            # A GET on the booking action: 405, rendered without templates or static files.
            conn.request(
                "GET", "/editions/nec-bench/reservations/1/reserver/", headers={"Host": "127.0.0.1"}
            )
            conn.getresponse().read()
            conn.close()
            return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit("gunicorn exited at start") from None
            time.sleep(0.3)
    stop_gunicorn(process)
    raise SystemExit("gunicorn did not answer within 30 s")


def _cpu_seconds(pid: int) -> float:
    """utime + stime of a process, from /proc (Linux); 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """CPU seconds used by gunicorn (master + workers) and by the PostgreSQL backends serving
    the benchmark database, sampled every second (backends come and go with CONN_MAX_AGE): what
    a booking costs, whatever else runs on the machine."""

    def __init__(self, master_pid: int, database: str):
        self.master_pid = master_pid
        self.database = database
        self.seen: dict[tuple[str, int], float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _pids(self) -> tuple[list[int], list[int]]:
        workers = [self.master_pid]
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if ppid == self.master_pid:
                workers.append(int(stat.parent.name))
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [self.database],
            )
            backends = [row[0] for row in cursor.fetchall()]
        return workers, backends

    def sample(self) -> None:
        workers, backends = self._pids()
        for kind, pids in (("gunicorn", workers), ("postgres", backends)):
            for pid in pids:
                used = _cpu_seconds(pid)
                key = (kind, pid)
                self.seen[key] = max(self.seen.get(key, 0.0), used)

    def _run(self) -> None:
        from django.db import connection

        while not self.stop.wait(1.0):
            self.sample()
        connection.close()

    def __enter__(self):
        self.sample()
        self.start = {kind: self.total(kind) for kind in ("gunicorn", "postgres")}
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()
        self.sample()

    def total(self, kind: str) -> float:
        return sum(v for (k, _pid), v in self.seen.items() if k == kind)

    def used(self, kind: str) -> float:
        return self.total(kind) - self.start[kind]


def stop_gunicorn(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# --------------------------------------------------------------------------- load


class Client:
    """One keep-alive connection per thread."""

    local = threading.local()

    def __init__(self, port: int):
        self.port = port

    def conn(self) -> http.client.HTTPConnection:
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.local.conn = conn
        return conn

    def post(self, path: str, body: str, cookie: str) -> int:
        headers = {
            "Host": "127.0.0.1",
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            "Origin": f"http://127.0.0.1:{self.port}",
            "Connection": "keep-alive",
        }
        for attempt in (1, 2):
            conn = self.conn()
            try:
                conn.request("POST", path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    self.local.conn = None
                return response.status
            except (http.client.HTTPException, OSError):
                conn.close()
                self.local.conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def rush(args, built: dict) -> dict:
    client = Client(args.port)
    slug = built["edition"].slug
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    failures: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + args.time_limit

    def person(index: int) -> None:
        csrf = secrets.token_hex(16)  # a 32-character CSRF secret, in cookie and form alike
        cookie = f"sessionid={built['cookies'][index]}; csrftoken={csrf}"
        next_url = f"/editions/{slug}/reservations/"
        for session_id in built["plans"][index]:
            if time.monotonic() > deadline:
                return
            path = f"/editions/{slug}/reservations/{session_id}/reserver/"
            body = urlencode({"csrfmiddlewaretoken": csrf, "next": next_url})
            started = time.perf_counter()
            try:
                status = client.post(path, body, cookie)
            except Exception as error:  # noqa: BLE001 - counted as an error
                with lock:
                    failures.append(repr(error))
                continue
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1

    order = list(range(args.people))
    random.Random(args.seed).shuffle(order)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        futures = [pool.submit(person, i) for i in order]
        for future in as_completed(futures):
            future.result()
    elapsed = time.perf_counter() - started
    return {
        "elapsed": elapsed,
        "latencies": latencies,
        "statuses": statuses,
        "failures": failures,
    }


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def check_database(edition) -> dict:
    from django.db.models import Count, Q

    from nec.programme.models import Session
    from nec.registrations.models import Booking

    rows = Session.objects.filter(edition=edition).annotate(
        held=Count("bookings", filter=Q(bookings__status__in=["confirmed", "offered"]))
    )
    overbooked = 0
    full = 0
    fill = []
    for s in rows.select_related("room"):
        capacity = s.capacity
        overbooked += max(0, s.held - capacity)
        full += s.held >= capacity
        fill.append(s.held / capacity)
    confirmed = Booking.objects.filter(session__edition=edition, status="confirmed").count()
    duplicates = (
        Booking.objects.filter(session__edition=edition, status__in=["confirmed", "waiting"])
        .values("session", "registration")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    return {
        "confirmed": confirmed,
        "overbooked": overbooked,
        "full_sessions": full,
        "average_fill": statistics.mean(fill) if fill else 0,
        "duplicates": duplicates,
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    rng = random.Random(args.seed)
    secret_key = secrets.token_urlsafe(50)
    print(f"database: {args.database_url} (recreated)")
    recreate_database(args.database_url)
    setup_django(args.database_url, secret_key)
    t0 = time.perf_counter()
    built = build(args, rng)
    seats = sum(s.capacity for s in built["sessions"])
    print(
        f"built in {time.perf_counter() - t0:.1f} s: {len(built['sessions'])} sessions, "
        f"{seats} seats, {args.people} people with confirmed registrations and signed-in sessions"
    )
    from django.db import connections

    connections.close_all()
    process = start_gunicorn(args, secret_key)
    try:
        print(
            f"gunicorn nec.wsgi on 127.0.0.1:{args.port}: {args.workers} workers x "
            f"{args.threads} threads; {args.concurrency} people booking at once"
        )
        database = urlparse(args.database_url).path.lstrip("/")
        with CpuMeter(process.pid, database) as meter:
            result = rush(args, built)
    finally:
        stop_gunicorn(process)
    figures = check_database(built["edition"])
    lat = result["latencies"]
    requests = len(lat)
    redirects = result["statuses"].get(302, 0)
    errors = len(result["failures"]) + sum(
        n for status, n in result["statuses"].items() if status != 302
    )
    print()
    print(f"booking requests: {requests} in {result['elapsed']:.1f} s")
    print(f"requests per second: {requests / result['elapsed']:.1f}")
    print(
        f"bookings (seats given) per second: {figures['confirmed'] / result['elapsed']:.1f} "
        f"({figures['confirmed']} seats; the other answers were 'complet')"
    )
    print(
        "latency ms: p50 {:.1f}  p95 {:.1f}  p99 {:.1f}  max {:.1f}".format(
            *(1000 * percentile(lat, p) for p in (50, 95, 99, 100))
        )
    )
    print(f"HTTP statuses: {dict(sorted(result['statuses'].items()))}  (302 = handled)")
    print(f"errors: {errors}" + (f" e.g. {result['failures'][:3]}" if result["failures"] else ""))
    print(
        f"sessions full: {figures['full_sessions']}/{len(built['sessions'])}, "
        f"average fill {100 * figures['average_fill']:.1f} %"
    )
    app_ms = 1000 * meter.used("gunicorn") / max(requests, 1)
    db_ms = 1000 * meter.used("postgres") / max(requests, 1)
    load = os.getloadavg()
    print(
        f"CPU per booking request: gunicorn {app_ms:.1f} ms + PostgreSQL {db_ms:.1f} ms "
        f"(so about {2000 / max(app_ms + db_ms, 0.001):.0f} requests/s on 2 idle cores); "
        f"machine load average during the run: {load[0]:.1f} / {load[1]:.1f}"
    )
    print(f"duplicate live bookings: {figures['duplicates']}")
    print(f"overbooked seats: {figures['overbooked']}")
    ok = figures["overbooked"] == 0 and figures["duplicates"] == 0 and redirects == requests
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
