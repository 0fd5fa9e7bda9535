"""The `nec` command, run as a real process."""

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

COUNTED_TABLES = [
    "accounts_user",
    "editions_edition",
    "editions_organisation",
    "editions_partnership",
    "editions_membership",
    "editions_editionfigure",
]


def nec(*args, tmp_path, timeout=300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "NEC_DEBUG"}}
    env.update({"NEC_VAR_DIR": str(tmp_path / "var"), "PYTHONPATH": str(ROOT / "src")})
    return subprocess.run(
        [sys.executable, "-m", "nec.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def counts(database: Path) -> dict[str, int]:
    """Rows of every table of ours (the whole demo, every app)."""
    with sqlite3.connect(database) as connection:
        tables = [
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if name.startswith(("accounts_", "core_", "editions_", "programme_", "registrations_"))
        ]
        assert set(COUNTED_TABLES) <= set(tables)
        return {
            table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
            for table in tables
        }


def test_without_arguments_prints_usage(tmp_path):
    result = nec(tmp_path=tmp_path)
    assert result.returncode == 2
    assert "usage: nec" in result.stderr
    for command in ("demo", "serve", "manage"):
        assert command in result.stderr


def test_unknown_command_prints_usage(tmp_path):
    result = nec("fly", tmp_path=tmp_path)
    assert result.returncode == 2 and "usage: nec" in result.stderr


def test_demo_twice_adds_nothing_the_second_time(tmp_path):
    first = nec("demo", "--no-serve", "--port", "8790", tmp_path=tmp_path)
    assert first.returncode == 0, first.stderr
    # the links the demo prints and e-mails point to the port it serves
    assert "http://127.0.0.1:8790/compte/connexion/" in first.stdout
    database = tmp_path / "var" / "nec.sqlite3"
    assert database.exists()
    after_first = counts(database)
    assert after_first["editions_edition"] >= 12  # 8 real national + Metz + demo editions
    assert after_first["accounts_user"] >= 8
    assert "equipe-nationale@demo.nec.example" in first.stdout
    assert "Participant·e" in first.stdout
    second = nec("demo", "--no-serve", tmp_path=tmp_path)
    assert second.returncode == 0, second.stderr
    assert counts(database) == after_first


def test_manage_reaches_django_commands(tmp_path):
    result = nec("manage", "check", tmp_path=tmp_path)
    # production mode by default: without SECRET_KEY it refuses to start and says why
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr
    env_result = subprocess.run(
        [sys.executable, "-m", "nec.cli", "manage", "check"],
        env={
            **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
            "NEC_DEBUG": "1",
            "NEC_VAR_DIR": str(tmp_path / "var"),
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert env_result.returncode == 0, env_result.stderr
    assert "no issues" in env_result.stdout


def test_serve_refuses_to_start_without_secret_key(tmp_path):
    result = nec("serve", "--no-collectstatic", tmp_path=tmp_path, timeout=60)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_serve_runs_gunicorn_with_production_settings(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        k: v for k, v in os.environ.items() if k not in {"NEC_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        {
            "NEC_VAR_DIR": str(tmp_path / "var"),
            "PYTHONPATH": str(ROOT / "src"),
            "SECRET_KEY": "serve-test-" + "k" * 50,
            "BASE_URL": f"http://127.0.0.1:{port}",
            "ALLOWED_HOSTS": "127.0.0.1",
        }
    )
    subprocess.run(
        [sys.executable, "-m", "nec.cli", "manage", "migrate", "--verbosity", "0"],
        env=env,
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "nec.cli", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/charte/", headers={"X-Forwarded-Proto": "https"}
                )
                with urllib.request.urlopen(request, timeout=20) as response:
                    body = response.read().decode()
                    headers = response.headers
                break
            except OSError:  # refused while gunicorn starts, or timed out under load
                assert process.poll() is None, process.stdout.read().decode()
                assert time.monotonic() < deadline, "gunicorn did not answer in 120 s"
                time.sleep(0.5)
        assert "<h1" in body
        assert "max-age=31536000" in headers["Strict-Transport-Security"]
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert (tmp_path / "var" / "static" / "staticfiles.json").exists()  # collectstatic ran
    finally:
        process.terminate()
        process.wait(timeout=30)
