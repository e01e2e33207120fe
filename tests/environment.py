"""Loaded with `-p tests.environment` before Django's settings, so a bare `pytest` works.

Tests run with DEBUG off (production-like), so the settings need a key and hosts.
"""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("STATIC_MANIFEST", "false")
# Playwright's live server runs views in a thread; Django's ORM calls from pytest's event loop
# would otherwise be refused.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
