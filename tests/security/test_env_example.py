"""`.env.example` works when copied to `.env` for local use, and the README documents it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / ".env.example"

# Prints the settings that decide whether signing in works over plain http.
SHOW_SETTINGS = """
import json

import environ

# Exactly the variables given: the checkout's own .env, if any, must not fill the gaps.
environ.Env.read_env = classmethod(lambda cls, *args, **kwargs: None)

from django.conf import settings

names = [
    "DEBUG", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
]
print(json.dumps({name: getattr(settings, name) for name in names}))
"""


def _example_values() -> dict[str, str]:
    values = {}
    for line in EXAMPLE.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key] = value
    return values


def _settings_with(variables: dict[str, str]) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", SHOW_SETTINGS],
        cwd=ROOT,
        env={**variables, "PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_it_loads_local_settings_that_work_over_http():
    assert _settings_with(_example_values()) == {
        "DEBUG": True,
        "SECURE_SSL_REDIRECT": False,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_HSTS_SECONDS": 0,
    }


def test_it_turns_every_https_protection_on_when_debug_is_turned_off():
    # The example sets no HTTPS value of its own, so a copy used with DEBUG=false is not weakened.
    production = {
        **_example_values(),
        "DEBUG": "false",
        "SECRET_KEY": "k3Jd9-q2LmZ8vX1pT6wR0yB4nC7hF5sA2eG9uI3oP8lK1jM6-Qw7Er4Ty1Ui0Op",
        "NOTES_ENCRYPTION_KEYS": "dGVzdHMtb25seS1rZXktdGVzdHMtb25seS1rZXktLS0=",
    }
    assert _settings_with(production) == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
    }


def test_it_names_the_same_variables_as_the_readme_configuration_table():
    in_example = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", EXAMPLE.read_text(), re.MULTILINE))
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    first_cells = [row.split("|")[1] for row in section.splitlines() if row.startswith("| `")]
    in_readme = {name for cell in first_cells for name in re.findall(r"`([A-Z0-9_]+)`", cell)}
    assert in_example == in_readme
