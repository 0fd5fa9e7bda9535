"""Settings come from the environment: each case runs in a fresh Python process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

DUMP = """
import json, django
django.setup()
from django.conf import settings as s
db = s.DATABASES["default"]
print(json.dumps({
    "DEBUG": s.DEBUG,
    "ALLOWED_HOSTS": s.ALLOWED_HOSTS,
    "BASE_URL": s.BASE_URL,
    "ENGINE": db["ENGINE"],
    "NAME": str(db["NAME"]),
    "HOST": db.get("HOST", ""),
    "OPTIONS": {k: str(v) for k, v in db.get("OPTIONS", {}).items()},
    "EMAIL_BACKEND": s.EMAIL_BACKEND,
    "EMAIL_HOST": s.EMAIL_HOST,
    "EMAIL_PORT": s.EMAIL_PORT,
    "EMAIL_USE_TLS": s.EMAIL_USE_TLS,
    "DEFAULT_FROM_EMAIL": s.DEFAULT_FROM_EMAIL,
    "SESSION_COOKIE_SECURE": getattr(s, "SESSION_COOKIE_SECURE", False),
    "CSRF_COOKIE_SECURE": getattr(s, "CSRF_COOKIE_SECURE", False),
    "SECURE_HSTS_SECONDS": getattr(s, "SECURE_HSTS_SECONDS", 0),
    "SECURE_SSL_REDIRECT": getattr(s, "SECURE_SSL_REDIRECT", False),
    "CSP": s.CONTENT_SECURITY_POLICY,
}))
"""

PRODUCTION = {
    "SECRET_KEY": "a-long-random-production-secret-" + "x7Qp9" * 10,
    "ALLOWED_HOSTS": "nec.example.org",
    "BASE_URL": "https://nec.example.org",
}


def run(code_or_args, env_overrides: dict, tmp_path) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("NEC_", "DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_"))
        and key not in {"BASE_URL", "DEFAULT_FROM_EMAIL", "DJANGO_SETTINGS_MODULE", "TASKS_BACKEND"}
        # set by pytest-env for the test process only
        and key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "nec.settings",
            "NEC_VAR_DIR": str(tmp_path / "var"),
            "PYTHONPATH": str(ROOT / "src"),
        }
    )
    env.update(env_overrides)
    args = code_or_args if isinstance(code_or_args, list) else ["-c", code_or_args]
    return subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def dump(env_overrides, tmp_path) -> dict:
    result = run(DUMP, env_overrides, tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_missing_secret_key_outside_debug_is_an_error_naming_it(tmp_path):
    result = run(DUMP, {"ALLOWED_HOSTS": "nec.example.org"}, tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_missing_base_url_outside_debug_is_an_error_naming_it(tmp_path):
    secret = "a-long-random-production-secret-" + "x7Qp9" * 10
    result = run(DUMP, {"ALLOWED_HOSTS": "nec.example.org", "SECRET_KEY": secret}, tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "BASE_URL" in result.stderr


def test_debug_works_without_any_variable(tmp_path):
    values = dump({"NEC_DEBUG": "1"}, tmp_path)
    assert values["DEBUG"] is True
    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert values["NAME"] == str(tmp_path / "var" / "nec.sqlite3")
    assert values["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in values["OPTIONS"]["init_command"]
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert values["SESSION_COOKIE_SECURE"] is False


def test_production_settings_from_the_environment(tmp_path):
    values = dump(
        {
            **PRODUCTION,
            "DATABASE_URL": "postgres://nec:motdepasse@db.internal:5432/nec",
            "EMAIL_HOST": "smtp.example.org",
            "EMAIL_PORT": "587",
            "EMAIL_USE_TLS": "1",
            "DEFAULT_FROM_EMAIL": "NEC <ne-pas-repondre@nec.example.org>",
        },
        tmp_path,
    )
    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["nec.example.org"]
    assert values["BASE_URL"] == "https://nec.example.org"
    assert values["ENGINE"] == "django.db.backends.postgresql"
    assert values["HOST"] == "db.internal" and values["NAME"] == "nec"
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (values["EMAIL_HOST"], values["EMAIL_PORT"], values["EMAIL_USE_TLS"]) == (
        "smtp.example.org",
        587,
        True,
    )
    assert values["DEFAULT_FROM_EMAIL"] == "NEC <ne-pas-repondre@nec.example.org>"
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_SSL_REDIRECT"] is True
    csp = values["CSP"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp


def test_check_deploy_on_production_settings_has_no_warning(tmp_path):
    result = run(
        ["-m", "django", "check", "--deploy", "--fail-level", "DEBUG"], PRODUCTION, tmp_path
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output
    assert "WARNINGS" not in output


def test_default_from_address_is_a_valid_header(settings):
    from django.core.mail import EmailMessage

    message = EmailMessage("s", "b", settings.DEFAULT_FROM_EMAIL, ["a@exemple.fr"]).message()
    assert message["From"].endswith("<nepasrepondre@nec.example>")
    assert "Commun=5Bs=5D" in message["From"]


@pytest.mark.django_db
def test_every_response_carries_the_content_security_policy(client):
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
