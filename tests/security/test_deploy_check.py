"""`manage.py check --deploy` under the production profile prints no warning."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k3Jd9-q2LmZ8vX1pT6wR0yB4nC7hF5sA2eG9uI3oP8lK1jM6-Qw7Er4Ty1Ui0Op",
    "ALLOWED_HOSTS": "screening.example.org",
    "NOTES_ENCRYPTION_KEYS": "dGVzdHMtb25seS1rZXktdGVzdHMtb25seS1rZXktLS0=",
    "DATABASE_URL": "sqlite:////tmp/deploy-check.sqlite3",
    "ORGANISATION_NAME": "Helping Hands Hong Kong",  # else screening.W001 (issue 26)
}


def _manage(*args: str, **env_overrides: str) -> subprocess.CompletedProcess:
    # The production environment, without what tests/environment.py sets for the test run.
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECURE_", "STATIC_", "DJANGO_ALLOW_ASYNC"))
    }
    env.update(PRODUCTION)
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_reports_no_deploy_warnings_in_production():
    result = _manage("check", "--deploy", "--fail-level", "WARNING")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output


def test_it_refuses_to_start_without_a_secret_key():
    result = _manage("check", SECRET_KEY="")
    assert result.returncode == 2
    assert "Configuration error: DEBUG is off, so SECRET_KEY must be" in result.stderr
    assert "Traceback" not in result.stderr


def test_it_refuses_to_start_without_allowed_hosts():
    result = _manage("check", ALLOWED_HOSTS="")
    assert result.returncode == 2
    assert "ALLOWED_HOSTS" in result.stderr and "Traceback" not in result.stderr


def test_it_refuses_to_start_without_the_notes_key():
    result = _manage("check", NOTES_ENCRYPTION_KEYS="")
    assert result.returncode == 2
    assert "NOTES_ENCRYPTION_KEYS" in result.stderr and "Traceback" not in result.stderr
