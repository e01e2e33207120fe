"""Shared fixtures: the reference content and the personas of every access test.

alice is a caseworker who owns screenings; bob is a second caseworker who must see nothing of
alice's work; sam is a supervisor; val a volunteer; anonymous visitors have no account.
"""

from __future__ import annotations

import socket
import threading
from functools import partial

import pytest
from django.core.management import call_command
from django.utils import translation

from screening import roles
from tests.database import held_lock, on_file
from tests.factories import make_screening, make_user, make_verified_device


@pytest.fixture
def catalogue(db):
    call_command("load_reference")


@pytest.fixture
def alice(db):
    return make_user("alice", roles.CASEWORKER)


@pytest.fixture
def bob(db):
    return make_user("bob", roles.CASEWORKER)


@pytest.fixture
def sam(db):
    supervisor = make_user("sam", roles.SUPERVISOR)
    make_verified_device(supervisor)
    return supervisor


@pytest.fixture
def val(db):
    return make_user("val", roles.VOLUNTEER)


@pytest.fixture
def alices_screening(catalogue, alice):
    return make_screening(alice)


@pytest.fixture
def file_database(transactional_db, tmp_path):
    """The database as in production (on SQLite, a file in WAL mode rather than pytest-django's
    in-memory one), waiting only briefly for a lock. See tests/database.py."""
    with on_file(tmp_path) as path:
        yield path


@pytest.fixture
def busy_database(file_database, settings):
    """`with busy_database(): ...` holds the database's write lock from another connection."""
    settings.DATABASE_RETRY_SECONDS = 1
    return partial(held_lock, file_database)


@pytest.fixture
def personas(alice, bob, sam, val):
    return {"alice": alice, "bob": bob, "sam": sam, "val": val}


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2 is slow on purpose; tests create many users and need no protection from brute force.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin client, with the second factor the admin now asks staff for."""
    from tests.factories import sign_in

    make_verified_device(admin_user)
    sign_in(client, admin_user)
    return client


@pytest.fixture
def listener():
    """A local TCP listener on a free port; the test fails if anything connects to it.

    PDF tests point hostile URLs at it: the renderer must never make a request.
    """
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    hits: list[bytes] = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            hits.append(connection.recv(1024))
            connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    server.close()
    assert hits == []


@pytest.fixture(autouse=True)
def fresh_public_page_cache():
    # Each test's database starts from scratch, so pages rendered in another test must not show.
    from django.core.cache import caches

    from lib import page_cache

    caches["public_pages"].clear()
    caches["template_fragments"].clear()
    page_cache.clear_cached_values()


@pytest.fixture(autouse=True)
def reference_language():
    # LocaleMiddleware activates a request's language in the thread that made it, the test's own,
    # and leaves it active: a test that asks for Chinese would leave the next one in Chinese.
    yield
    translation.deactivate()
