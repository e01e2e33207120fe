"""Error pages that tell the truth: a 500 promises nothing about what was saved; a database that
is away answers 503 from anywhere, gives back what an editing page sent, and Quick exit leaves
all the same."""

from __future__ import annotations

import re

import psycopg
import pytest
from django.db import OperationalError
from django.template import loader
from django.urls import reverse
from django.utils.html import escape

from accounts.sessions import SessionStore
from lib.database import RETRY_AFTER_SECONDS
from tests.factories import sign_in, step_data

QUICK_EXIT_FORM = '<form class="quick-exit-form" method="post" action="/accounts/quick-exit/"'


@pytest.fixture
def database_away(monkeypatch):
    """Every read of a session fails as when PostgreSQL is down: before any view runs."""

    def refused(self):
        raise OperationalError("connection refused") from psycopg.OperationalError(
            "connection failed: Connection refused"
        )

    def start():
        monkeypatch.setattr(SessionStore, "load", refused)

    return start


@pytest.fixture
def visitor(client):
    client.raise_request_exception = False
    return client


def test_the_500_page_promises_nothing_about_what_was_saved(visitor, db, settings):
    settings.ROOT_URLCONF = "tests.config.raising_urls"
    response = visitor.get("/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "saved work is kept" not in page
    assert "may not have been saved" in page
    assert "call 999" in page and QUICK_EXIT_FORM in page
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("template", ["500.html", "503.html"])
def test_the_error_pages_need_no_request_and_no_context(template):
    page = loader.render_to_string(template)
    assert QUICK_EXIT_FORM in page and "999" in page


def test_a_database_away_before_any_view_answers_503(visitor, alice, database_away):
    sign_in(visitor, alice)
    database_away()
    response = visitor.get(reverse("screening:list"))
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    page = response.content.decode()
    assert "nothing was saved or changed" in page
    assert QUICK_EXIT_FORM in page and "call 999" in page
    assert "no-store" in response["Cache-Control"]


def test_it_gives_back_what_an_editing_page_sent_to_send_again(
    visitor, alice, alices_screening, database_away
):
    sign_in(visitor, alice)
    data = step_data(alices_screening, 2, step_notes='She said "my passport" & cried')
    database_away()
    response = visitor.post(alices_screening.step_url(2), data, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 503
    page = response.content.decode()
    form = re.search(r'<form method="post" action="([^"]+)">(.*?)</form>', page, re.S)
    assert form and form.group(1) == alices_screening.step_url(2)
    for name, value in data.items():
        assert f'name="{name}" value="{escape(value)}"' in form.group(2), name
    assert "Send again" in page


def test_it_gives_nothing_back_to_another_site(visitor, alice, alices_screening, database_away):
    sign_in(visitor, alice)
    data = step_data(alices_screening, 2, step_notes="typed here")
    database_away()
    response = visitor.post(alices_screening.step_url(2), data, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 503
    assert "typed here" not in response.content.decode()


def test_it_gives_back_nothing_from_a_page_that_does_not_keep_typing(visitor, db, database_away):
    visitor.cookies["sessionid"] = "an-old-session-of-this-browser"  # read before the view
    database_away()
    response = visitor.post(
        reverse("accounts:login"),
        {"username": "alice", "password": "correct horse battery"},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 503
    assert "correct horse battery" not in response.content.decode()


def test_quick_exit_leaves_when_the_database_is_away(visitor, alice, database_away, settings):
    sign_in(visitor, alice)
    database_away()
    response = visitor.post(reverse("accounts:quick_exit"))
    assert response.status_code == 303
    assert response["Location"] == settings.QUICK_EXIT_URL
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert response.cookies["sessionid"].value == ""  # the browser forgets the session


def test_quick_exit_leaves_when_the_session_cannot_be_ended(visitor, alice, monkeypatch, settings):
    sign_in(visitor, alice)

    def refused(request):
        raise OperationalError("database is locked")

    monkeypatch.setattr("accounts.views.logout", refused)
    response = visitor.post(reverse("accounts:quick_exit"))
    assert response.status_code == 303
    assert response["Location"] == settings.QUICK_EXIT_URL
    assert response.cookies["sessionid"].value == ""
