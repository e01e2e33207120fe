"""Loaded with `-p tests.environment` before Django's settings, so a bare `pytest` works.

Tests run with DEBUG off (production-like), so the settings need a key and hosts.
"""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("STATIC_MANIFEST", "false")
# The test client and the live server speak plain HTTP.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("NOTES_ENCRYPTION_KEYS", "dGVzdHMtb25seS1rZXktdGVzdHMtb25seS1rZXktLS0=")
# Playwright's live server runs views in a thread; Django's ORM calls from pytest's event loop
# would otherwise be refused.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
