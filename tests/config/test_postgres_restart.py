"""PostgreSQL restarted under a running app: a save during the restart gets a 503 that keeps what
was typed, and the next save works, with no restart of the app.

The app runs as in production: gunicorn, one sync worker keeping its connection between
requests (CONN_MAX_AGE), on the test database. The server is the throwaway one that .ci/run
starts; it exports how to control it (PG_CTL, PG_DATA, PG_LOG, and PG_RUN_AS, the command that
runs a program as the server's user). Skipped when the suite is not running on PostgreSQL; in
CI, a server it cannot restart is a failure, not a skip.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from urllib.parse import quote

import pytest
from django.db import connection

from bench.client import fetch, open_form
from bench.data import session_for, step_form
from bench.server import Gunicorn
from lib.database import RETRY_AFTER_SECONDS

pytestmark = pytest.mark.django_db(transaction=True)
CONTROL = ("PG_CTL", "PG_DATA", "PG_LOG")


@pytest.fixture
def pg_ctl():
    """Runs pg_ctl on the test's server as its user; skips or, in CI, fails without one."""
    if connection.vendor != "postgresql":
        pytest.skip("Runs only against PostgreSQL (DATABASE_URL).")
    missing = [name for name in CONTROL if not os.environ.get(name)]
    if missing:
        message = f"Cannot restart the PostgreSQL server: {', '.join(missing)} not set (.ci/run)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)

    def pg_ctl(*args: str) -> None:
        command = [*shlex.split(os.environ.get("PG_RUN_AS", "")), os.environ["PG_CTL"]]
        command += ["-D", os.environ["PG_DATA"], "-l", os.environ["PG_LOG"], "-w", *args]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)  # noqa: S603
        assert result.returncode == 0, f"{shlex.join(command)}: {result.stdout}{result.stderr}"

    return pg_ctl


@pytest.fixture
def app(pg_ctl, tmp_path, monkeypatch):
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    url = f"postgres://{quote(db['USER'])}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("CONN_MAX_AGE", "600")
    with Gunicorn(tmp_path, workers=1) as server:
        yield server


def test_a_save_during_a_restart_gets_503_and_the_next_one_saves(
    alice, alices_screening, app, pg_ctl
):
    screening, group = alices_screening, alices_screening.groups[0]
    path = screening.step_url(2)
    session = session_for(alice)
    form = open_form(app.url, path, session)  # the worker now keeps a connection
    workers = app.worker_pids()
    cookies = {"sessionid": session, "csrftoken": form.csrf_cookie}
    same_site = {"Origin": app.url}

    def save(version: int, marker: str):
        body = f"version={version}&" + step_form(group, csrf_token=form.csrf_token, marker=marker)
        return fetch(app.url, path, method="POST", cookies=cookies, form=body, headers=same_site)

    try:
        # Restarted between two requests: the worker's kept connection is dead, and is replaced.
        pg_ctl("restart", "-m", "fast")
        assert save(form.version, "[after a restart]").status == 302
        assert fetch(app.url, "/readyz/").status == 200

        # A request while the server is down.
        pg_ctl("stop", "-m", "fast")
        try:
            during = save(form.version + 1, "[during a restart]")
            ready_during = fetch(app.url, "/readyz/")
        finally:
            pg_ctl("restart")  # not running: starts it with the options it was last given
        assert during.status == 503
        assert during.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
        assert "[during a restart]" in during.body.decode()  # kept in the page, to send again
        assert ready_during.status == 503

        again = save(form.version + 1, "[during a restart]")
        assert again.status == 302
        assert fetch(app.url, "/readyz/").status == 200
        assert app.worker_pids() == workers  # the same worker throughout: no app restart
    finally:
        connection.close()  # this process's own connection did not survive the restarts
    screening.refresh_from_db()
    assert screening.version == form.version + 2
    assert screening.step_notes.get().text.endswith("[during a restart]")


def test_ready_reports_the_database_as_it_is_at_each_call(app, pg_ctl):
    try:
        assert fetch(app.url, "/readyz/").status == 200
        pg_ctl("stop", "-m", "fast")
        try:
            assert fetch(app.url, "/readyz/").status == 503
        finally:
            pg_ctl("restart")
        assert fetch(app.url, "/readyz/").status == 200
    finally:
        connection.close()
