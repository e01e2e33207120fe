"""Production-like settings for a throwaway database and static folder, and the machine's facts."""

from __future__ import annotations

import json
import os
import platform
import secrets
import shutil
import sqlite3
import subprocess
from importlib.metadata import version
from pathlib import Path

from cryptography.fernet import Fernet

PROJECT = Path(__file__).resolve().parent.parent


def production_environment(workdir: Path, *, manifest: bool = True) -> dict[str, str]:
    """The environment the app runs with in the bench: DEBUG off, fresh keys, SQLite in WAL.

    Plain HTTP on loopback, so no HTTPS redirect and no secure-only cookies. `manifest` picks
    whitenoise's hashed static names (needs collectstatic, as in production) over plain names.
    """
    # Keys are kept beside the database, so a kept work folder can be reused (--workdir).
    keys_file = workdir / "keys.json"
    if keys_file.exists():
        keys = json.loads(keys_file.read_text())
    else:
        keys = {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "NOTES_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        }
        keys_file.write_text(json.dumps(keys))
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        **keys,
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        # An absolute path wins over the project's SQLITE_NAME and any DATABASE_URL in .env.
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "STATIC_ROOT": str(workdir / "static"),
        "STATIC_MANIFEST": "true" if manifest else "false",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _wrk_version() -> str:
    if not shutil.which("wrk"):
        return "not installed"
    command = [shutil.which("wrk"), "--version"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    first = (result.stdout or result.stderr).splitlines()
    return first[0].split(" [")[0] if first else "unknown"


def _font_subsetter() -> str:
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    if harfbuzz_subset and harfbuzz.hb_version_atleast(4, 1, 0):
        return "HarfBuzz (libharfbuzz-subset)"
    return "fontTools (libharfbuzz-subset0 missing: PDFs are slower)"


def load_average() -> str:
    """The machine's load average over 1, 5 and 15 minutes (how busy the neighbours were)."""
    try:
        return " / ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def machine_facts() -> dict[str, str]:
    """What a reader needs to compare two runs: cores, CPU, and the versions that matter."""
    return {
        "CPU cores": str(os.cpu_count()),
        "CPU": _cpu_model(),
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "Django": version("django"),
        "gunicorn": version("gunicorn"),
        "WeasyPrint": version("weasyprint"),
        "PDF font subsetting": _font_subsetter(),
        "Load generator": _wrk_version(),
        "Load average (1 / 5 / 15 min) at the start": load_average(),
    }
